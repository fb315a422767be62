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

/// Staged output of one run.
pub struct OutputWriter {
    out: PathBuf,
    staging: PathBuf,
    formats: Formats,
    parts: BTreeMap<&'static str, Vec<PathBuf>>,
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
    /// stale staging folders of interrupted runs.
    pub fn create(out: &Path, formats: Formats) -> Result<OutputWriter> {
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
            parts: BTreeMap::new(),
            rows: BTreeMap::new(),
        })
    }

    /// The staging folder (where extra run files such as the manifest are
    /// written before they are moved into place).
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// Stages one batch of a table as a Parquet part.
    pub fn write_batch(&mut self, spec: &'static TableSpec, mut df: DataFrame) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        *self.rows.entry(spec.name).or_default() += df.height() as u64;
        let parts = self.parts.entry(spec.name).or_default();
        let dir = self.staging.join("parts").join(spec.name);
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

    /// Streams each table's parts into its final files in the staging folder.
    pub fn build_tables(&mut self, tables: &[&'static TableSpec]) -> Result<()> {
        if self.formats.parquet {
            std::fs::create_dir_all(self.staging.join("parquet"))?;
        }
        if self.formats.csv {
            std::fs::create_dir_all(self.staging.join("csv"))?;
        }
        for spec in tables {
            self.rows.entry(spec.name).or_default();
            let parts = self.parts.get(spec.name).cloned().unwrap_or_default();
            let frame = || -> Result<LazyFrame> {
                if parts.is_empty() {
                    Ok(empty_frame(spec).lazy())
                } else {
                    scan_parts(&parts)
                }
            };
            if self.formats.parquet {
                sink_parquet(
                    frame()?,
                    &self
                        .staging
                        .join("parquet")
                        .join(format!("{}.parquet", spec.name)),
                )?;
            }
            if self.formats.csv {
                sink_csv(
                    frame()?,
                    spec,
                    &self.staging.join("csv").join(format!("{}.csv", spec.name)),
                )?;
            }
        }
        Ok(())
    }

    /// Moves the staged folders and files into the output folder, replacing
    /// the previous run's, then removes the staging folder.
    pub fn commit(self) -> Result<()> {
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
        for name in &names {
            let target = self.out.join(name);
            if target.exists() {
                std::fs::rename(&target, old.join(name))
                    .with_context(|| format!("cannot move old '{}' aside", target.display()))?;
            }
            std::fs::rename(self.staging.join(name), &target)
                .with_context(|| format!("cannot move new '{}' into place", target.display()))?;
        }
        // formats not written this time must not leave a stale copy behind
        for (enabled, name) in [(self.formats.parquet, "parquet"), (self.formats.csv, "csv")] {
            let target = self.out.join(name);
            if !enabled && target.exists() {
                let _ = std::fs::rename(&target, old.join(name));
            }
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }
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
