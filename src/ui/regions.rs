//! The window's keyboard regions: F6 and Shift+F6 move the keyboard from one main panel to the
//! next, as desktop apps do, and Ctrl+M goes straight to the map.
//!
//! Each panel names itself at the top of its contents with [`landing`]: a node with the panel's
//! name and bounds that the keyboard lands on (Tab then goes on to the panel's first control).
//! It is a Tab stop only while it has the keyboard, so Tab through the window is not slowed by
//! it. The map registers one of its zones instead ([`register_map`]), so F6 or Ctrl+M lands on
//! a zone.

use egui::{Context, Id, Rect, Sense, Ui};

/// One region as drawn: where it is, and the node the keyboard lands on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Region {
    landing: Id,
    rect: Rect,
    map: bool,
}

/// The regions of this frame and of the last.
#[derive(Debug, Clone, Default)]
struct Regions {
    this: Vec<Region>,
    last: Vec<Region>,
}

fn key() -> Id {
    Id::unique("reflexmap_keyboard_regions")
}

fn push(ctx: &Context, region: Region) {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Regions>(key())
            .this
            .push(region);
    });
}

/// Start a frame: what was registered becomes the last frame's regions.
pub fn begin_pass(ctx: &Context) {
    ctx.data_mut(|d| {
        let r = d.get_temp_mut_or_default::<Regions>(key());
        r.last = std::mem::take(&mut r.this);
    });
}

/// The last frame's regions in keyboard order: top to bottom, then left to right (the
/// toolbar, a left panel, the map, a right panel).
fn ordered(ctx: &Context) -> Vec<Region> {
    // Why this frame's first: commands are applied after the frame drew its panels.
    let r = ctx.data(|d| d.get_temp::<Regions>(key()).unwrap_or_default());
    let mut regions = if r.this.is_empty() { r.last } else { r.this };
    // Why height: the bars across the top are short; the panels below are tall.
    regions.sort_by(|a, b| {
        let tall = |r: &Region| r.rect.height() >= 80.0;
        tall(a)
            .cmp(&tall(b))
            .then(a.rect.min.x.total_cmp(&b.rect.min.x))
            .then(a.rect.min.y.total_cmp(&b.rect.min.y))
    });
    regions
}

/// F6 (or Shift+F6 backwards): put the keyboard in the next region after the one it is in.
/// From nowhere, forward goes to the first region. Returns whether there was one to go to.
pub fn cycle(ctx: &Context, backwards: bool) -> bool {
    let regions = ordered(ctx);
    if regions.is_empty() {
        return false;
    }
    let focused = ctx.memory(|m| m.focused());
    let at = focused.and_then(|id| {
        regions.iter().position(|r| r.landing == id).or_else(|| {
            let rect = ctx.read_response(id)?.rect;
            regions.iter().position(|r| r.rect.contains(rect.center()))
        })
    });
    let n = regions.len();
    let next = match (at, backwards) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        (None, false) => 0,
        (None, true) => n - 1,
    };
    ctx.memory_mut(|m| m.request_focus(regions[next].landing));
    true
}

/// Ctrl+M: put the keyboard on the map (the zone last visited there, else the first).
/// Returns whether a map was shown last frame.
pub fn go_to_map(ctx: &Context) -> bool {
    let map = ordered(ctx).into_iter().find(|r| r.map);
    if let Some(r) = map {
        ctx.memory_mut(|m| m.request_focus(r.landing));
    }
    map.is_some()
}

/// The map's region: its rectangle and the zone node the keyboard lands on.
pub fn register_map(ctx: &Context, rect: Rect, landing: Id) {
    push(
        ctx,
        Region {
            landing,
            rect,
            map: true,
        },
    );
}

/// Name a panel as a keyboard region. Call it first thing inside the panel: its node is the
/// panel's name with the panel's bounds, outlined while it has the keyboard.
pub fn landing(ui: &mut Ui, name: &str) {
    let id = ui.make_persistent_id(("keyboard_region", name));
    let rect = ui.max_rect();
    push(
        ui.ctx(),
        Region {
            landing: id,
            rect,
            map: false,
        },
    );
    let focused = ui.memory(|m| m.has_focus(id));
    let sense = if focused {
        Sense::FOCUSABLE
    } else {
        Sense::hover()
    };
    let response = ui.interact(rect, id, sense);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, name));
    if focused {
        ui.painter().rect_stroke(
            rect.shrink(1.0),
            3.0,
            super::theme::focus_stroke(),
            egui::StrokeKind::Inside,
        );
    }
}
