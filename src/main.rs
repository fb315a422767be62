//! The `gazette` binary: parse the command line, hand it to the library.

use std::process::ExitCode;

use clap::Parser;

// mimalloc instead of the system allocator: see `gazette::memory`
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // diagnostics on stderr, off unless RUST_LOG asks (e.g. RUST_LOG=gazette=debug)
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    gazette::cli::main(gazette::cli::Cli::parse())
}
