//! Writing the tables: every table's files are opened in a staging folder
//! beside the target and receive rows as batches complete (Parquet row
//! groups, CSV rows: [`super::files`]); at the end they are closed and the
//! finished folders are moved into place. A failed or interrupted run leaves
//! the previous output untouched (only a stray `.gazette-staging-*` folder,
//! removed by the next run).
//!
//! Frames written whole (the aggregates) go through polars' lazy sink with
//! `CompatLevel::oldest()`: the eager writer's string-view schema breaks
//! `pandas.read_parquet` on list columns and old pyarrow on every file
//! (`shared/notes/dependencies.md`). CSV cannot hold lists, so list columns
//! are joined with `;` there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use anyhow::Result;
use polars::prelude::*;

use super::files::TableFiles;
use super::schema::{ColType, TableSpec};

/// Which formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// Write `parquet/NAME.parquet`.
    pub parquet: bool,
    /// Write `csv/NAME.csv`.
    pub csv: bool,
}

/// How the per-article tables are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One file per table: `parquet/NAME.parquet`.
    #[default]
    Single,
    /// Hive partitions by publication month:
    /// `parquet/NAME/month=YYYY-MM/part-TAG.parquet` (`month=unknown` when
    /// the article has no date); run-wide tables stay single files.
    Month,
}

/// How the staged files replace the output folder's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitMode {
    /// Every table and run file replaces the previous run's.
    Replace,
    /// New partition files are added beside the existing ones; run-wide
    /// tables and run files are replaced (incremental runs).
    Append,
}

/// At most this many partition files per format are open at once under
/// [`Layout::Month`]; the least recently written one is closed first (a
/// later batch of its month opens a further part file), so a corpus
/// spanning many months neither exhausts file handles nor buffers a row
/// group per month.
const MAX_OPEN_PARTITIONS: usize = 64;
/// Rows waiting for their row group, over all open files: above this the
/// largest buffer is written as a shorter row group.
const MAX_PENDING_BYTES: usize = 8 * 1024 * 1024;

/// A table (and partition) whose files are open.
type FileKey = (&'static str, Option<String>);

/// Open files of one table or partition.
struct Open {
    files: TableFiles,
    /// Batch counter value at the last write (least recently used closes first).
    last_write: u64,
}

/// Staged output of one run.
pub struct OutputWriter {
    out: PathBuf,
    staging: PathBuf,
    formats: Formats,
    layout: Layout,
    tag: String,
    open: BTreeMap<FileKey, Open>,
    /// Files opened so far per table and partition (names the next one).
    opened: BTreeMap<FileKey, u32>,
    writes: u64,
    rows: BTreeMap<&'static str, u64>,
}

fn parquet_options() -> ParquetWriteOptions {
    ParquetWriteOptions {
        compat_level: Some(CompatLevel::oldest()),
        statistics: StatisticsOptions::full(),
        // the codec of the tables written row group by row group
        compression: ParquetCompression::Snappy,
        row_group_size: Some(64 * 1024),
        ..Default::default()
    }
}

fn path_str(p: &Path) -> Result<PlRefPath> {
    anyhow::Context::with_context(PlRefPath::try_from_path(p), || {
        format!("unusable output path '{}'", p.display())
    })
}

/// Writes a frame to a Parquet file through the lazy sink (oldest compat level).
pub fn sink_parquet(lf: LazyFrame, path: &Path) -> Result<()> {
    let lf = lf.sink(
        SinkDestination::File {
            target: SinkTarget::Path(path_str(path)?),
        },
        FileWriteFormat::Parquet(Arc::new(parquet_options())),
        UnifiedSinkArgs::default(),
    )?;
    anyhow::Context::with_context(lf.collect(), || format!("writing '{}'", path.display()))?;
    Ok(())
}

/// Writes a frame to CSV, joining list columns with `;`.
pub fn sink_csv(lf: LazyFrame, spec: &TableSpec, path: &Path) -> Result<()> {
    let exprs: Vec<Expr> = spec
        .columns
        .iter()
        .map(|c| match c.ty {
            ColType::ListStr => col(c.name).list().join(lit(";"), true).alias(c.name),
            _ => col(c.name),
        })
        .collect();
    let lf = lf.select(exprs).sink(
        SinkDestination::File {
            target: SinkTarget::Path(path_str(path)?),
        },
        FileWriteFormat::Csv(CsvWriterOptions::default()),
        UnifiedSinkArgs::default(),
    )?;
    anyhow::Context::with_context(lf.collect(), || format!("writing '{}'", path.display()))?;
    Ok(())
}

/// Reads parquet parts back lazily, in order.
pub fn scan_parts(parts: &[PathBuf]) -> Result<LazyFrame> {
    let paths = parts
        .iter()
        .map(|p| path_str(p))
        .collect::<Result<Vec<_>>>()?;
    let args = ScanArgsParquet {
        glob: false,
        ..Default::default()
    };
    Ok(LazyFrame::scan_parquet_files(
        paths.into_iter().collect(),
        args,
    )?)
}

impl OutputWriter {
    /// Prepares a staging folder inside `out` (created if needed) and removes
    /// stale staging folders of interrupted runs. `tag` names this run's
    /// partition files (`part-TAG.parquet`), so that incremental runs add
    /// files without overwriting earlier ones.
    pub fn create(out: &Path, formats: Formats, layout: Layout, tag: &str) -> Result<OutputWriter> {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create output folder '{}'", out.display()))?;
        if let Ok(entries) = std::fs::read_dir(out) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(".gazette-staging-") || name.starts_with(".gazette-old-") {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let staging = out.join(format!(".gazette-staging-{}", std::process::id()));
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create staging folder in '{}'", out.display()))?;
        Ok(OutputWriter {
            out: out.to_path_buf(),
            staging,
            formats,
            layout,
            tag: tag.to_string(),
            open: BTreeMap::new(),
            opened: BTreeMap::new(),
            writes: 0,
            rows: BTreeMap::new(),
        })
    }

    /// The staging folder (where extra run files such as the manifest are
    /// written before they are moved into place).
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// The layout of the per-article tables.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Appends one batch of a table to its files; `month` (`YYYY-MM` or
    /// `unknown`) is its partition under [`Layout::Month`], ignored otherwise.
    pub fn write_batch(
        &mut self,
        spec: &'static TableSpec,
        month: Option<&str>,
        df: DataFrame,
    ) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        *self.rows.entry(spec.name).or_default() += df.height() as u64;
        let partition = match self.layout {
            Layout::Month => month.map(str::to_string),
            Layout::Single => None,
        };
        let key = (spec.name, partition);
        if !self.open.contains_key(&key) {
            self.open_files(spec, key.clone())?;
        }
        self.writes += 1;
        let open = self
            .open
            .get_mut(&key)
            .expect("the table's files were just opened");
        open.last_write = self.writes;
        open.files.push(&df)?;
        drop(df);
        self.bound_pending()
    }

    /// Opens the next files of a table or partition, closing the least
    /// recently written partition first when too many are open.
    fn open_files(&mut self, spec: &'static TableSpec, key: FileKey) -> Result<()> {
        if key.1.is_some() && self.open.len() >= MAX_OPEN_PARTITIONS {
            let oldest = self
                .open
                .iter()
                .filter(|(k, _)| k.1.is_some())
                .min_by_key(|(_, o)| o.last_write)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest
                && let Some(o) = self.open.remove(&k)
            {
                o.files.finish()?;
            }
        }
        let seq = self.opened.entry(key.clone()).or_default();
        // the first file keeps the plain name; later ones sort after it
        // (`_` > `.`) and before the next run's files
        let stem = match *seq {
            0 => format!("part-{}", self.tag),
            n => format!("part-{}_{n:04}", self.tag),
        };
        *seq += 1;
        let path = |dir: &str, ext: &str| -> Result<PathBuf> {
            let path = match &key.1 {
                Some(m) => self
                    .staging
                    .join(dir)
                    .join(spec.name)
                    .join(format!("month={m}"))
                    .join(format!("{stem}.{ext}")),
                None => self.staging.join(dir).join(format!("{}.{ext}", spec.name)),
            };
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create '{}'", parent.display()))?;
            }
            Ok(path)
        };
        let parquet = self
            .formats
            .parquet
            .then(|| path("parquet", "parquet"))
            .transpose()?;
        let csv = self.formats.csv.then(|| path("csv", "csv")).transpose()?;
        let files = TableFiles::create(spec, parquet.as_deref(), csv.as_deref())?;
        self.open.insert(
            key,
            Open {
                files,
                last_write: self.writes,
            },
        );
        Ok(())
    }

    /// Writes the largest row-group buffers early while they hold too much
    /// memory together.
    fn bound_pending(&mut self) -> Result<()> {
        loop {
            let sizes: Vec<(usize, &FileKey)> = self
                .open
                .iter()
                .map(|(k, o)| (o.files.pending_bytes(), k))
                .collect();
            if sizes.iter().map(|(b, _)| b).sum::<usize>() <= MAX_PENDING_BYTES {
                return Ok(());
            }
            // ties go to the first key: the choice never depends on timing
            let Some(key) = sizes
                .iter()
                .rev()
                .max_by_key(|(b, _)| *b)
                .map(|(_, k)| (*k).clone())
            else {
                return Ok(());
            };
            if let Some(o) = self.open.get_mut(&key) {
                o.files.flush()?;
            }
        }
    }

    /// Rows written so far per table.
    pub fn row_counts(&self) -> &BTreeMap<&'static str, u64> {
        &self.rows
    }

    /// Closes every table's files. `empty_when_none`: write empty files for
    /// a table that got no rows (so every table exists); incremental runs
    /// that added nothing write nothing.
    pub fn build_tables(
        &mut self,
        tables: &[&'static TableSpec],
        empty_when_none: bool,
    ) -> Result<()> {
        for spec in tables {
            self.rows.entry(spec.name).or_default();
            let seen = self.opened.keys().any(|(name, _)| *name == spec.name);
            if !seen && empty_when_none {
                let partition = (self.layout == Layout::Month && spec.name != "actors")
                    .then(|| "unknown".to_string());
                self.open_files(spec, (spec.name, partition))?;
            }
        }
        for (_, open) in std::mem::take(&mut self.open) {
            open.files.finish()?;
        }
        Ok(())
    }

    /// Moves the staged files into the output folder, then removes the
    /// staging folder. `Replace` swaps whole top-level entries (`parquet/`,
    /// `csv/`, `manifest.json`, ...); `Append` moves files one by one,
    /// keeping existing partition files.
    pub fn commit(self, mode: CommitMode) -> Result<()> {
        let old = self
            .out
            .join(format!(".gazette-old-{}", std::process::id()));
        std::fs::create_dir_all(&old)?;
        let mut names: Vec<String> = std::fs::read_dir(&self.staging)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        match mode {
            CommitMode::Replace => {
                for name in &names {
                    let target = self.out.join(name);
                    if target.exists() {
                        std::fs::rename(&target, old.join(name)).with_context(|| {
                            format!("cannot move old '{}' aside", target.display())
                        })?;
                    }
                    std::fs::rename(self.staging.join(name), &target).with_context(|| {
                        format!("cannot move new '{}' into place", target.display())
                    })?;
                }
                // formats not written this time must not leave a stale copy behind
                for (enabled, name) in
                    [(self.formats.parquet, "parquet"), (self.formats.csv, "csv")]
                {
                    let target = self.out.join(name);
                    if !enabled && target.exists() {
                        let _ = std::fs::rename(&target, old.join(name));
                    }
                }
            }
            CommitMode::Append => {
                let mut files = Vec::new();
                collect_files(&self.staging, &mut files)?;
                files.sort();
                for file in files {
                    let rel = file
                        .strip_prefix(&self.staging)
                        .unwrap_or(&file)
                        .to_path_buf();
                    let target = self.out.join(&rel);
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    std::fs::rename(&file, &target).with_context(|| {
                        format!("cannot move new '{}' into place", target.display())
                    })?;
                }
            }
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir)?.flatten() {
        let path = e.path();
        if e.file_type()?.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Every Parquet file holding a table in an output folder: the single file,
/// or every partition file in name order.
pub fn table_files(out: &Path, name: &str) -> Vec<PathBuf> {
    let single = out.join("parquet").join(format!("{name}.parquet"));
    if single.exists() {
        return vec![single];
    }
    let mut files = Vec::new();
    let _ = collect_files(&out.join("parquet").join(name), &mut files);
    files.retain(|f| f.extension().is_some_and(|e| e == "parquet"));
    files.sort();
    files
}

impl Drop for OutputWriter {
    fn drop(&mut self) {
        // an abandoned run (error or panic) cleans its staging folder; the
        // previous output was never touched
        if self.staging.exists() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}
