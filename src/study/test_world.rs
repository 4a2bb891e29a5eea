//! The embedded chart, library and drills with every study item: the world the study module's
//! unit tests ask their questions in.

use super::{Drills, Item, Sources, catalog, embedded_drills};
use crate::geometry::ChartGeometry;
use crate::load::{Content, embedded_content};

/// The embedded content, its geometry, the drills and the item catalogue.
pub(crate) struct World {
    pub content: Content,
    pub geometry: ChartGeometry,
    pub drills: Drills,
    pub items: Vec<Item>,
}

/// Load the world.
pub(crate) fn world() -> World {
    let content = embedded_content().expect("content");
    let geometry = ChartGeometry::new(&content.chart);
    let drills = embedded_drills(&content.library).expect("drills");
    let items = catalog(&content.chart, &geometry, &content.library, &drills);
    World {
        content,
        geometry,
        drills,
        items,
    }
}

impl World {
    /// What a quiz looks things up in.
    pub fn src(&self) -> Sources<'_> {
        Sources {
            chart: &self.content.chart,
            geometry: &self.geometry,
            library: &self.content.library,
            drills: &self.drills,
        }
    }
}
