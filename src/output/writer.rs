//! Writing the tables: batches land as Parquet parts in a staging folder
//! beside the target; at the end each table's parts are streamed into
//! `parquet/NAME.parquet` and `csv/NAME.csv`, and the finished folders are
//! moved into place. A failed or interrupted run leaves the previous output
//! untouched (only a stray `.gazette-staging-*` folder, removed by the next
//! run).
//!
//! Parquet goes through polars' lazy sink with `CompatLevel::oldest()`:
//! the eager writer's string-view schema breaks `pandas.read_parquet` on list
//! columns and old pyarrow on every file (`shared/notes/dependencies.md`).
//! CSV cannot hold lists, so list columns are joined with `;` there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use anyhow::Result;
use polars::prelude::*;

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

/// Staged output of one run.
pub struct OutputWriter {
    out: PathBuf,
    staging: PathBuf,
    formats: Formats,
    layout: Layout,
    tag: String,
    parts: BTreeMap<(&'static str, Option<String>), Vec<PathBuf>>,
    rows: BTreeMap<&'static str, u64>,
}

fn parquet_options() -> ParquetWriteOptions {
    ParquetWriteOptions {
        compat_level: Some(CompatLevel::oldest()),
        statistics: StatisticsOptions::full(),
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

/// An empty frame with the spec's columns and types.
pub fn empty_frame(spec: &TableSpec) -> DataFrame {
    let schema: Schema = spec
        .columns
        .iter()
        .map(|c| Field::new(c.name.into(), c.ty.dtype()))
        .collect();
    DataFrame::empty_with_schema(&schema)
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
        std::fs::create_dir_all(staging.join("parts"))
            .with_context(|| format!("cannot create staging folder in '{}'", out.display()))?;
        Ok(OutputWriter {
            out: out.to_path_buf(),
            staging,
            formats,
            layout,
            tag: tag.to_string(),
            parts: BTreeMap::new(),
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

    /// Stages one batch of a table as a Parquet part; `month` (`YYYY-MM` or
    /// `unknown`) is its partition under [`Layout::Month`], ignored otherwise.
    pub fn write_batch(
        &mut self,
        spec: &'static TableSpec,
        month: Option<&str>,
        mut df: DataFrame,
    ) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        *self.rows.entry(spec.name).or_default() += df.height() as u64;
        let partition = match self.layout {
            Layout::Month => month.map(str::to_string),
            Layout::Single => None,
        };
        let dir = match &partition {
            Some(m) => self
                .staging
                .join("parts")
                .join(spec.name)
                .join(format!("month={m}")),
            None => self.staging.join("parts").join(spec.name),
        };
        let parts = self.parts.entry((spec.name, partition)).or_default();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{:08}.parquet", parts.len()));
        df.rechunk_mut();
        sink_parquet(df.lazy(), &path)?;
        parts.push(path);
        Ok(())
    }

    /// Rows staged so far per table.
    pub fn row_counts(&self) -> &BTreeMap<&'static str, u64> {
        &self.rows
    }

    /// Streams each table's parts into its final files in the staging
    /// folder. `empty_when_none`: write an empty file for a table that got
    /// no rows (so every table exists); incremental runs that added nothing
    /// write nothing.
    pub fn build_tables(
        &mut self,
        tables: &[&'static TableSpec],
        empty_when_none: bool,
    ) -> Result<()> {
        for spec in tables {
            self.rows.entry(spec.name).or_default();
            let mut groups: Vec<(Option<String>, Vec<PathBuf>)> = self
                .parts
                .iter()
                .filter(|((name, _), _)| *name == spec.name)
                .map(|((_, m), p)| (m.clone(), p.clone()))
                .collect();
            if groups.is_empty() {
                if !empty_when_none {
                    continue;
                }
                let partition = (self.layout == Layout::Month && spec.name != "actors")
                    .then(|| "unknown".to_string());
                groups.push((partition, Vec::new()));
            }
            for (partition, parts) in groups {
                let frame = || -> Result<LazyFrame> {
                    if parts.is_empty() {
                        Ok(empty_frame(spec).lazy())
                    } else {
                        scan_parts(&parts)
                    }
                };
                for (enabled, dir, ext) in [
                    (self.formats.parquet, "parquet", "parquet"),
                    (self.formats.csv, "csv", "csv"),
                ] {
                    if !enabled {
                        continue;
                    }
                    let path = match &partition {
                        Some(m) => self
                            .staging
                            .join(dir)
                            .join(spec.name)
                            .join(format!("month={m}"))
                            .join(format!("part-{}.{ext}", self.tag)),
                        None => self.staging.join(dir).join(format!("{}.{ext}", spec.name)),
                    };
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    if ext == "parquet" {
                        sink_parquet(frame()?, &path)?;
                    } else {
                        sink_csv(frame()?, spec, &path)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Moves the staged files into the output folder, then removes the
    /// staging folder. `Replace` swaps whole top-level entries (`parquet/`,
    /// `csv/`, `manifest.json`, ...); `Append` moves files one by one,
    /// keeping existing partition files.
    pub fn commit(self, mode: CommitMode) -> Result<()> {
        let _ = std::fs::remove_dir_all(self.staging.join("parts"));
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
