//! The command line: clap definitions, their help texts, and one function per
//! subcommand. `main.rs` only parses and dispatches here.

mod aggregate;
mod eval;
mod eval_plover;
mod report;
mod run;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use aggregate::AggregateArgs;
pub use eval::EvalArgs;
pub use eval_plover::EvalPloverArgs;
pub use report::ReportArgs;
pub use run::RunArgs;
pub use synth::SynthArgs;

/// gazette turns folders of French and English news articles into tables of
/// actors, quotes, dates and PLOVER events (Parquet and CSV).
#[derive(Debug, Parser)]
#[command(name = "gazette", version, about, long_about = None, term_width = 79)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract tables from articles: gazette run seeds --out output
    Run(RunArgs),
    /// Recompute the aggregate tables over output folders: gazette aggregate OUT...
    Aggregate(AggregateArgs),
    /// Score a run against gold files: gazette eval --gold DIR OUT
    Eval(EvalArgs),
    /// Write OUT/report.html from a run's tables: gazette report output
    Report(ReportArgs),
    /// Print the output tables' columns, types and meaning
    Schema {
        /// Print the contract as JSON (for tools and tests)
        #[arg(long)]
        json: bool,
    },
    /// Score a run's events against the PLOVER gold sentences
    EvalPlover(EvalPloverArgs),
    /// Write a synthetic news corpus: gazette synth --articles 1000 corpus
    Synth(SynthArgs),
}

/// Runs the parsed command line and maps the outcome to an exit code.
pub fn main(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Run(args) => run::run(args),
        Command::Aggregate(args) => aggregate::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Report(args) => report::report(args),
        Command::EvalPlover(args) => eval_plover::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Schema { json } => {
            let tables: Vec<&crate::output::schema::TableSpec> = crate::output::schema::TABLES
                .into_iter()
                .chain(crate::aggregate::schema::AGGREGATES)
                .collect();
            if json {
                println!("{}", crate::output::schema::describe_json(&tables));
            } else {
                print!("{}", crate::output::schema::describe(&tables));
            }
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gazette: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
