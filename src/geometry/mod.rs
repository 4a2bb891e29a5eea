//! Pure geometry: normalized chart coordinates → foot space → chart space, shape outlines,
//! triangulation, hit testing and the checks the loader needs. No egui here.
//!
//! Three spaces:
//! - **normalized**: what the files hold, per view, for the left foot (see [`crate::model::Pt`]);
//! - **foot space**: isotropic, one unit = one foot length, left foot, not yet placed;
//! - **chart space**: both feet placed side by side as the therapist sees them, y down.
//!   The UI maps chart space to the screen with one [`Transform`].

mod curve;
mod layout;
mod polygon;

pub use curve::*;
pub use layout::*;
pub use polygon::*;
