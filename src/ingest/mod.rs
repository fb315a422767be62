//! Ingestion: finds input files, decodes them and turns each into one or
//! more [`RawArticle`]s, or into [`Reject`]s that say why not.
//!
//! Sources → transforms → sinks: this is the source side. It never panics on
//! any input; one bad file or record becomes a reject and the run goes on.
//! It does not normalise text beyond decoding (that is `text::prepare`).

mod txt;
mod walk;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::document::Published;

pub use walk::{InputFile, discover};

/// An article as read from its input, before preparation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    /// `articles.source`: the record's `id`, else its URL, else the path
    /// relative to the input root (with `#LINE` for a record of a multi-record file).
    pub source: String,
    /// Title from the metadata.
    pub title: Option<String>,
    /// The body text, decoded; paragraphs separated by newlines.
    pub text: String,
    /// Publication date from the metadata or header.
    pub published: Option<Published>,
    /// Language code given by the metadata.
    pub lang: Option<String>,
    /// URL given by the metadata.
    pub url: Option<String>,
}

/// An input (a file or a record in it) that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reject {
    /// The file, or `FILE#LINE` for one record.
    pub source: String,
    /// The step that rejected it (`ingest`, `decode`, `prepare`, ...).
    pub stage: String,
    /// What is wrong, in words a user can act on.
    pub reason: String,
}

impl Reject {
    /// Builds a reject.
    pub fn new(source: impl Into<String>, stage: &str, reason: impl Into<String>) -> Self {
        Reject {
            source: source.into(),
            stage: stage.to_string(),
            reason: reason.into(),
        }
    }
}

/// Limits that protect the run from hostile inputs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest article (and largest decompressed file) accepted, in bytes.
    pub max_article_bytes: usize,
}

/// What reading one input file produced.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// The articles it holds, in file order.
    pub articles: Vec<RawArticle>,
    /// Records or the whole file rejected, with reasons.
    pub rejects: Vec<Reject>,
    /// Bytes read from disk.
    pub bytes: u64,
    /// XXH3 of the file's bytes, for the run's input fingerprint.
    pub digest: u64,
}

/// Reads one input file into articles and rejects. Never panics.
pub fn read_file(file: &InputFile, limits: Limits) -> FileOutcome {
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => {
            return FileOutcome {
                rejects: vec![Reject::new(
                    &file.rel,
                    "ingest",
                    format!("cannot read file: {e}"),
                )],
                ..Default::default()
            };
        }
    };
    let n = bytes.len() as u64;
    let digest = xxhash_rust::xxh3::xxh3_64(&bytes);
    let mut out = match txt::read(&file.rel, &bytes, limits) {
        Ok(a) => FileOutcome {
            articles: vec![a],
            ..Default::default()
        },
        Err(r) => FileOutcome {
            rejects: vec![r],
            ..Default::default()
        },
    };
    out.bytes = n;
    out.digest = digest;
    out
}

/// Path of `path` relative to `root`, with `/` separators.
pub(crate) fn relative_name(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf());
    let s = rel.to_string_lossy().replace('\\', "/");
    if s.is_empty() {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        s
    }
}
