//! The `gazette` binary: parse the command line, hand it to the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    gazette::cli::main(gazette::cli::Cli::parse())
}
