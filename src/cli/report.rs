//! `gazette report`: (re)writes `OUT/report.html` from an output folder's
//! tables, e.g. after `gazette aggregate` or for a folder written by an
//! earlier version.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

/// Arguments of `gazette report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output folder of a run (holds parquet/, csv/, manifest.json)
    #[arg(
        value_name = "OUT",
        long_help = "Output folder written by `gazette run --out OUT`. The report is \
                     written to OUT/report.html (replacing the previous one only once the \
                     new one is complete); it needs no network access to open."
    )]
    pub out: PathBuf,
}

/// Runs `gazette report`.
pub fn report(args: ReportArgs) -> Result<ExitCode> {
    if !args.out.is_dir() {
        bail!(
            "'{}' is not a folder: give the --out folder of a run",
            args.out.display()
        );
    }
    let path = crate::report::write_report(&args.out)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    #[test]
    fn test_out() {
        match Cli::try_parse_from(["gazette", "report", "output"])
            .unwrap()
            .command
        {
            Command::Report(a) => assert_eq!(a.out, std::path::PathBuf::from("output")),
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["gazette", "report"]).is_err());
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let args = super::ReportArgs {
            out: dir.path().join("nope"),
        };
        let e = super::report(args).unwrap_err().to_string();
        assert!(e.contains("is not a folder"), "{e}");
    }
}
