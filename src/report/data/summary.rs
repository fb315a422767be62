//! The run summary: what `manifest.json` says about the run (inputs, rejects,
//! timings) and what the `articles` table says about the articles (languages,
//! near-duplicates, publication dates).

use std::path::Path;

use anyhow::{Context, Result};
use polars::prelude::*;
use serde_json::Value;

use super::read::{ints, order, scan, strings, strs};

/// An input the run rejected.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reject {
    /// The file or record.
    pub source: String,
    /// The step that rejected it.
    pub stage: String,
    /// Why.
    pub reason: String,
}

/// The run summary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// True when the folder holds a `manifest.json`.
    pub has_manifest: bool,
    /// gazette's version that wrote the run.
    pub version: Option<String>,
    /// The inputs as given on the command line.
    pub inputs: Vec<String>,
    /// Input files read.
    pub files: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Articles this run wrote (an incremental run adds to earlier ones).
    pub run_articles: u64,
    /// Files an incremental run skipped as unchanged.
    pub skipped_files: u64,
    /// The shard (`K/N`) a sharded run processed.
    pub shard: Option<String>,
    /// Rows per table, as the manifest counts them.
    pub rows: Vec<(String, u64)>,
    /// Rejected inputs with their reasons.
    pub rejects: Vec<Reject>,
    /// Wall time of the run in seconds.
    pub seconds: Option<f64>,
    /// Seconds per step (`stage.*` are CPU seconds summed over threads).
    pub timings: Vec<(String, f64)>,
    /// Articles in the output folder.
    pub articles: u64,
    /// Articles per language, most frequent first.
    pub languages: Vec<(String, u64)>,
    /// Articles marked as near-duplicates of an earlier one.
    pub near_duplicates: u64,
    /// Repeated paragraphs dropped from the texts.
    pub duplicate_paragraphs: u64,
    /// Earliest and latest publication dates.
    pub published: Option<(String, String)>,
    /// Articles without a publication date.
    pub undated: u64,
}

fn u64_at(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn str_at(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Fills the run fields from a parsed `manifest.json` (tolerant: a field
/// it does not find stays empty).
fn from_manifest(s: &mut Summary, m: &Value) {
    s.has_manifest = true;
    s.version = str_at(m, "version");
    s.inputs = m
        .get("inputs")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    s.files = u64_at(m, "files");
    s.bytes = u64_at(m, "bytes");
    s.run_articles = u64_at(m, "articles");
    s.skipped_files = u64_at(m, "skipped_files");
    s.shard = str_at(m, "shard");
    if let Some(rows) = m.get("rows").and_then(Value::as_object) {
        s.rows = rows
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap_or(0)))
            .collect();
    }
    if let Some(rejects) = m.get("rejects").and_then(Value::as_array) {
        s.rejects = rejects
            .iter()
            .map(|r| Reject {
                source: str_at(r, "source").unwrap_or_default(),
                stage: str_at(r, "stage").unwrap_or_default(),
                reason: str_at(r, "reason").unwrap_or_default(),
            })
            .collect();
    }
    if let Some(t) = m.get("timings").and_then(Value::as_object) {
        s.seconds = t.get("total").and_then(Value::as_f64);
        s.timings = t
            .iter()
            .filter(|(k, _)| *k != "total")
            .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
            .collect();
    }
}

/// Reads the summary of an output folder.
pub fn load(out: &Path) -> Result<Summary> {
    let mut s = Summary::default();
    let path = out.join("manifest.json");
    if path.exists() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading '{}'", path.display()))?;
        let m: Value = serde_json::from_str(&text)
            .with_context(|| format!("'{}' is not valid JSON", path.display()))?;
        from_manifest(&mut s, &m);
    }
    let Some(articles) = scan(out, "articles")? else {
        return Ok(s);
    };
    let langs = articles
        .clone()
        .group_by([col("lang")])
        .agg([len().cast(DataType::Int64).alias("n")])
        .sort(["n", "lang"], order(&[true, false]))
        .collect()?;
    s.languages = strings(&langs, "lang")?
        .into_iter()
        .zip(ints(&langs, "n")?)
        .map(|(l, n)| (l, n.max(0) as u64))
        .collect();
    let stats = articles
        .select([
            len().cast(DataType::Int64).alias("n"),
            col("duplicate_of").is_not_null().sum().alias("dups"),
            col("n_duplicate_paragraphs").sum().alias("paras"),
            col("published").is_null().sum().alias("undated"),
            col("published").min().alias("first"),
            col("published").max().alias("last"),
        ])
        .collect()?;
    let n = |c: &str| -> Result<u64> {
        Ok(ints(&stats, c)?.first().copied().unwrap_or(0).max(0) as u64)
    };
    s.articles = n("n")?;
    s.near_duplicates = n("dups")?;
    s.duplicate_paragraphs = n("paras")?;
    s.undated = n("undated")?;
    let (first, last) = (strs(&stats, "first")?, strs(&stats, "last")?);
    if let (Some(Some(f)), Some(Some(l))) = (first.first(), last.first()) {
        s.published = Some((f.clone(), l.clone()));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_fields_are_read_and_missing_ones_stay_empty() {
        let m: Value = serde_json::from_str(
            r#"{"version":"0.1.0","inputs":["seeds"],"files":5,"bytes":100,"articles":4,
                "rows":{"articles":4,"events":2},
                "rejects":[{"source":"a.bin","stage":"ingest","reason":"not text"}],
                "timings":{"total":1.5,"ingest":0.2}}"#,
        )
        .unwrap();
        let mut s = Summary::default();
        from_manifest(&mut s, &m);
        assert_eq!(s.version.as_deref(), Some("0.1.0"));
        assert_eq!((s.files, s.bytes, s.run_articles), (5, 100, 4));
        assert_eq!(s.rejects[0].reason, "not text");
        assert_eq!(s.seconds, Some(1.5));
        assert_eq!(s.timings, vec![("ingest".to_string(), 0.2)]);
        assert_eq!(s.shard, None);

        let mut empty = Summary::default();
        from_manifest(&mut empty, &serde_json::json!({}));
        assert!(empty.has_manifest && empty.rejects.is_empty() && empty.seconds.is_none());
    }

    #[test]
    fn a_folder_without_tables_gives_an_empty_summary() {
        let dir = tempfile::tempdir().unwrap();
        let s = load(dir.path()).unwrap();
        assert!(!s.has_manifest);
        assert_eq!(s.articles, 0);
    }
}
