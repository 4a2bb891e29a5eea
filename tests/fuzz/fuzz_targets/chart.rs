//! Fuzz target `chart`: see [`reflexmap_fuzz::chart`].

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reflexmap_fuzz::chart(data));
