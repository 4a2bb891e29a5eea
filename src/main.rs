//! The reflexmap binary: no arguments opens the app; subcommands validate, render and print.

use std::process::ExitCode;

fn main() -> ExitCode {
    reflexmap::cli::main()
}
