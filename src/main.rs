//! The reflexmap binary: no arguments opens the app; subcommands validate, render and print.

use std::process::ExitCode;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Why: `reflexmap zone --list | head` closes the pipe early. Rust ignores SIGPIPE, so the
    // next print would panic; a command-line tool should stop quietly instead, as `ls` does.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    reflexmap::cli::main()
}
