//! Fuzz target `validate`: see [`reflexmap_fuzz::validate`].

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reflexmap_fuzz::validate(data));
