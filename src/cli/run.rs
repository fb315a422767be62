//! `gazette run`: the batch job.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;

use crate::config::Config;
use crate::output::writer::Layout;
use crate::run::{RunOptions, Shard, run as run_pipeline};

fn parse_shard(s: &str) -> Result<Shard, String> {
    Shard::parse(s)
}

/// Arguments of `gazette run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files or folders of articles (txt, md, html, jsonl, json, csv, .gz)
    #[arg(
        required = true,
        value_name = "INPUT",
        help_heading = "Input",
        long_help = "Files or folders to read. Folders are walked recursively; \
                       .txt .md .html .htm .jsonl .json .csv files are read, each \
                       optionally compressed as .gz. Other files in folders are skipped."
    )]
    pub inputs: Vec<PathBuf>,

    /// Output folder (tables in parquet/ and csv/, manifest.json)
    #[arg(
        long,
        short,
        value_name = "DIR",
        help_heading = "Output",
        long_help = "Output folder. The run writes parquet/NAME.parquet, csv/NAME.csv and \
                       manifest.json there, replacing a previous run's files only once the \
                       new ones are complete."
    )]
    pub out: PathBuf,

    /// Output formats, comma-separated: parquet,csv
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "FORMATS",
        help_heading = "Output",
        long_help = "Formats to write, comma-separated (parquet, csv). Overrides [output] \
                       formats of the configuration (default: both)."
    )]
    pub format: Option<Vec<String>>,

    /// Pipeline configuration file
    #[arg(
        long,
        value_name = "FILE",
        default_value = "pipelines/default.toml",
        help_heading = "Pipeline",
        long_help = "Pipeline configuration: stages, languages, lexicon files. Paths inside \
                       it are relative to the file itself."
    )]
    pub config: PathBuf,

    /// Worker threads (default: one per core)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        help_heading = "Pipeline",
        long_help = "Worker threads for reading and extraction. 0 (the default) uses one per \
                       core. The tables are byte-identical whatever the value."
    )]
    pub threads: usize,

    /// Exit with status 1 when any input was rejected
    #[arg(
        long,
        help_heading = "Pipeline",
        long_help = "Exit with status 1 when any input was rejected. Without it, rejected \
                       inputs are listed on stderr and in manifest.json and the run succeeds."
    )]
    pub strict: bool,

    /// Process only shard K of N (by stable article id), e.g. 2/8
    #[arg(long, value_name = "K/N", value_parser = parse_shard, help_heading = "Pipeline",
          long_help = "Process only the articles whose stable id falls in shard K of N (1-based), \
                       and write them to --out. Run the N shards anywhere (a Slurm array, a \
                       Kubernetes Indexed Job), then merge them with `gazette aggregate`.")]
    pub shard: Option<Shard>,

    /// Write tables partitioned by publication month (Hive layout)
    #[arg(long, value_name = "BY", value_parser = ["month"], help_heading = "Output",
          long_help = "Write the per-article tables as Hive partitions by publication month: \
                       parquet/NAME/month=YYYY-MM/part-N.parquet (month=unknown without a date), \
                       so DuckDB, Spark or Trino prune partitions. The actors table stays one file.")]
    pub partition: Option<String>,

    /// Add only new or changed inputs to an existing output
    #[arg(
        long,
        help_heading = "Output",
        long_help = "Skip input files unchanged since the last run (same name, size and \
                       modification time) and articles whose id is already in --out; append the \
                       new articles as new partition files (implies --partition month) and update \
                       the actors table. For nightly jobs over a growing folder."
    )]
    pub incremental: bool,

    /// No progress bar and no summary
    #[arg(long, short, help_heading = "Logging")]
    pub quiet: bool,
}

/// Runs `gazette run`.
pub fn run(args: RunArgs) -> Result<ExitCode> {
    let mut config = Config::load(&args.config)?;
    if let Some(formats) = args.format {
        for f in &formats {
            if f != "parquet" && f != "csv" {
                bail!("--format: unknown format '{f}' (use parquet, csv)");
            }
        }
        config.output.formats = formats;
    }
    let opts = RunOptions {
        inputs: args.inputs,
        out: args.out.clone(),
        config,
        threads: args.threads,
        quiet: args.quiet,
        shard: args.shard,
        layout: if args.partition.is_some() {
            Layout::Month
        } else {
            Layout::Single
        },
        incremental: args.incremental,
    };
    let manifest = run_pipeline(&opts)?;
    for r in &manifest.rejects {
        eprintln!("gazette: rejected {} ({}): {}", r.source, r.stage, r.reason);
    }
    if !args.quiet {
        let rows: Vec<String> = manifest
            .rows
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        eprintln!(
            "gazette: {} articles from {} files ({} rejected) in {:.2}s → {} [{}]",
            manifest.articles,
            manifest.files,
            manifest.rejects.len(),
            manifest.timings.get("total").copied().unwrap_or_default(),
            args.out.display(),
            rows.join(", ")
        );
    }
    if args.strict && !manifest.rejects.is_empty() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::cli::{Cli, Command};

    fn parse(args: &[&str]) -> super::RunArgs {
        match Cli::try_parse_from(args).unwrap().command {
            Command::Run(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn test_defaults() {
        let a = parse(&["gazette", "run", "seeds", "--out", "o"]);
        assert_eq!(a.threads, 0);
        assert!(!a.strict && !a.quiet);
        assert_eq!(a.format, None);
        assert_eq!(a.config, std::path::PathBuf::from("pipelines/default.toml"));
    }

    #[test]
    fn test_format_and_threads() {
        let a = parse(&[
            "gazette",
            "run",
            "a",
            "b",
            "-o",
            "o",
            "--format",
            "csv",
            "--threads",
            "2",
            "--strict",
        ]);
        assert_eq!(a.inputs.len(), 2);
        assert_eq!(a.format, Some(vec!["csv".to_string()]));
        assert_eq!(a.threads, 2);
        assert!(a.strict);
    }

    #[test]
    fn test_out_is_required() {
        assert!(Cli::try_parse_from(["gazette", "run", "seeds"]).is_err());
    }

    #[test]
    fn help_fits_79_columns() {
        use clap::CommandFactory;
        for sub in [None, Some("run")] {
            let mut cmd = Cli::command();
            cmd.build();
            let help = match sub {
                None => cmd.render_help().to_string(),
                Some(s) => cmd
                    .find_subcommand_mut(s)
                    .unwrap()
                    .render_help()
                    .to_string(),
            };
            for line in help.lines() {
                assert!(line.chars().count() <= 79, "too long: {line:?}");
            }
        }
    }
}
