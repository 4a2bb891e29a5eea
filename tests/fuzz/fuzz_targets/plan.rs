//! Fuzz target `plan`: see [`reflexmap_fuzz::plan`].

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| reflexmap_fuzz::plan(data));
