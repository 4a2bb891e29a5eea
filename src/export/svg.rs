//! The chart as SVG: each zone a `<g id="zone-…">` with a `<title>`, so the file is accessible
//! and scriptable.

use std::fmt::Write as _;

use crate::geometry::{BBox, Point, ViewGeometry, svg_path};
use crate::model::{BodySystem, Chart, FootSel, ViewKind, ZoneIdx};
use crate::palette::{self, hex};

/// Which zone the drawing emphasises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Highlight {
    /// Every zone in full colour.
    #[default]
    None,
    /// This zone emphasised, the others faded.
    Zone(ZoneIdx),
    /// Every zone faded, so the foot itself stands out (a whole-foot step).
    Foot,
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct SvgOptions {
    /// The view.
    pub view: ViewKind,
    /// Which feet.
    pub feet: FootSel,
    /// Zone to emphasise (others are faded).
    pub highlight: Highlight,
    /// Width of the drawing in px (height follows the chart).
    pub width: f32,
    /// Draw the transverse guide lines.
    pub guides: bool,
    /// Draw a title and legend of body systems.
    pub legend: bool,
    /// Name each zone and guide line in the file (`<title>`, `id="zone-…"`). Off for drawings
    /// that are questions (a worksheet, an Anki card), where the names are the answers.
    pub names: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            view: ViewKind::Plantar,
            feet: FootSel::Both,
            highlight: Highlight::None,
            width: 900.0,
            guides: true,
            legend: true,
            names: true,
        }
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Where [`render_svg`] without a legend puts a chart point, and the drawing's height, for
/// drawing over its output (the worksheet's leader lines).
pub fn svg_frame(geo: &ViewGeometry, width: f32) -> (f32, impl Fn(Point) -> Point) {
    let b: BBox = geo.bounds;
    let margin = width * 0.04;
    let scale = (width - 2.0 * margin) / b.width().max(1e-6);
    let foot_label_h = 26.0;
    let height = margin + b.height() * scale + foot_label_h + margin;
    let map = move |p: Point| {
        Point::new(
            margin + (p.x - b.min.x) * scale,
            margin + (p.y - b.min.y) * scale,
        )
    };
    (height, map)
}

/// Render one view of a chart as a standalone SVG document.
pub fn render_svg(chart: &Chart, geo: &ViewGeometry, opt: &SvgOptions) -> String {
    let b: BBox = geo.bounds;
    let margin = opt.width * 0.04;
    let scale = (opt.width - 2.0 * margin) / b.width().max(1e-6);
    let title_h = if opt.legend { 44.0 } else { 0.0 };
    let foot_label_h = 26.0;
    let systems: Vec<BodySystem> = BodySystem::ALL
        .into_iter()
        .filter(|s| {
            geo.pieces
                .iter()
                .any(|p| chart.zone_at(p.zone).system == *s)
        })
        .collect();
    let legend_rows = if opt.legend {
        systems.len().div_ceil(4)
    } else {
        0
    };
    let legend_h = legend_rows as f32 * 22.0 + if opt.legend { 16.0 } else { 0.0 };
    let chart_h = b.height() * scale;
    let height = title_h + margin + chart_h + foot_label_h + legend_h + margin;
    let map = |p: Point| {
        Point::new(
            margin + (p.x - b.min.x) * scale,
            title_h + margin + (p.y - b.min.y) * scale,
        )
    };
    let mut s = String::with_capacity(64 * 1024);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="DejaVu Sans, sans-serif" role="img">"#,
        w = opt.width,
        h = height
    );
    let view_title = format!(
        "{} — {} view, {}",
        chart.name,
        chart.view_label(opt.view).to_lowercase(),
        opt.feet.label_for(chart.limb).to_lowercase()
    );
    let _ = writeln!(s, "<title>{}</title>", esc(&view_title));
    let _ = writeln!(
        s,
        "<desc>A traditional reflexology chart: it shows what the tradition teaches, not anatomy.</desc>"
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(palette::PAPER)
    );
    if opt.legend {
        let _ = writeln!(
            s,
            r#"<text x="{margin:.1}" y="28" font-size="18" font-weight="bold" fill="{}">{}</text>"#,
            hex(palette::INK),
            esc(&view_title)
        );
    }
    // Feet.
    let _ = writeln!(s, r#"<g id="feet">"#);
    for o in &geo.outlines {
        let _ = writeln!(
            s,
            r#"<path d="{}" fill="{}" stroke="{}" stroke-width="1.6" stroke-linejoin="round"/>"#,
            svg_path(&o.curve, &map, true),
            hex(palette::SKIN_LIGHT),
            hex(palette::OUTLINE)
        );
        for d in &o.detail_curves {
            let _ = writeln!(
                s,
                r#"<path d="{}" fill="none" stroke="{}" stroke-width="0.8" stroke-opacity="0.6"/>"#,
                svg_path(d, &map, false),
                hex(palette::OUTLINE)
            );
        }
    }
    let _ = writeln!(s, "</g>");
    // Zones: one group per zone, holding all its pieces on this view.
    let _ = writeln!(s, r#"<g id="zones">"#);
    let mut order: Vec<ZoneIdx> = Vec::new();
    for p in &geo.pieces {
        if !order.contains(&p.zone) {
            order.push(p.zone);
        }
    }
    for zi in order {
        let zone = &chart.zone_at(zi);
        let emphasised = opt.highlight == Highlight::Zone(zi);
        let faded = opt.highlight != Highlight::None && !emphasised;
        let fill = hex(palette::system_rgb(zone.system));
        let (opacity, stroke, sw) = if emphasised {
            (0.95, hex(palette::HIGHLIGHT), 3.0)
        } else if faded {
            (0.25, hex(palette::OUTLINE), 0.6)
        } else {
            (0.78, hex(palette::OUTLINE), 0.8)
        };
        if opt.names {
            let _ = writeln!(s, r#"<g id="zone-{}" class="zone">"#, esc(&zone.id));
            let _ = writeln!(s, "<title>{}</title>", esc(&zone.name));
        } else {
            let _ = writeln!(s, r#"<g class="zone">"#);
        }
        for p in geo.pieces.iter().filter(|p| p.zone == zi) {
            let _ = writeln!(
                s,
                r#"<path d="{}" fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{sw}" stroke-linejoin="round"/>"#,
                svg_path(&p.curve, &map, true)
            );
        }
        let _ = writeln!(s, "</g>");
    }
    let _ = writeln!(s, "</g>");
    if opt.guides && !geo.guides.is_empty() {
        let _ = writeln!(s, r#"<g id="guides">"#);
        for g in &geo.guides {
            let guide = &chart.guides[g.guide];
            let title = if opt.names {
                format!("<title>{}</title>", esc(&guide.name))
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                r#"<path d="{}" fill="none" stroke="{}" stroke-width="1.2" stroke-dasharray="6 4" stroke-opacity="0.8">{title}</path>"#,
                svg_path(&g.curve, &map, false),
                hex(palette::GUIDE),
            );
        }
        let _ = writeln!(s, "</g>");
    }
    // Foot labels.
    let foot_y = title_h + margin + chart_h + 20.0;
    for o in &geo.outlines {
        let ob = BBox::of(&o.poly);
        let cx = map(ob.center()).x;
        // Why under each outline: feet stacked one above the other (the side views) each get
        // their name below them, the lower one's where a side-by-side pair has theirs.
        let below = map(Point::new(ob.center().x, ob.max.y)).y + 20.0;
        let foot_y = below.min(foot_y);
        let _ = writeln!(
            s,
            r#"<text x="{cx:.1}" y="{foot_y:.1}" font-size="14" text-anchor="middle" fill="{}">{} {}</text>"#,
            hex(palette::INK),
            o.foot.label(),
            chart.limb.one()
        );
    }
    if opt.legend {
        let top = foot_y + 20.0;
        let col_w = (opt.width - 2.0 * margin) / 4.0;
        for (i, sys) in systems.iter().enumerate() {
            let x = margin + (i % 4) as f32 * col_w;
            let y = top + (i / 4) as f32 * 22.0;
            let _ = writeln!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="14" height="14" rx="3" fill="{}" fill-opacity="0.85" stroke="{}" stroke-width="0.6"/><text x="{:.1}" y="{:.1}" font-size="13" fill="{}">{}</text>"#,
                y,
                hex(palette::system_rgb(*sys)),
                hex(palette::OUTLINE),
                x + 20.0,
                y + 12.0,
                hex(palette::INK),
                esc(sys.label())
            );
        }
    }
    s.push_str("</svg>\n");
    s
}
