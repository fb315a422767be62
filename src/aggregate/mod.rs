//! The aggregate tables (`shared/spec/tables.md`, "Aggregates"):
//! `actor_summary`, `cooccurrence`, `event_counts`, `dyads` and `timeline`,
//! computed with Polars lazy queries from the tables of one or several output
//! folders and written as Parquet and CSV beside them.
//!
//! They read only the written tables (never the inputs), so they can be
//! recomputed over several runs or shards (`gazette aggregate`); over shards
//! of one corpus they equal the aggregates of one run over the whole corpus,
//! except that near-duplicate articles in different shards are not linked
//! (each run links its own, `articles.duplicate_of`). Column meanings live
//! in [`schema`].

mod actors;
pub mod compact;
mod event_spill;
pub mod event_state;
mod events;
pub mod families;
mod hash;
mod inputs;
mod lists;
mod pair_spill;
pub mod schema;
pub mod timeline;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use polars::prelude::*;

use crate::output::files::TableFiles;
use crate::output::schema::TableSpec;
use crate::output::writer::{Formats, scan_parts, sink_csv, sink_parquet};
pub use inputs::Inputs;
pub use schema::AGGREGATES;

/// The lazy query of one aggregate table, its columns in contract order and
/// types.
pub fn query(inp: &Inputs, spec: &TableSpec) -> Result<LazyFrame> {
    let lf = match spec.name {
        "actor_summary" => actors::actor_summary(inp)?,
        "cooccurrence" => actors::cooccurrence(inp)?,
        "event_counts" => events::event_counts(inp)?,
        "dyads" => events::dyads(inp)?,
        "timeline" => events::timeline(inp)?,
        other => anyhow::bail!("no aggregate table named '{other}'"),
    };
    Ok(contract(lf, spec))
}

/// The spec's columns of `lf`, in contract order and types.
fn contract(lf: LazyFrame, spec: &TableSpec) -> LazyFrame {
    lf.select(
        spec.columns
            .iter()
            .map(|c| col(c.name).cast(c.ty.dtype()))
            .collect::<Vec<_>>(),
    )
}

/// An aggregate table the run computed itself, from compact state.
pub enum Computed {
    /// The whole table, in contract columns and order.
    Frame(DataFrame),
    /// Already written in place, with this many rows.
    Written(u64),
}

/// Computes every aggregate over the tables of `out_dirs` (run output
/// folders) and writes `dest/parquet/NAME.parquet` and `dest/csv/NAME.csv`.
/// Returns the rows per table.
pub fn write_aggregates(out_dirs: &[PathBuf], dest: &Path) -> Result<BTreeMap<String, u64>> {
    write_aggregates_as(
        out_dirs,
        dest,
        Formats {
            parquet: true,
            csv: true,
        },
    )
}

/// [`write_aggregates`] in the given formats. Each file is written beside
/// its target and renamed into place, so a failure leaves the previous file.
pub fn write_aggregates_as(
    out_dirs: &[PathBuf],
    dest: &Path,
    formats: Formats,
) -> Result<BTreeMap<String, u64>> {
    write_aggregates_with(out_dirs, dest, formats, BTreeMap::new())
}

/// [`write_aggregates_as`] where the tables of `computed` (by name, from
/// [`compact::ActorAggregates`], [`event_state::EventAggregates`] and
/// [`timeline::TimelineSpill`]) are written as they are (straight into
/// `dest`, meant to be a staging folder), or left as they were written,
/// instead of being queried.
pub fn write_aggregates_with(
    out_dirs: &[PathBuf],
    dest: &Path,
    formats: Formats,
    mut computed: BTreeMap<&'static str, Computed>,
) -> Result<BTreeMap<String, u64>> {
    let inp = Inputs::open(out_dirs)?;
    let mut rows = BTreeMap::new();
    for spec in AGGREGATES {
        let context = || format!("computing the {} table", spec.name);
        let mut lf = match computed.remove(spec.name) {
            Some(Computed::Frame(df)) => {
                // a frame in hand goes straight to its files (the run's own
                // staging folder is committed whole, no rename needed)
                let path = |dir: &str, ext: &str| -> Result<PathBuf> {
                    let dir = dest.join(dir);
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create '{}'", dir.display()))?;
                    Ok(dir.join(format!("{}.{ext}", spec.name)))
                };
                let parquet = formats
                    .parquet
                    .then(|| path("parquet", "parquet"))
                    .transpose()?;
                let csv = formats.csv.then(|| path("csv", "csv")).transpose()?;
                let mut files = TableFiles::create(spec, parquet.as_deref(), csv.as_deref())?;
                files.push(&df).with_context(context)?;
                files.finish().with_context(context)?;
                rows.insert(spec.name.to_string(), df.height() as u64);
                continue;
            }
            Some(Computed::Written(n)) => {
                rows.insert(spec.name.to_string(), n);
                continue;
            }
            None => query(&inp, spec)?,
        };
        if formats.parquet {
            let path = dest.join("parquet").join(format!("{}.parquet", spec.name));
            write_atomically(&path, |tmp| sink_parquet(lf, tmp)).with_context(context)?;
            // CSV and the row count read the Parquet just written rather than
            // computing the query again
            lf = scan_parts(&[path])?;
        }
        if formats.csv {
            let path = dest.join("csv").join(format!("{}.csv", spec.name));
            write_atomically(&path, |tmp| sink_csv(lf.clone(), spec, tmp)).with_context(context)?;
        }
        let n = lf.select([len().alias("n")]).collect()?;
        let n = n.column("n")?.cast(&DataType::UInt64)?.u64()?.get(0);
        rows.insert(spec.name.to_string(), n.unwrap_or(0));
    }
    Ok(rows)
}

/// Writes through `write` into a temporary file beside `path`, then renames it.
fn write_atomically(path: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create '{}'", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write(&tmp).and_then(|()| {
        std::fs::rename(&tmp, path)
            .with_context(|| format!("cannot move '{}' into place", path.display()))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
