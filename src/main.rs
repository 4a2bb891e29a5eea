//! The reflexmap binary: no arguments opens the app; subcommands validate, render and print.

use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    reflexmap::cli::main()
}
