//! `gazette synth`: writes a synthetic French/English news corpus.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;

use crate::synth::{Options, generate};

/// Arguments of `gazette synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Output folder (must not exist, unless --force)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,

    /// Number of articles
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub articles: usize,

    /// Random seed: the same seed gives the same corpus
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,

    /// Share of French articles, 0 to 1 (the rest are English)
    #[arg(long, value_name = "SHARE", default_value_t = 0.7)]
    pub lang_mix: f64,

    /// Number of hostile files to add (empty, binary, broken gzip/JSON/CSV)
    #[arg(long, value_name = "K", default_value_t = 0)]
    pub hostile: usize,

    /// Templates and fillers folder
    #[arg(long, value_name = "DIR", default_value = "pipelines/synth")]
    pub data: PathBuf,

    /// Gazetteer folder whose people are also used, when it exists
    #[arg(long, value_name = "DIR", default_value = "pipelines/gazetteer")]
    pub gazetteer: PathBuf,

    /// Replace OUT when it exists
    #[arg(long)]
    pub force: bool,

    /// Worker threads (default: one per core; the corpus is the same)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No summary on stderr
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs `gazette synth`.
pub fn run(args: SynthArgs) -> Result<ExitCode> {
    let opts = Options {
        articles: args.articles,
        seed: args.seed,
        out: args.out.clone(),
        lang_mix: args.lang_mix,
        hostile: args.hostile,
        data_dir: args.data,
        gazetteer: Some(args.gazetteer),
        force: args.force,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()?;
    let s = pool.install(|| generate(&opts))?;
    if !args.quiet {
        let mb = s.bytes as f64 / 1e6;
        eprintln!(
            "gazette: synth wrote {} articles ({} words) in {} files, {:.1} MB, to {} in {:.2}s ({:.1} MB/s); \
             {} near-duplicates, {} hostile files",
            s.articles,
            s.words,
            s.files,
            mb,
            args.out.display(),
            s.seconds,
            mb / s.seconds.max(1e-9),
            s.near_duplicates,
            s.hostile
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use crate::cli::{Cli, Command};

    fn parse(args: &[&str]) -> super::SynthArgs {
        match Cli::try_parse_from(args).unwrap().command {
            Command::Synth(a) => a,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults_and_options() {
        let a = parse(&["gazette", "synth", "out"]);
        assert_eq!(
            (a.articles, a.seed, a.hostile, a.force),
            (1000, 1, 0, false)
        );
        assert!((a.lang_mix - 0.7).abs() < 1e-9);
        let a = parse(&[
            "gazette",
            "synth",
            "--articles",
            "5",
            "--seed",
            "9",
            "--lang-mix",
            "0.5",
            "--hostile",
            "3",
            "--force",
            "o",
        ]);
        assert_eq!((a.articles, a.seed, a.hostile, a.force), (5, 9, 3, true));
        assert!(
            Cli::try_parse_from(["gazette", "synth"]).is_err(),
            "OUT is required"
        );
    }

    #[test]
    fn help_fits_79_columns() {
        let mut cmd = Cli::command();
        cmd.build();
        let help = cmd
            .find_subcommand_mut("synth")
            .unwrap()
            .render_help()
            .to_string();
        for line in help.lines() {
            assert!(line.chars().count() <= 79, "too long: {line:?}");
        }
    }
}
