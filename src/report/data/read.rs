//! Reading an output folder's tables: lazy scans of the Parquet files
//! (single or month-partitioned), or of the CSV files when a run wrote CSV
//! only, and small helpers that turn collected columns into Rust values.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::Result;
use polars::prelude::*;

use crate::output::writer::{scan_parts, table_files};

/// Every CSV file of a table: `csv/NAME.csv` or its partition files.
fn csv_files(out: &Path, name: &str) -> Vec<PathBuf> {
    let single = out.join("csv").join(format!("{name}.csv"));
    if single.exists() {
        return vec![single];
    }
    let mut files = Vec::new();
    let mut dirs = vec![out.join("csv").join(name)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "csv") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// The files holding a table: the Parquet ones when the run wrote
/// Parquet, else the CSV ones (`true` when CSV).
fn files(out: &Path, name: &str) -> (Vec<PathBuf>, bool) {
    let parquet = table_files(out, name);
    if parquet.is_empty() {
        (csv_files(out, name), true)
    } else {
        (parquet, false)
    }
}

/// A lazy scan of one table, or `None` when the folder does not hold it.
pub fn scan(out: &Path, name: &str) -> Result<Option<LazyFrame>> {
    let (files, csv) = files(out, name);
    if files.is_empty() {
        return Ok(None);
    }
    if !csv {
        return Ok(Some(scan_parts(&files)?));
    }
    let paths = files
        .iter()
        .map(|p| {
            PlRefPath::try_from_path(p)
                .map_err(|e| anyhow::anyhow!("unusable path '{}': {e}", p.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    let lf = LazyCsvReader::new_paths(paths.into_iter().collect())
        .with_try_parse_dates(true)
        .with_infer_schema_length(Some(10_000))
        .finish()
        .map_err(|e| anyhow::anyhow!("reading the {name} CSV files: {e}"))?;
    Ok(Some(lf))
}

/// The latest and earliest modification times of some files.
fn newest_and_oldest(files: &[PathBuf]) -> Option<(SystemTime, SystemTime)> {
    let times: Vec<SystemTime> = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).and_then(|m| m.modified()).ok())
        .collect();
    Some((*times.iter().max()?, *times.iter().min()?))
}

/// True when an aggregate table exists and was written after the run's
/// tables, so it describes them (an incremental run keeps files it did not
/// rewrite, and an aggregate left from an earlier run would be stale).
pub fn is_fresh(out: &Path, aggregate: &str) -> bool {
    let Some((_, oldest_aggregate)) = newest_and_oldest(&files(out, aggregate).0) else {
        return false;
    };
    match newest_and_oldest(&files(out, "articles").0) {
        Some((newest_base, _)) => oldest_aggregate >= newest_base,
        None => true,
    }
}

/// Which formats hold a table, as paths relative to the output folder (for
/// the report's data links): the Parquet file or partition folder, the CSV
/// file or partition folder.
pub fn table_links(out: &Path, name: &str) -> Vec<String> {
    let mut links = Vec::new();
    for (dir, ext) in [("parquet", "parquet"), ("csv", "csv")] {
        if out.join(dir).join(format!("{name}.{ext}")).exists() {
            links.push(format!("{dir}/{name}.{ext}"));
        } else if out.join(dir).join(name).is_dir() {
            links.push(format!("{dir}/{name}/"));
        }
    }
    links
}

fn column<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Column> {
    df.column(name)
        .map_err(|e| anyhow::anyhow!("no column {name}: {e}"))
}

/// A column as optional strings (any type, cast; dates as `YYYY-MM-DD`).
pub fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let c = column(df, name)?.cast(&DataType::String)?;
    Ok(c.str()?.iter().map(|s| s.map(str::to_string)).collect())
}

/// A column as strings, nulls as empty strings.
pub fn strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    Ok(strs(df, name)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}

/// A numeric column as integers, nulls as 0.
pub fn ints(df: &DataFrame, name: &str) -> Result<Vec<i64>> {
    let c = column(df, name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?.iter().map(Option::unwrap_or_default).collect())
}

/// A numeric column as floats.
pub fn floats(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = column(df, name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

/// Sort options: descending for the columns flagged `true`, nulls last.
pub fn order(descending: &[bool]) -> SortMultipleOptions {
    SortMultipleOptions::default()
        .with_order_descending_multi(descending.to_vec())
        .with_nulls_last(true)
        .with_maintain_order(true)
}

/// `status` is neither `negated` nor `hypothetical`: the events the counts
/// show (the `dyads` aggregate leaves the same ones out).
pub fn happened() -> Expr {
    col("status")
        .eq(lit("negated"))
        .or(col("status").eq(lit("hypothetical")))
        .not()
}

/// `name` is one of `values`: a filter the scan applies row group by row
/// group (a semi-join would first read the whole table).
pub fn one_of(name: &str, values: &[String]) -> Expr {
    let s = Series::new("k".into(), values);
    col(name).is_in(lit(s).implode(false), false)
}
