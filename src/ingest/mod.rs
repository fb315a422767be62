//! Ingestion: finds input files, decodes them and turns each into one or
//! more [`RawArticle`]s, or into [`Reject`]s that say why not.
//!
//! Sources → transforms → sinks: this is the source side. It never panics on
//! any input; one bad file or record becomes a reject and the run goes on.
//! It does not normalise text beyond decoding (that is `text::prepare`).
//!
//! Formats (each may be gzipped, `.gz`): `.txt`/`.md` (optional YAML front
//! matter and ` date 2024-11 ` header), `.html`/`.htm`, `.jsonl`, `.json`
//! (an object or an array of objects) and `.csv`, one module each; the
//! record fields and metadata dates they share are in `meta`. Encodings
//! (`decode`): UTF-8 with or without BOM, UTF-16 (BOM, or guessed from its
//! NUL pattern), legacy encodings such as Windows-1252 guessed by chardetng;
//! binary files are rejected.
//!
//! Two entry points: [`open`] streams one file's articles in bounded memory
//! (record by record for JSON Lines, JSON and CSV); [`read_file`] collects
//! them. Every file yields at least one article or reject; at most
//! [`MAX_REJECTS_PER_FILE`] rejects are listed per file.

mod csv;
mod decode;
mod frontmatter;
mod html;
mod json;
mod jsonl;
mod meta;
mod readahead;
mod stream;
mod txt;
mod walk;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod throughput;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::document::Published;

pub use readahead::Readahead;
pub use stream::{ArticleStream, FileStats, Item, MAX_REJECTS_PER_FILE, open};
pub use walk::{InputFile, discover};

/// An article as read from its input, before preparation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    /// `articles.source`. A text or HTML file: its path relative to the
    /// input root. A record: its `id`, else its `url`, else `PATH#N` where N
    /// is the JSON Lines line or the CSV record's first line (1-based), or
    /// the index in a JSON array (0-based).
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

#[cfg(test)]
impl RawArticle {
    /// A bare test article: `text` in `lang`, from `test.txt`, no metadata
    /// (the stages' test kits prepare it into a [`crate::document::Document`]).
    pub(crate) fn for_test(lang: &str, text: &str) -> RawArticle {
        RawArticle {
            source: "test.txt".into(),
            title: None,
            text: text.into(),
            published: None,
            lang: Some(lang.into()),
            url: None,
        }
    }
}

/// An input (a file or a record in it) that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reject {
    /// The file, or `FILE#N` for one record (numbered as in
    /// [`RawArticle::source`], whatever its `id`).
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
    /// Largest article accepted, in bytes; also the largest text or HTML
    /// file, decompressed, and (plus 64 KiB for metadata) the largest record
    /// of a JSON Lines, JSON or CSV file.
    pub max_article_bytes: usize,
}

impl Default for Limits {
    /// 50 MiB, as `[prepare] max_article_bytes` defaults to.
    fn default() -> Self {
        Limits {
            max_article_bytes: 50 * 1024 * 1024,
        }
    }
}

/// The input formats, from the file name (`.gz` aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`, `.md`: one article.
    Text,
    /// `.html`, `.htm`: one article.
    Html,
    /// `.jsonl`: one object per line.
    JsonLines,
    /// `.json`: one object, or an array of objects.
    Json,
    /// `.csv`: a header row, then one article per record.
    Csv,
}

impl Format {
    /// The format of a file name and whether it is gzipped; `None` for
    /// names gazette does not read.
    pub fn of(name: &str) -> Option<(Format, bool)> {
        let lower = name.to_ascii_lowercase();
        let (base, gz) = match lower.strip_suffix(".gz") {
            Some(b) => (b, true),
            None => (lower.as_str(), false),
        };
        let format = match base.rsplit_once('.')?.1 {
            "txt" | "md" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" => Format::JsonLines,
            "json" => Format::Json,
            "csv" => Format::Csv,
            _ => return None,
        };
        Some((format, gz))
    }

    /// True for formats read whole (one article per file).
    pub fn is_whole_file(self) -> bool {
        matches!(self, Format::Text | Format::Html)
    }
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

impl FileOutcome {
    /// Collects a stream's articles and rejects, then its size and digest.
    pub fn collect(mut stream: ArticleStream) -> FileOutcome {
        let mut out = FileOutcome::default();
        for item in stream.by_ref() {
            match item {
                Ok(a) => out.articles.push(a),
                Err(r) => out.rejects.push(r),
            }
        }
        let stats = stream.finish();
        out.bytes = stats.bytes;
        out.digest = stats.digest;
        out
    }
}

/// Reads one input file into articles and rejects. Never panics. Holds all
/// of the file's articles: for large record files, iterate [`open`] instead.
pub fn read_file(file: &InputFile, limits: Limits) -> FileOutcome {
    FileOutcome::collect(open(file, limits))
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
