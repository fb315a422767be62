//! `gazette eval`: scores a run's tables against gold annotations.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;

use crate::eval;

/// Arguments of `gazette eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of gold files (*.json, shared/spec/gold-format.md)
    #[arg(
        long,
        value_name = "DIR",
        long_help = "Folder of gold annotation files (*.json), one per article. Each is \
                     matched to the article whose articles.source ends with its `file`."
    )]
    pub gold: PathBuf,

    /// Output folder of a run (gazette run ... --out OUT)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,

    /// Also write the full report as JSON to FILE
    #[arg(
        long,
        value_name = "FILE",
        long_help = "Write the report as JSON: every metric by name (metrics), micro totals \
                     with their counts (totals), and per article the scores, misses, false \
                     positives and warnings (articles)."
    )]
    pub json: Option<PathBuf>,

    /// List each article's misses and false positives
    #[arg(long)]
    pub details: bool,

    /// Exit with status 1 when a metric falls below its floor in FILE
    #[arg(
        long,
        value_name = "FILE",
        long_help = "A TOML file with a [floors] table of \"metric\" = minimum (metric names \
                     as in the JSON report's `metrics`). Metrics below their floor are listed \
                     on stderr and the exit status is 1."
    )]
    pub floors: Option<PathBuf>,
}

/// Runs `gazette eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let report = eval::evaluate(&args.gold, &args.out)?;
    print!("{}", report.render(args.details));
    if let Some(path) = &args.json {
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, json + "\n")
            .with_context(|| format!("cannot write '{}'", path.display()))?;
    }
    if let Some(path) = &args.floors {
        let failures = eval::floors::check(&report.metrics, &eval::floors::load(path)?)?;
        for f in &failures {
            eprintln!("gazette: below floor: {f}");
        }
        if !failures.is_empty() {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    fn parse(args: &[&str]) -> super::EvalArgs {
        match Cli::try_parse_from(args).unwrap().command {
            Command::Eval(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn test_gold_out_and_json() {
        let a = parse(&[
            "gazette", "eval", "--gold", "g", "output", "--json", "r.json",
        ]);
        assert_eq!(a.gold, std::path::PathBuf::from("g"));
        assert_eq!(a.out, std::path::PathBuf::from("output"));
        assert_eq!(a.json, Some("r.json".into()));
        assert!(!a.details && a.floors.is_none());
    }

    #[test]
    fn test_gold_is_required() {
        assert!(Cli::try_parse_from(["gazette", "eval", "output"]).is_err());
    }
}
