//! `gazette aggregate`: recomputes the aggregate tables over one or several
//! output folders, without re-extracting.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::aggregate::write_aggregates;

/// Arguments of `gazette aggregate`.
#[derive(Debug, Args)]
pub struct AggregateArgs {
    /// Output folders of runs (gazette run ... --out OUT)
    #[arg(
        required = true,
        value_name = "OUT",
        long_help = "Output folders written by `gazette run` (for example the shards of one \
                     corpus). Their tables are read together, as one run over all their \
                     inputs would have written them."
    )]
    pub outs: Vec<PathBuf>,

    /// Where to write the aggregates (default: the first OUT)
    #[arg(
        long,
        value_name = "DIR",
        long_help = "Folder that receives parquet/NAME.parquet and csv/NAME.csv for \
                     actor_summary, cooccurrence, event_counts, dyads and timeline. \
                     Default: the first OUT, beside its tables."
    )]
    pub dest: Option<PathBuf>,

    /// No summary on stderr
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `gazette aggregate`.
pub fn run(args: AggregateArgs) -> Result<ExitCode> {
    let dest = args.dest.clone().unwrap_or_else(|| args.outs[0].clone());
    let rows = write_aggregates(&args.outs, &dest)?;
    if !args.quiet {
        let rows: Vec<String> = rows.iter().map(|(k, v)| format!("{k} {v}")).collect();
        eprintln!(
            "gazette: aggregates of {} output folder(s) → {} [{}]",
            args.outs.len(),
            dest.display(),
            rows.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use clap::Parser;

    use crate::cli::{Cli, Command};

    fn parse(args: &[&str]) -> super::AggregateArgs {
        match Cli::try_parse_from(args).unwrap().command {
            Command::Aggregate(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn test_outs_and_dest() {
        let a = parse(&["gazette", "aggregate", "a", "b"]);
        assert_eq!(a.outs, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(a.dest, None);
        let a = parse(&["gazette", "aggregate", "a", "--dest", "d", "-q"]);
        assert_eq!(a.dest, Some(PathBuf::from("d")));
        assert!(a.quiet);
        assert!(Cli::try_parse_from(["gazette", "aggregate"]).is_err());
    }
}
