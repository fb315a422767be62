//! The run's `timeline` without a whole-table sort: each batch's timeline
//! rows (evidence cut from the batch's own texts) are spilled into one
//! Parquet file per month of their date while the run goes on; at the end
//! the months are sorted one at a time, in order, and appended to the
//! table. Memory is bounded by the largest month, not by the corpus.
//!
//! Near-duplicate roots are resolved as the articles arrive: a run links an
//! article only to an earlier one, so its root is already known.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result};
use polars::prelude::*;

use super::events::{date_events, sort_timeline, timeline_rows};
use super::schema::TIMELINE;
use crate::lexicon::Fnv;
use crate::output::files::TableFiles;
use crate::output::schema::{ColType, TableSpec, col as column};
use crate::output::writer::{Formats, Layout, OutputWriter, scan_parts};

/// The spilled rows: the timeline's columns plus the event's `start`, a
/// sort key the table does not show.
static SPILL: LazyLock<TableSpec> = LazyLock::new(|| {
    let mut columns = TIMELINE.columns.to_vec();
    columns.push(column("start", ColType::Int32, false, "event start"));
    TableSpec {
        columns: Box::leak(columns.into_boxed_slice()),
        ..TIMELINE
    }
});

/// Timeline rows spilled by month during a run.
pub struct TimelineSpill {
    dir: PathBuf,
    writer: OutputWriter,
    /// Publication day of every article so far (the roots' dates).
    published: HashMap<String, Option<i32>, BuildHasherDefault<Fnv>>,
    /// Root of every article that has one other than itself.
    roots: HashMap<String, String, BuildHasherDefault<Fnv>>,
}

/// `YYYY-MM` of a day since the epoch, `unknown` for none (sorts last).
fn month(day: Option<i32>) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    day.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d.into())))
        .map_or_else(|| "unknown".into(), |d| d.format("%Y-%m").to_string())
}

impl TimelineSpill {
    /// Spills into `dir` (inside the run's staging folder, removed by
    /// [`TimelineSpill::finish`]).
    pub fn create(dir: &Path) -> Result<TimelineSpill> {
        let formats = Formats {
            parquet: true,
            csv: false,
        };
        Ok(TimelineSpill {
            dir: dir.to_path_buf(),
            writer: OutputWriter::create(dir, formats, Layout::Month, "spill")?.uncompressed(),
            published: HashMap::default(),
            roots: HashMap::default(),
        })
    }

    /// Adds one batch's `articles` and `events` (contract columns).
    pub fn add_batch(&mut self, articles: &DataFrame, events: &DataFrame) -> Result<()> {
        let ids = articles.column("article_id")?.str()?;
        let dups = articles.column("duplicate_of")?.str()?;
        let days = articles.column("published")?.cast(&DataType::Int32)?;
        let mut roots = Vec::with_capacity(ids.len());
        let mut root_days = Vec::with_capacity(ids.len());
        for ((id, dup), day) in ids.iter().zip(dups.iter()).zip(days.i32()?.iter()) {
            let Some(id) = id else {
                roots.push(None);
                root_days.push(None);
                continue;
            };
            self.published.entry(id.to_string()).or_insert(day);
            // a link to an article outside the run stops there
            let root = match dup.filter(|d| *d != id && self.published.contains_key(*d)) {
                Some(d) => self.roots.get(d).cloned().unwrap_or_else(|| d.to_string()),
                None => id.to_string(),
            };
            if root != id {
                self.roots.insert(id.to_string(), root.clone());
            }
            root_days.push(self.published.get(&root).copied().flatten());
            roots.push(Some(root));
        }
        if events.height() == 0 {
            return Ok(());
        }
        let roots = DataFrame::new(
            ids.len(),
            vec![
                ids.clone().into_series().into_column(),
                Column::new("root".into(), roots),
                Series::new("root_published".into(), root_days)
                    .cast(&DataType::Date)?
                    .into_column(),
            ],
        )?;
        let rows = super::contract(
            timeline_rows(
                articles.clone().lazy(),
                date_events(events.clone().lazy(), roots.lazy()),
            ),
            &SPILL,
        )
        .collect()?;
        let dates = rows.column("date")?.cast(&DataType::Int32)?;
        let months: Vec<String> = dates.i32()?.iter().map(month).collect();
        let mut distinct = months.clone();
        distinct.sort();
        distinct.dedup();
        for m in distinct {
            let mask: BooleanChunked = months.iter().map(|x| *x == m).collect();
            self.writer
                .write_batch(&SPILL, Some(&m), rows.filter(&mask)?)?;
        }
        Ok(())
    }

    /// Writes the sorted timeline into `parquet`/`csv` (either may be
    /// absent) and removes the spill; returns its rows.
    pub fn finish(mut self, parquet: Option<&Path>, csv: Option<&Path>) -> Result<u64> {
        self.writer.build_tables(&[&*SPILL], false)?;
        let spilled = self.writer.staging().to_path_buf();
        let mut months: Vec<PathBuf> = std::fs::read_dir(spilled.join("parquet").join("timeline"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        // `month=YYYY-MM` in date order, `month=unknown` (undated) last
        months.sort();
        let mut out = TableFiles::create(&TIMELINE, parquet, csv)?;
        let mut rows = 0u64;
        for m in months {
            let mut files = Vec::new();
            for e in std::fs::read_dir(&m)?.flatten() {
                files.push(e.path());
            }
            files.sort();
            let sorted = sort_timeline(scan_parts(&files)?);
            let df = super::contract(sorted, &TIMELINE).collect();
            let df =
                Context::with_context(df, || format!("sorting the timeline of '{}'", m.display()))?;
            rows += df.height() as u64;
            out.push(&df)?;
        }
        out.finish()?;
        drop(self.writer);
        let _ = std::fs::remove_dir_all(&self.dir);
        Ok(rows)
    }
}
