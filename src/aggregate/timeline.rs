//! The run's `timeline` without a whole-table sort: each batch's timeline
//! rows (evidence cut from the batch's own texts) are spilled into one
//! Parquet file per month of their date while the run goes on; at the end
//! the months are sorted one at a time, in order, and appended to the
//! table. Memory is bounded by the largest month, not by the corpus.
//!
//! Near-duplicate roots come from the run's [`Families`], resolved as the
//! articles arrive.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result};
use polars::prelude::*;

use super::events::sort_timeline;
use super::families::Families;
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

/// One timeline row of a batch, before it becomes a column.
struct SpillRow<'a> {
    event: usize,
    date: Option<i32>,
    origin: Option<&'static str>,
    evidence: Option<&'a str>,
    duplicate_of: Option<&'a str>,
    start: Option<i32>,
}

/// The spill frame of some rows: columns in [`SPILL`] order, every string
/// copied into the frame's own buffers (slices of the batch's columns would
/// keep whole batches alive while a month waits for its row group).
/// `copied`: the events columns the timeline shows as they are, from
/// `date_value` to `trigger`.
fn spill_frame(rows: &[SpillRow], copied: &[&StringChunked]) -> Result<DataFrame> {
    let mut columns = Vec::with_capacity(SPILL.columns.len());
    columns.push(
        Series::new(
            "date".into(),
            rows.iter().map(|r| r.date).collect::<Vec<_>>(),
        )
        .cast(&DataType::Date)?
        .into_column(),
    );
    columns.push(Column::new(
        "date_origin".into(),
        rows.iter().map(|r| r.origin).collect::<Vec<_>>(),
    ));
    for c in copied {
        let values: Vec<Option<&str>> = rows.iter().map(|r| c.get(r.event)).collect();
        columns.push(Column::new(c.name().clone(), values));
    }
    columns.push(Column::new(
        "evidence".into(),
        rows.iter().map(|r| r.evidence).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "duplicate_of".into(),
        rows.iter().map(|r| r.duplicate_of).collect::<Vec<_>>(),
    ));
    columns.push(Column::new(
        "start".into(),
        rows.iter().map(|r| r.start).collect::<Vec<_>>(),
    ));
    let df = DataFrame::new(rows.len(), columns)?;
    Ok(super::contract(df.lazy(), &SPILL).collect()?)
}

/// Code-point slicing of article texts, as polars' `str.slice` does: the
/// byte offset of every code point of the last article asked for.
#[derive(Default)]
struct CharIndex {
    article: Option<usize>,
    offsets: Vec<usize>,
}

impl CharIndex {
    /// `text[start..end]` in code points (clamped to the text) of the
    /// batch's article `j`.
    fn slice<'t>(&mut self, j: usize, text: &'t str, start: i32, end: i32) -> &'t str {
        if text.is_ascii() {
            let (s, e) = (start.max(0) as usize, end.max(0) as usize);
            let s = s.min(text.len());
            return &text[s..e.clamp(s, text.len())];
        }
        if self.article != Some(j) {
            self.article = Some(j);
            self.offsets.clear();
            self.offsets.extend(text.char_indices().map(|(b, _)| b));
            self.offsets.push(text.len());
        }
        let n = self.offsets.len() - 1;
        let s = (start.max(0) as usize).min(n);
        let e = (end.max(0) as usize).clamp(s, n);
        &text[self.offsets[s]..self.offsets[e]]
    }
}

/// Timeline rows spilled by month during a run.
pub struct TimelineSpill {
    dir: PathBuf,
    writer: OutputWriter,
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
        })
    }

    /// Adds one batch's `articles` and `events` (contract columns);
    /// `rows` are the articles' indices in `families` (which already holds
    /// them).
    pub fn add_batch(
        &mut self,
        articles: &DataFrame,
        events: &DataFrame,
        families: &Families,
        rows: &[Option<u32>],
    ) -> Result<()> {
        if events.height() == 0 {
            return Ok(());
        }
        let text = |name: &str| -> Result<&StringChunked> { Ok(articles.column(name)?.str()?) };
        let (texts, dups) = (text("text")?, text("duplicate_of")?);
        // article id → its row in this batch (an article's events are all here)
        let by_id: HashMap<&str, usize, BuildHasherDefault<Fnv>> = text("article_id")?
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((id?, i)))
            .collect();
        let ev = |name: &str| -> Result<&StringChunked> { Ok(events.column(name)?.str()?) };
        let dates = events.column("date")?.cast(&DataType::Int32)?;
        let dates = dates.i32()?;
        let starts = events.column("start")?.cast(&DataType::Int32)?;
        let ends = events.column("end")?.cast(&DataType::Int32)?;
        let (starts, ends) = (starts.i32()?, ends.i32()?);
        let copied = [
            "date_value",
            "event_id",
            "article_id",
            "type",
            "mode",
            "quad_class",
            "status",
            "source",
            "target",
            "source_country",
            "target_country",
            "trigger",
        ]
        .map(|c| ev(c));
        let article_ids = ev("article_id")?;
        // rows per month, in event order
        let mut months: BTreeMap<String, Vec<SpillRow>> = BTreeMap::new();
        let mut chars = CharIndex::default();
        for i in 0..events.height() {
            let Some(&j) = article_ids.get(i).and_then(|a| by_id.get(a)) else {
                continue;
            };
            let root_day = rows[j].and_then(|a| families.root_published(a));
            let date = dates.get(i).or(root_day);
            let origin = if dates.get(i).is_some() {
                Some("event")
            } else {
                root_day.map(|_| "publication")
            };
            let evidence = match (texts.get(j), starts.get(i), ends.get(i)) {
                (Some(t), Some(s), Some(e)) => Some(chars.slice(j, t, s, e)),
                _ => None,
            };
            months.entry(month(date)).or_default().push(SpillRow {
                event: i,
                date,
                origin,
                evidence,
                duplicate_of: dups.get(j),
                start: starts.get(i),
            });
        }
        let copied = copied.into_iter().collect::<Result<Vec<_>>>()?;
        for (m, rows) in months {
            let df = spill_frame(&rows, &copied)?;
            self.writer.write_batch(&SPILL, Some(&m), df)?;
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
