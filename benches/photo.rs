//! Importing a client's foot photo: a 12-megapixel (4000 × 3000) phone-camera JPEG with an EXIF
//! block (make, orientation, GPS position) is decoded, shrunk to 1600 px, stripped and
//! re-encoded by `records::photo::prepare`. Target: ≤ 1 s per import in release.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use image::codecs::jpeg::JpegEncoder;
use image::{Rgb, RgbImage};
use reflexmap::records::photo::{MAX_SIDE, has_metadata, prepare};

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

/// Skin-toned gradients with per-pixel noise (a xorshift, so every run builds the same bytes):
/// smooth enough to look like a photo, noisy enough that the JPEG is a few MB as a camera's is.
fn photo_pixels() -> RgbImage {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut noise = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 59) as i32 - 16
    };
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let shade = 1.0 - 0.35 * ((fx - 0.5).powi(2) + (fy - 0.45).powi(2)).sqrt();
        let base = [
            225.0 * shade,
            (170.0 - 40.0 * fy) * shade,
            (140.0 + 50.0 * fx) * shade,
        ];
        Rgb(base.map(|c| (c as i32 + noise()).clamp(0, 255) as u8))
    })
}

/// A little-endian TIFF block: Make, Model, DateTime, Orientation 1 and a GPS IFD with
/// latitude and longitude, as a phone writes them.
fn exif_tiff() -> Vec<u8> {
    let strings: [(u16, &[u8]); 3] = [
        (0x010F, b"Apple\0"),
        (0x0110, b"iPhone 15\0"),
        (0x0132, b"2025:03:14 10:21:07\0"),
    ];
    let ifd0_len = 2 + 5 * 12 + 4;
    let strings_len: usize = strings.iter().map(|(_, s)| s.len()).sum();
    let gps_at = 8 + ifd0_len + strings_len;
    let gps_len = 2 + 4 * 12 + 4;
    let mut t = b"II\x2A\x00\x08\x00\x00\x00".to_vec();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    t.extend_from_slice(&5u16.to_le_bytes());
    let mut data_at = 8 + ifd0_len;
    for (tag, s) in strings {
        entry(&mut t, tag, 2, s.len() as u32, data_at as u32);
        data_at += s.len();
    }
    entry(&mut t, 0x0112, 3, 1, 1); // Orientation: upright
    entry(&mut t, 0x8825, 4, 1, gps_at as u32); // GPS IFD pointer
    t.extend_from_slice(&0u32.to_le_bytes());
    for (_, s) in strings {
        t.extend_from_slice(s);
    }
    let rationals_at = (gps_at + gps_len) as u32;
    t.extend_from_slice(&4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from(b'N')); // GPSLatitudeRef
    entry(&mut t, 0x0002, 5, 3, rationals_at); // GPSLatitude
    entry(&mut t, 0x0003, 2, 2, u32::from(b'W')); // GPSLongitudeRef
    entry(&mut t, 0x0004, 5, 3, rationals_at + 24); // GPSLongitude
    t.extend_from_slice(&0u32.to_le_bytes());
    for (n, d) in [
        (51u32, 1u32),
        (30, 1),
        (2634, 100),
        (0, 1),
        (7, 1),
        (3987, 100),
    ] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t
}

/// The camera JPEG: quality 90, with the EXIF APP1 segment right after SOI.
fn camera_jpeg() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&photo_pixels())
        .expect("encode");
    let payload = [&b"Exif\0\0"[..], &exif_tiff()].concat();
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend_from_slice(&[0xFF, 0xE1]);
    jpeg.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(&payload);
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

fn photo_benches(c: &mut Criterion) {
    let bytes = camera_jpeg();
    assert!(has_metadata(&bytes));
    let photo = prepare(&bytes).expect("prepare");
    assert_eq!((photo.width, photo.height), (MAX_SIDE, 1200));
    assert!(!has_metadata(&photo.jpeg));
    eprintln!(
        "source {:.1} MB, prepared {} × {} in {:.0} kB",
        bytes.len() as f64 / 1e6,
        photo.width,
        photo.height,
        photo.jpeg.len() as f64 / 1e3
    );
    c.bench_function("photo/import 12 MP JPEG", |b| b.iter(|| prepare(&bytes)));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    targets = photo_benches
}
criterion_main!(benches);
