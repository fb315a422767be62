//! `manifest.json`: what a run did, for people and schedulers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::ingest::Reject;

/// The run manifest written as `OUT/manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// gazette's version.
    pub version: String,
    /// The configuration used (after command-line overrides).
    pub config: Config,
    /// The inputs as given on the command line.
    pub inputs: Vec<String>,
    /// XXH3 fingerprint of every input file's name and content, in order.
    pub input_fingerprint: String,
    /// Input files read.
    pub files: u64,
    /// Input files skipped by an incremental run because they had not changed.
    pub skipped_files: u64,
    /// Articles skipped by an incremental run because they were already in the output.
    pub skipped_articles: u64,
    /// Bytes read from disk.
    pub bytes: u64,
    /// Articles written to the `articles` table.
    pub articles: u64,
    /// Rows per table.
    pub rows: BTreeMap<String, u64>,
    /// Seconds per step: wall time for the run's steps, CPU time summed over
    /// threads for each extraction stage (`stage.actors`, ...).
    pub timings: BTreeMap<String, f64>,
    /// Every input rejected, with its reason.
    pub rejects: Vec<Reject>,
    /// Worker threads used.
    pub threads: usize,
    /// The shard this run processed (`K/N`), if sharded.
    pub shard: Option<String>,
    /// Problems that did not fail the run (e.g. the report could not be written).
    pub warnings: Vec<String>,
}
