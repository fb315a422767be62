//! The run tables the aggregates read, scanned lazily over one or several
//! output folders, plus the one small eager step: resolving near-duplicate
//! chains (`articles.duplicate_of`) to the first article of each family.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use polars::prelude::*;

use crate::output::writer::{scan_parts, table_files};

/// The output folders to aggregate.
#[derive(Debug, Clone)]
pub struct Inputs {
    dirs: Vec<PathBuf>,
}

impl Inputs {
    /// Checks that every folder holds a run's tables (single files or month
    /// partitions).
    pub fn open(out_dirs: &[PathBuf]) -> Result<Inputs> {
        if out_dirs.is_empty() {
            bail!("no output folder to aggregate");
        }
        for d in out_dirs {
            if table_files(d, "articles").is_empty() {
                bail!(
                    "'{}' holds no run tables (parquet/articles.parquet or parquet/articles/): give folders written by `gazette run --out`",
                    d.display()
                );
            }
        }
        Ok(Inputs {
            dirs: out_dirs.to_vec(),
        })
    }

    /// One table over every folder, in folder order (partition files in name
    /// order).
    pub fn scan(&self, table: &str) -> Result<LazyFrame> {
        let mut parts = Vec::new();
        for d in &self.dirs {
            let files = table_files(d, table);
            if files.is_empty() {
                bail!(
                    "'{}' has no {table} table: the run that wrote it did not finish",
                    d.display()
                );
            }
            parts.extend(files);
        }
        scan_parts(&parts)
    }

    /// `article_id → root` (the earliest article of its near-duplicate family,
    /// itself when it has none) with the root's publication date, as
    /// `article_id, root, root_published`.
    pub fn roots(&self) -> Result<LazyFrame> {
        let df = self
            .scan("articles")?
            .select([col("article_id"), col("duplicate_of"), col("published")])
            .collect()?;
        resolve_roots(&df)
    }
}

/// Follows `duplicate_of` links to their end (a link to an unknown article
/// stops there; a cycle, which the run never writes, stops where it closes).
fn resolve_roots(df: &DataFrame) -> Result<LazyFrame> {
    let ids = df.column("article_id")?.str()?.clone();
    let dups = df.column("duplicate_of")?.str()?.clone();
    let published = df.column("published")?.cast(&DataType::Int32)?;
    let published = published.i32()?;
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut day: BTreeMap<&str, Option<i32>> = BTreeMap::new();
    for ((id, dup), p) in ids.iter().zip(dups.iter()).zip(published.iter()) {
        let Some(id) = id else { continue };
        if let Some(d) = dup {
            parent.insert(id, d);
        }
        day.entry(id).or_insert(p);
    }
    let mut roots: Vec<Option<String>> = Vec::with_capacity(ids.len());
    let mut root_days: Vec<Option<i32>> = Vec::with_capacity(ids.len());
    for id in ids.iter() {
        let Some(id) = id else {
            roots.push(None);
            root_days.push(None);
            continue;
        };
        let mut r = id;
        for _ in 0..parent.len() {
            match parent.get(r) {
                Some(next) if *next != id && day.contains_key(next) => r = next,
                _ => break,
            }
        }
        roots.push(Some(r.to_string()));
        root_days.push(day.get(r).copied().flatten());
    }
    let out = DataFrame::new(
        ids.len(),
        vec![
            Column::new("article_id".into(), ids.into_series()),
            Column::new("root".into(), roots),
            Series::new("root_published".into(), root_days)
                .cast(&DataType::Date)?
                .into_column(),
        ],
    )?;
    Ok(out.lazy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicate_chains_end_at_their_first_article() {
        let df = df! {
            "article_id" => ["a", "b", "c", "d", "e"],
            "duplicate_of" => [None, Some("a"), Some("b"), Some("zz"), None],
            "published" => [Some(10i32), Some(20), None, Some(40), None],
        }
        .unwrap();
        let df = df
            .lazy()
            .with_column(col("published").cast(DataType::Date))
            .collect()
            .unwrap();
        let out = resolve_roots(&df).unwrap().collect().unwrap();
        let roots: Vec<Option<&str>> = out.column("root").unwrap().str().unwrap().iter().collect();
        // c → b → a; d points outside the run: it stays its own root
        assert_eq!(
            roots,
            [Some("a"), Some("a"), Some("a"), Some("d"), Some("e")]
        );
        let days: Vec<Option<i32>> = out
            .column("root_published")
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap()
            .i32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(days, [Some(10), Some(10), Some(10), Some(40), None]);
    }
}
