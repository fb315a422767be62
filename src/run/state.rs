//! What an output folder remembers between incremental runs: the input
//! files already read (name, size, modification time), the article ids
//! already written, and how many runs wrote into it.
//!
//! A file whose name, size and modification time are unchanged is not read
//! again; an article whose id is already in the output is not extracted
//! again. The state lives in `OUT/state/`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};
use polars::prelude::*;

use crate::ingest::InputFile;
use crate::output::writer::table_files;

/// Size and modification time of an input file, as last seen.
pub type FileStamp = (u64, u128);

/// The state of an output folder.
#[derive(Debug, Default)]
pub struct OutputState {
    /// Input files read by earlier runs.
    pub files: BTreeMap<String, FileStamp>,
    /// Article ids already in the output.
    pub article_ids: HashSet<String>,
    /// Runs that wrote into the folder.
    pub runs: u64,
}

/// The stamp of a file now, if it can be read.
pub fn stamp(file: &InputFile) -> Option<FileStamp> {
    let m = std::fs::metadata(&file.path).ok()?;
    let mtime = m
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((m.len(), mtime))
}

impl OutputState {
    /// Loads the state of `out` (empty for a new folder).
    pub fn load(out: &Path) -> Result<OutputState> {
        let mut state = OutputState::default();
        let dir = out.join("state");
        if let Ok(text) = std::fs::read_to_string(dir.join("runs.txt")) {
            state.runs = text.trim().parse().unwrap_or(0);
        }
        if let Ok(text) = std::fs::read_to_string(dir.join("files.tsv")) {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let f: Vec<&str> = line.split('\t').collect();
                if let [name, size, mtime] = f.as_slice()
                    && let (Ok(size), Ok(mtime)) = (size.parse(), mtime.parse())
                {
                    state.files.insert(name.to_string(), (size, mtime));
                }
            }
        }
        let files = table_files(out, "articles");
        if !files.is_empty() {
            let paths: Vec<PlRefPath> = files
                .iter()
                .map(|p| PlRefPath::try_from_path(p))
                .collect::<PolarsResult<_>>()?;
            let ids = LazyFrame::scan_parquet_files(
                paths.into_iter().collect(),
                ScanArgsParquet::default(),
            )?
            .select([col("article_id")])
            .collect();
            let ids = Context::context(ids, "reading the article ids already in the output")?;
            let ca = ids.column("article_id")?.str()?.clone();
            state
                .article_ids
                .extend(ca.iter().flatten().map(str::to_string));
        }
        Ok(state)
    }

    /// True when `file` was read by an earlier run and has not changed.
    pub fn unchanged(&self, file: &InputFile) -> bool {
        match (self.files.get(&file.rel), stamp(file)) {
            (Some(old), Some(now)) => *old == now,
            _ => false,
        }
    }

    /// Writes the state into `dir` (the staging folder's `state/`).
    pub fn save(&self, dir: &Path) -> Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("runs.txt"), format!("{}\n", self.runs))?;
        let mut text =
            String::from("# input files read into this output: name, size, mtime (ns)\n");
        for (name, (size, mtime)) in &self.files {
            text.push_str(&format!("{name}\t{size}\t{mtime}\n"));
        }
        std::fs::write(dir.join("files.tsv"), text)?;
        Ok(())
    }
}
