//! PNG from the chart SVG, with resvg and the embedded font (so it renders the same on a
//! machine with no fonts installed).

use crate::assets::{FONT_BOLD, FONT_REGULAR};

/// Something went wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The SVG could not be parsed (a bug: we generate it).
    #[error("internal SVG error: {0}")]
    Svg(String),
    /// The raster could not be allocated or encoded.
    #[error("cannot encode PNG: {0}")]
    Png(String),
    /// The PDF could not be built.
    #[error("cannot build PDF: {0}")]
    Pdf(String),
}

/// Options that make usvg find our embedded fonts.
pub fn usvg_options() -> resvg::usvg::Options<'static> {
    let mut opt = resvg::usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_font_data(FONT_REGULAR.to_vec());
    db.load_font_data(FONT_BOLD.to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    opt.font_family = "DejaVu Sans".into();
    opt
}

/// Rasterize an SVG document to PNG bytes at `zoom` × its size.
pub fn svg_to_png(svg: &str, zoom: f32) -> Result<Vec<u8>, ExportError> {
    let opt = usvg_options();
    let tree =
        resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| ExportError::Svg(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(zoom)
        .ok_or_else(|| ExportError::Png("bad size".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ExportError::Png("image too large".into()))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(zoom, zoom),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Png(e.to_string()))
}

/// Rasterize a square SVG icon to straight RGBA pixels of `size`×`size`.
pub fn icon_rgba(svg: &str, size: u32) -> Option<(Vec<u8>, u32)> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).ok()?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size)?;
    let s = size as f32 / tree.size().width().max(1.0);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    let rgba = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Some((rgba, size))
}
