//! A client's foot photo, made ready for the records file: only JPEG and PNG are accepted,
//! oversized files and images are refused before their pixels are decoded, the EXIF
//! orientation is applied, the longest side is brought down to [`MAX_SIDE`] and the pixels are
//! re-encoded as a fresh JPEG, so no camera metadata (location, device, time) is stored.

use std::io::{Cursor, Read};
use std::path::Path;

use image::codecs::jpeg::{JpegDecoder, JpegEncoder};
use image::error::{ImageError, LimitErrorKind};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Longest side of a stored photo, in pixels.
pub const MAX_SIDE: u32 = 1600;
/// Largest file accepted, in bytes (40 MB).
pub const MAX_FILE_BYTES: u64 = 40_000_000;
/// Largest source image accepted, per side, in pixels: a 20 000 × 20 000 image is refused from
/// its header, before any pixel memory is allocated.
pub const MAX_SOURCE_SIDE: u32 = 12_000;
/// Most memory the decoded source pixels may take (12 000 × 12 000 RGB is 432 MB).
const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;
/// JPEG quality of the stored photo.
const QUALITY: u8 = 85;

/// A photo ready to store: JPEG bytes re-encoded from pixels only, so camera metadata (EXIF:
/// location, device, time; XMP; ICC comments) is gone.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedPhoto {
    /// The baseline JPEG (RGB, quality 85, a JFIF header and nothing else before the pixels).
    pub jpeg: Vec<u8>,
    /// Width in pixels, upright (after the EXIF orientation was applied).
    pub width: u32,
    /// Height in pixels, upright.
    pub height: u32,
}

/// Why a photo could not be added. The messages are shown to the user as they are.
#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum PhotoError {
    /// The bytes are not a JPEG or a PNG (another image format, a document, random data).
    #[error("this file is not a JPEG or PNG image")]
    NotJpegOrPng,
    /// The file is over [`MAX_FILE_BYTES`].
    #[error("the file is {} MB; photos up to {} MB can be added", megabytes(*.bytes), megabytes(MAX_FILE_BYTES))]
    FileTooBig {
        /// The file's size in bytes.
        bytes: u64,
    },
    /// A side of the image is over [`MAX_SOURCE_SIDE`].
    #[error(
        "the image is {width} × {height} pixels; photos up to {MAX_SOURCE_SIDE} pixels a side can be added"
    )]
    ImageTooLarge {
        /// Width in the file's header.
        width: u32,
        /// Height in the file's header.
        height: u32,
    },
    /// The decoded pixels would need more memory than a photo may use (a very large image
    /// with 16-bit colour or transparency).
    #[error(
        "the image is {width} × {height} pixels and needs more memory to open than a photo may use; save it as a smaller or 8-bit JPEG and add that"
    )]
    TooMuchMemory {
        /// Width in the file's header.
        width: u32,
        /// Height in the file's header.
        height: u32,
    },
    /// The file is a JPEG or PNG but could not be decoded (truncated, corrupt).
    #[error("the image is damaged and could not be read ({0})")]
    Damaged(String),
    /// The file uses a JPEG or PNG feature the decoder does not support.
    #[error("the image uses a JPEG or PNG feature that can't be read ({0})")]
    Unsupported(String),
    /// The prepared pixels could not be encoded as a JPEG.
    #[error("the photo could not be saved as a JPEG ({0})")]
    Encode(String),
    /// The file could not be opened or read. Why the path is not in the message: callers
    /// already name the file they were given.
    #[error("the file could not be read ({reason})")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The operating system's explanation.
        reason: String,
    },
}

/// Whole megabytes (10⁶ bytes), rounded up so a file a byte over the limit is not shown as
/// being at it.
fn megabytes(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

/// Prepare a photo from a file's bytes: check the format from the content (JPEG and PNG only),
/// decode under [`Limits`], apply the EXIF orientation, flatten transparency onto white,
/// downscale so the longest side is at most [`MAX_SIDE`] (never upscaled) and re-encode as a
/// JPEG of quality 85 that carries no metadata.
pub fn prepare(bytes: &[u8]) -> Result<PreparedPhoto, PhotoError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooBig { bytes: size });
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png)) => format,
        _ => return Err(PhotoError::NotJpegOrPng),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // Why the second look at the header on a size error: the limit error does not say the size.
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        ImageError::Limits(ref l) if l.kind() == LimitErrorKind::DimensionError => {
            match header_dimensions(bytes, format) {
                Some((width, height)) => PhotoError::ImageTooLarge { width, height },
                None => from_image(e),
            }
        }
        e => from_image(e),
    })?;
    let (width, height) = decoder.dimensions();
    // Why our own check: the JPEG decoder ignores `max_alloc`.
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(PhotoError::TooMuchMemory { width, height });
    }
    if format == ImageFormat::Jpeg && !reaches_end_of_image(bytes) {
        return Err(PhotoError::Damaged(
            "the file ends before the end of the image".to_owned(),
        ));
    }
    // A broken EXIF block should not stop a photo from being added: it is then shown as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(from_image)?;
    if pixels.has_alpha() {
        pixels = DynamicImage::ImageRgba8(flatten_onto_white(pixels));
    }
    // Why shrink before rotating: the longest side is the same either way, and turning the
    // small image is cheaper than turning the camera's.
    let (new_width, new_height) = fit(width, height);
    let mut upright = DynamicImage::ImageRgb8(shrink(pixels, new_width, new_height).into_rgb8());
    upright.apply_orientation(orientation);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .encode_image(&upright)
        .map_err(|e| PhotoError::Encode(e.to_string()))?;
    let (width, height) = (upright.width(), upright.height());
    Ok(PreparedPhoto {
        jpeg,
        width,
        height,
    })
}

/// [`prepare`] a file on disk. Its size is checked from the file's metadata before anything is
/// read, and no more than [`MAX_FILE_BYTES`] + 1 bytes are ever read (the file may grow).
pub fn prepare_file(path: &Path) -> Result<PreparedPhoto, PhotoError> {
    let io = |e: std::io::Error| PhotoError::Io {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooBig { bytes: size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    let read = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes);
    read.map_err(io)?;
    prepare(&bytes)
}

/// Whether a JPEG carries metadata: walks the marker segments up to the start of scan and says
/// whether any APP1 (Exif or XMP), APP13 (IPTC) or COM segment is present. Bytes that are not a
/// JPEG have none; a walk that runs off the end answers with what it found before.
pub fn has_metadata(jpeg: &[u8]) -> bool {
    let (markers, _) = header_segments(jpeg);
    markers.iter().any(|m| matches!(m, 0xE1 | 0xED | 0xFE))
}

/// The markers of a JPEG's segments before its first scan, in order, and where that scan's
/// entropy-coded data starts (`None` when the walk runs off the end or meets a non-marker).
fn header_segments(jpeg: &[u8]) -> (Vec<u8>, Option<usize>) {
    let mut markers = Vec::new();
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return (markers, None);
    }
    let mut at = 2;
    while let Some(&[0xFF, marker]) = jpeg.get(at..at + 2) {
        match marker {
            // Fill byte before a marker.
            0xFF => at += 1,
            // Markers with no length (TEM, restart markers); end of image.
            0x01 | 0xD0..=0xD7 => at += 2,
            0xD9 => break,
            _ => {
                let Some(&[hi, lo]) = jpeg.get(at + 2..at + 4) else {
                    break;
                };
                markers.push(marker);
                at += 2 + usize::from(u16::from_be_bytes([hi, lo]));
                if marker == 0xDA {
                    return (markers, (at <= jpeg.len()).then_some(at));
                }
            }
        }
    }
    (markers, None)
}

/// Whether the JPEG's data runs to an end-of-image marker. Why: the decoder fills a scan that
/// stops short with grey and reports success, so a half-copied photo would otherwise be stored.
/// Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so the first
/// FF D9 after the first scan's header is the end of image (or a later image's, which is fine).
fn reaches_end_of_image(jpeg: &[u8]) -> bool {
    match header_segments(jpeg).1 {
        Some(scan) => jpeg[scan..].windows(2).any(|w| w == [0xFF, 0xD9]),
        None => false,
    }
}

/// The width and height in the header, read without the decoder's limits (for the message
/// when they are exceeded).
fn header_dimensions(bytes: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    if format == ImageFormat::Png {
        // Signature (8), IHDR length and type (8), then width and height, big-endian.
        let ihdr = bytes.get(16..24)?;
        let side = |b: &[u8]| b.try_into().ok().map(u32::from_be_bytes);
        return Some((side(&ihdr[..4])?, side(&ihdr[4..])?));
    }
    let decoder = JpegDecoder::new(Cursor::new(bytes)).ok()?;
    Some(decoder.dimensions())
}

fn from_image(e: ImageError) -> PhotoError {
    match e {
        ImageError::Unsupported(e) => PhotoError::Unsupported(e.to_string()),
        ImageError::Limits(_) => PhotoError::Unsupported(e.to_string()),
        ImageError::Encoding(e) => PhotoError::Encode(e.to_string()),
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            PhotoError::Damaged("the file ends too early".to_owned())
        }
        e => PhotoError::Damaged(e.to_string().trim_end().to_owned()),
    }
}

/// Composite onto white, leaving alpha opaque. Why before resizing: the resampler assumes
/// premultiplied alpha, so transparent pixels' hidden colour would bleed into the edges.
fn flatten_onto_white(pixels: DynamicImage) -> image::RgbaImage {
    let mut rgba = pixels.into_rgba8();
    for p in rgba.pixels_mut() {
        let a = u32::from(p[3]);
        for c in 0..3 {
            p[c] = ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
        p[3] = 255;
    }
    rgba
}

/// The size that fits in [`MAX_SIDE`] × [`MAX_SIDE`] keeping the aspect ratio, or the size
/// itself when it already fits (never upscaled).
fn fit(width: u32, height: u32) -> (u32, u32) {
    let long = u64::from(width.max(height));
    if long <= u64::from(MAX_SIDE) {
        return (width, height);
    }
    let max = u64::from(MAX_SIDE);
    let scale = |side: u32| ((u64::from(side) * max + long / 2) / long).clamp(1, max) as u32;
    (scale(width), scale(height))
}

/// Downscale to exactly `width` × `height` with a triangle (bilinear) filter: about 160 ms for
/// 12 MP in release, against 210 ms for Catmull-Rom. Why no integer box pre-shrink
/// (`thumbnail_exact`): in image 0.25 it is slower than the filter it would save. Peak memory
/// is the source plus a 16-byte-a-pixel buffer of source width × `height`.
fn shrink(pixels: DynamicImage, width: u32, height: u32) -> DynamicImage {
    if (pixels.width(), pixels.height()) == (width, height) {
        return pixels;
    }
    pixels.resize_exact(width, height, FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg_of(img: &RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = JpegEncoder::new_with_quality(&mut out, 90);
        encoder.encode_image(img).expect("encode");
        out
    }

    fn png_of(img: impl Into<DynamicImage>) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let img: DynamicImage = img.into();
        img.write_to(&mut out, ImageFormat::Png).expect("encode");
        out.into_inner()
    }

    fn decode(jpeg: &[u8]) -> RgbImage {
        image::load_from_memory(jpeg).expect("decode").into_rgb8()
    }

    /// A little-endian TIFF block: IFD0 with Make "Canon", Orientation and a GPS IFD pointer
    /// (tag, type, count, value or offset), then the GPS IFD with a latitude.
    fn exif_tiff(orientation: u32) -> Vec<u8> {
        let ifd0 = [
            (0x010F, 2, 6, 50),
            (0x0112, 3, 1, orientation),
            (0x8825, 4, 1, 56),
        ];
        let gps = [(0x0001, 2, 2, u32::from(b'N')), (0x0002, 5, 3, 86)];
        let mut t = b"II\x2A\x00\x08\x00\x00\x00".to_vec();
        let ifd = |t: &mut Vec<u8>, entries: &[(u16, u16, u32, u32)]| {
            t.extend((entries.len() as u16).to_le_bytes());
            for &(tag, kind, count, value) in entries {
                t.extend([tag.to_le_bytes(), kind.to_le_bytes()].concat());
                t.extend([count.to_le_bytes(), value.to_le_bytes()].concat());
            }
            t.extend(0u32.to_le_bytes());
        };
        ifd(&mut t, &ifd0); // bytes 8..50
        t.extend(b"Canon\0"); // 50..56
        ifd(&mut t, &gps); // 56..86
        for n in [51u32, 1, 30, 1, 1234, 100] {
            t.extend(n.to_le_bytes()); // 51° 30' 12.34"
        }
        t
    }

    /// The JPEG with a segment spliced in right after SOI.
    fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
        let len = u16::try_from(payload.len() + 2).expect("segment fits");
        let head = [0xFF, marker, len.to_be_bytes()[0], len.to_be_bytes()[1]];
        [&jpeg[..2], &head, payload, &jpeg[2..]].concat()
    }

    fn with_exif(jpeg: &[u8], orientation: u32) -> Vec<u8> {
        let payload = [&b"Exif\0\0"[..], &exif_tiff(orientation)].concat();
        with_segment(jpeg, 0xE1, &payload)
    }

    fn find(bytes: &[u8], marker: [u8; 2]) -> usize {
        bytes.windows(2).position(|w| w == marker).expect("marker")
    }

    fn exif_of(jpeg: &[u8]) -> Option<Vec<u8>> {
        let mut decoder = JpegDecoder::new(Cursor::new(jpeg)).expect("header");
        decoder.exif_metadata().expect("exif")
    }

    #[test]
    fn exif_is_gone_after_prepare() {
        let img = RgbImage::from_pixel(64, 48, Rgb([90, 140, 200]));
        let with = with_exif(&jpeg_of(&img), 1);
        assert!(has_metadata(&with));
        assert!(exif_of(&with).is_some_and(|e| e.starts_with(b"II*\0")));
        let photo = prepare(&with).expect("prepare");
        assert_eq!((photo.width, photo.height), (64, 48));
        assert!(!has_metadata(&photo.jpeg));
        assert!(exif_of(&photo.jpeg).is_none_or(|e| e.is_empty()));
        assert!(!photo.jpeg.windows(5).any(|w| w == b"Canon"));
    }

    #[test]
    fn has_metadata_finds_comments_and_iptc_not_plain_jpegs() {
        let plain = jpeg_of(&RgbImage::new(8, 8));
        assert!(!has_metadata(&plain));
        assert!(has_metadata(&with_segment(&plain, 0xFE, b"12 Elm St")));
        assert!(has_metadata(&with_segment(&plain, 0xED, b"8BIM")));
        assert!(!has_metadata(b"not a jpeg"));
    }

    #[test]
    fn orientation_6_turns_a_landscape_buffer_upright() {
        // Left half red, right half blue; turned 90° clockwise, red is on top.
        let (red, blue) = (Rgb([220, 20, 20]), Rgb([20, 20, 220]));
        let img = RgbImage::from_fn(40, 20, |x, _| if x < 20 { red } else { blue });
        let photo = prepare(&with_exif(&jpeg_of(&img), 6)).expect("prepare");
        assert_eq!((photo.width, photo.height), (20, 40));
        let out = decode(&photo.jpeg);
        assert_eq!(out.dimensions(), (20, 40));
        let (top, bottom) = (out.get_pixel(10, 5), out.get_pixel(10, 35));
        assert!(top[0] > 150 && top[2] < 100, "{top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "{bottom:?}");
    }

    #[test]
    fn large_photos_are_shrunk_and_small_ones_kept() {
        let big = RgbImage::from_fn(3000, 2000, |x, y| Rgb([x as u8, y as u8, 128]));
        let photo = prepare(&png_of(big)).expect("prepare");
        assert_eq!(photo.width, MAX_SIDE);
        assert!(photo.height.abs_diff(1067) <= 1, "{}", photo.height);
        let out = decode(&photo.jpeg);
        assert_eq!(out.dimensions(), (photo.width, photo.height));
        let small = RgbImage::from_pixel(800, 600, Rgb([1, 2, 3]));
        let photo = prepare(&png_of(small)).expect("prepare");
        assert_eq!((photo.width, photo.height), (800, 600));
        assert_eq!(fit(2000, 8000), (400, 1600));
        assert_eq!(fit(16_000, 1), (1600, 1));
    }

    #[test]
    fn huge_headers_are_refused_without_decoding() {
        // Signature, then IHDR: 20000 × 20000, 8-bit RGBA (1.6 GB of pixels), its CRC-32; IEND.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend([20_000u32.to_be_bytes(), 20_000u32.to_be_bytes()].concat());
        png.extend([8, 6, 0, 0, 0, 0xE3, 0x70, 0x46, 0x39]);
        png.extend(b"\0\0\0\0IEND\xae\x42\x60\x82");
        let started = std::time::Instant::now();
        let (width, height) = (20_000, 20_000);
        let refused = PhotoError::ImageTooLarge { width, height };
        assert_eq!(prepare(&png), Err(refused.clone()));
        assert!(started.elapsed() < std::time::Duration::from_millis(50));
        let message =
            "the image is 20000 × 20000 pixels; photos up to 12000 pixels a side can be added";
        assert_eq!(refused.to_string(), message);
        // The same size written into a small JPEG's frame header (SOF0: FFC0, length, P, H, W).
        let mut jpeg = jpeg_of(&RgbImage::new(8, 8));
        let sof = find(&jpeg, [0xFF, 0xC0]);
        jpeg[sof + 5..sof + 9].copy_from_slice(&[0x4E, 0x20, 0x4E, 0x20]);
        assert_eq!(prepare(&jpeg), Err(refused));
    }

    #[test]
    fn other_files_are_not_jpeg_or_png() {
        let noise = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8);
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,".to_vec();
        let bmp = b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0".to_vec();
        let text = b"Dear client, see attached.\n".to_vec();
        for bytes in [noise.collect(), text, gif, bmp, Vec::new()] {
            assert_eq!(prepare(&bytes), Err(PhotoError::NotJpegOrPng));
        }
        let message = PhotoError::NotJpegOrPng.to_string();
        assert_eq!(message, "this file is not a JPEG or PNG image");
    }

    #[test]
    fn truncated_files_are_damaged() {
        let img = RgbImage::from_fn(64, 64, |x, y| Rgb([(x * 4) as u8, (y * 4) as u8, 0]));
        let jpeg = jpeg_of(&img);
        let sos = find(&jpeg, [0xFF, 0xDA]);
        let png = png_of(img);
        let cuts = [sos / 2, sos + 2, sos + 40, jpeg.len() / 2, jpeg.len() - 2];
        let cut_files = cuts.map(|cut| &jpeg[..cut]);
        for (i, bytes) in cut_files
            .into_iter()
            .chain([&png[..png.len() / 2]])
            .enumerate()
        {
            let result = prepare(bytes);
            let damaged = matches!(result, Err(PhotoError::Damaged(_)));
            assert!(damaged, "{i}: {result:?}");
            let message = result.expect_err("damaged").to_string();
            assert!(message.starts_with("the image is damaged and could not be read ("));
        }
        assert!(prepare(&jpeg).is_ok());
    }

    #[test]
    fn transparency_is_flattened_onto_white() {
        let (clear_red, blue) = (Rgba([255, 0, 0, 0]), Rgba([0, 0, 255, 255]));
        let img = RgbaImage::from_fn(32, 16, |x, _| if x < 16 { clear_red } else { blue });
        let photo = prepare(&png_of(img)).expect("prepare");
        let out = image::load_from_memory(&photo.jpeg).expect("decode");
        assert_eq!(out.color(), image::ColorType::Rgb8);
        let (left, right) = (out.get_pixel(4, 8), out.get_pixel(28, 8));
        assert!(left.0[..3].iter().all(|&c| c > 240), "{left:?}");
        assert!(right[2] > 200 && right[0] < 60, "{right:?}");
    }

    #[test]
    fn prepare_file_checks_the_size_first() {
        let name = format!("reflexmap-photo-test-{}.jpg", std::process::id());
        let path = std::env::temp_dir().join(name);
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(52_000_000).expect("sparse");
        drop(file);
        let result = prepare_file(&path);
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(result, Err(PhotoError::FileTooBig { bytes: 52_000_000 }));
        let said = result.expect_err("too big").to_string();
        assert_eq!(said, "the file is 52 MB; photos up to 40 MB can be added");
        assert_eq!(megabytes(MAX_FILE_BYTES + 1), 41);
        // 1 TiB, sparse: reading it (rather than checking its size first) would never finish.
        #[cfg(unix)]
        {
            let file = std::fs::File::create(&path).expect("create");
            file.set_len(1 << 40).expect("sparse");
            let result = prepare_file(&path);
            std::fs::remove_file(&path).expect("remove");
            assert_eq!(result, Err(PhotoError::FileTooBig { bytes: 1 << 40 }));
        }
        match prepare_file(&path) {
            Err(PhotoError::Io { path: p, reason }) => assert!(p == path && !reason.is_empty()),
            other => panic!("expected an io error, got {other:?}"),
        }
    }
}
