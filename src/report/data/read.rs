//! Reading an output folder's tables: lazy scans of the Parquet files
//! (single or month-partitioned), or of the CSV files when a run wrote CSV
//! only; bounded reads that hand a query one Parquet row group of a few
//! columns at a time ([`for_each_chunk`], [`Rows`]); and small helpers that
//! turn collected columns into Rust values.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};
use polars::io::parquet::metadata::FileMetadataRef;
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

/// One Parquet row group of a table (or, when the run wrote CSV only, the
/// whole table), read a few columns at a time.
pub enum Chunk<'a> {
    /// Rows `slice` (offset, length) of a Parquet file.
    RowGroup {
        /// The file.
        path: &'a Path,
        /// Its footer, read once per file.
        metadata: &'a FileMetadataRef,
        /// The row group's rows.
        slice: (usize, usize),
    },
    /// A table read whole.
    Whole(&'a LazyFrame),
}

impl Chunk<'_> {
    /// The chunk's rows with only `columns`.
    pub fn read(&self, columns: &[&str]) -> Result<DataFrame> {
        self.read_rows(columns, None)
    }

    /// The chunk's `columns`, with its rows or only `rows` (the first row
    /// and how many; `(0, 0)`: the columns only).
    fn read_rows(&self, columns: &[&str], rows: Option<(usize, usize)>) -> Result<DataFrame> {
        match self {
            Chunk::Whole(lf) => {
                let picked = LazyFrame::clone(lf)
                    .select(columns.iter().map(|c| col(*c)).collect::<Vec<_>>());
                Ok(match rows {
                    Some((first, n)) => picked.slice(first as i64, n as IdxSize),
                    None => picked,
                }
                .collect()?)
            }
            Chunk::RowGroup {
                path,
                metadata,
                slice,
            } => {
                let file =
                    File::open(path).with_context(|| format!("opening '{}'", path.display()))?;
                let mut reader = ParquetReader::new(file)
                    .with_columns(Some(columns.iter().map(|c| c.to_string()).collect()))
                    .with_slice(Some(match rows {
                        Some((first, n)) => (slice.0 + first, n),
                        None => *slice,
                    }))
                    // only the row group holding the slice is decoded
                    .read_parallel(ParallelStrategy::RowGroups);
                reader.set_metadata((*metadata).clone());
                reader
                    .finish()
                    .map_err(|e| anyhow::anyhow!("reading '{}': {e}", path.display()))
            }
        }
    }
}

/// Calls `f` with each row group of a table, in row order, so that a query
/// over a big table (`quotes` has ~20 rows per article) holds one row group
/// of the columns it reads, not the table: polars' own scan of a file
/// collects every row group before a `group_by` or a `sort` starts. Returns
/// false when the folder does not hold the table.
pub fn for_each_chunk(
    out: &Path,
    name: &str,
    mut f: impl FnMut(&Chunk) -> Result<()>,
) -> Result<bool> {
    let (files, csv) = files(out, name);
    if files.is_empty() {
        return Ok(false);
    }
    if csv {
        if let Some(lf) = scan(out, name)? {
            f(&Chunk::Whole(&lf))?;
        }
        return Ok(true);
    }
    for path in &files {
        let file = File::open(path).with_context(|| format!("opening '{}'", path.display()))?;
        let metadata = ParquetReader::new(file).get_metadata()?.clone();
        let mut start = 0;
        for rg in &metadata.row_groups {
            let slice = (start, rg.num_rows());
            start += rg.num_rows();
            f(&Chunk::RowGroup {
                path,
                metadata: &metadata,
                slice,
            })?;
        }
        if metadata.row_groups.is_empty() {
            // an empty table still has its columns
            f(&Chunk::RowGroup {
                path,
                metadata: &metadata,
                slice: (0, 0),
            })?;
        }
    }
    Ok(true)
}

/// The frame with its strings copied out: a few rows taken from a row group
/// still point into all of its string buffers, so keeping them would keep
/// every row group read.
fn detached(df: DataFrame) -> Result<DataFrame> {
    let height = df.height();
    let columns = df
        .into_columns()
        .into_iter()
        .map(|c| {
            if c.dtype() != &DataType::String {
                return Ok(c);
            }
            let fresh: StringChunked = c.str()?.iter().collect();
            Ok(fresh.with_name(c.name().clone()).into_column())
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DataFrame::new(height, columns)?)
}

/// Adds `part` under `stacked`.
fn stack(stacked: &mut Option<DataFrame>, part: DataFrame) -> Result<()> {
    match stacked {
        Some(s) => {
            s.vstack_mut(&part)?;
        }
        None => *stacked = Some(part),
    }
    Ok(())
}

/// Where a report query's rows come from.
pub enum Rows {
    /// A table of the output folder (`out`, name), read a row group at a
    /// time.
    Table(PathBuf, &'static str),
    /// The rows of a table (`out`, name) made into other rows by a
    /// function, a row group at a time (a join with a small frame, new
    /// columns); the function reads the table's columns asked for and the
    /// ones listed here.
    Prepared(PathBuf, &'static str, &'static [&'static str], Prepare),
    /// A frame derived from other tables, collected whole.
    Derived(Box<LazyFrame>),
}

/// What [`Rows::Prepared`] does to each row group.
pub type Prepare = std::sync::Arc<dyn Fn(LazyFrame) -> LazyFrame + Send + Sync>;

impl Rows {
    /// The frames `each` makes of the rows' `columns`, stacked in row order:
    /// `each` runs per row group of a table, so it should filter or
    /// aggregate them down (`None` when the table is missing).
    pub fn gather(
        &self,
        columns: &[&str],
        each: impl Fn(LazyFrame) -> LazyFrame,
    ) -> Result<Option<DataFrame>> {
        self.gather_where(None, columns, each)
    }

    /// [`Rows::gather`], skipping the row groups of a [`Rows::Table`] where
    /// no row passes `gate` (a filter and the columns it reads) before
    /// reading the other columns, and reading only the rows from the first
    /// to the last that pass in the others (the timeline's latest days are
    /// the end of its last row group); `each` still has to apply the
    /// filter.
    pub fn gather_where(
        &self,
        gate: Option<(&[&str], Expr)>,
        columns: &[&str],
        each: impl Fn(LazyFrame) -> LazyFrame,
    ) -> Result<Option<DataFrame>> {
        let (out, name) = match self {
            Rows::Derived(lf) => {
                let rows = Chunk::Whole(lf).read(columns)?;
                return Ok(Some(each(rows.lazy()).collect()?));
            }
            Rows::Prepared(out, name, needs, prepare) => {
                let Some(mut lf) = scan(out, name)? else {
                    return Ok(None);
                };
                let schema = lf.collect_schema()?;
                let base: Vec<&str> = schema
                    .iter_names()
                    .map(|c| c.as_str())
                    .filter(|c| columns.contains(c) || needs.contains(c))
                    .collect();
                let picked: Vec<Expr> = columns.iter().map(|c| col(*c)).collect();
                let mut stacked = None;
                for_each_chunk(out, name, |chunk| {
                    let rows = prepare(chunk.read(&base)?.lazy()).select(picked.clone());
                    stack(&mut stacked, detached(each(rows).collect()?)?)
                })?;
                return Ok(stacked);
            }
            Rows::Table(out, name) => (out, *name),
        };
        let mut stacked = None;
        let found = for_each_chunk(out, name, |chunk| {
            // the rows to read: all, those from the first to the last that
            // pass the gate, or none
            let rows = match &gate {
                Some((keys, filter)) => {
                    let span = chunk
                        .read(keys)?
                        .lazy()
                        .with_row_index("__gate_row", None)
                        .filter(filter.clone())
                        .select([
                            col("__gate_row").min().alias("first"),
                            col("__gate_row").max().alias("last"),
                        ])
                        .collect()?;
                    let at = |c: &str| -> Result<Option<usize>> {
                        let c = span.column(c)?.cast(&DataType::UInt64)?;
                        Ok(c.u64()?.get(0).map(|v| v as usize))
                    };
                    match (at("first")?, at("last")?) {
                        (Some(first), Some(last)) => Some((first, last + 1 - first)),
                        _ => {
                            if stacked.is_some() {
                                return Ok(());
                            }
                            Some((0, 0))
                        }
                    }
                }
                None => None,
            };
            // the first chunk is read even when empty, for the columns
            let part = each(chunk.read_rows(columns, rows)?.lazy()).collect()?;
            stack(&mut stacked, detached(part)?)
        })?;
        Ok(if found { stacked } else { None })
    }

    /// True when the rows have a column `name`.
    pub fn has_column(&self, name: &str) -> Result<bool> {
        let mut lf = match self {
            Rows::Derived(lf) => LazyFrame::clone(lf),
            Rows::Prepared(out, table, _, prepare) => match scan(out, table)? {
                Some(lf) => prepare(lf),
                None => return Ok(false),
            },
            Rows::Table(out, table) => match scan(out, table)? {
                Some(lf) => lf,
                None => return Ok(false),
            },
        };
        Ok(lf.collect_schema()?.contains(name))
    }
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

/// Tables for tests, written in small row groups.
#[cfg(test)]
pub mod testing {
    use super::*;

    /// Writes `df` as `out/parquet/NAME.parquet` in row groups of `rows`
    /// rows and returns how many row groups the file has.
    pub fn write(out: &Path, name: &str, mut df: DataFrame, rows: usize) -> usize {
        let dir = out.join("parquet");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.parquet"));
        ParquetWriter::new(File::create(&path).unwrap())
            .with_row_group_size(Some(rows))
            .finish(&mut df)
            .unwrap();
        let mut groups = 0;
        for_each_chunk(out, name, |_| {
            groups += 1;
            Ok(())
        })
        .unwrap();
        groups
    }

    /// A deterministic pseudo-random sequence (no test depends on a seed
    /// crate), `next(n)` in `0..n`.
    pub struct Lcg(pub u64);

    impl Lcg {
        /// The next number below `n`.
        pub fn next(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn chunks_cover_the_table_in_order_and_empty_tables_keep_their_columns() {
        let dir = tempfile::tempdir().unwrap();
        let n: Vec<i64> = (0..10).collect();
        let words: Vec<String> = n.iter().map(|i| format!("w{i}")).collect();
        let df = df!("n" => &n, "w" => &words).unwrap();
        assert!(
            write(dir.path(), "t", df.clone(), 3) > 2,
            "several row groups"
        );
        let rows = Rows::Table(dir.path().to_path_buf(), "t");
        let all = rows.gather(&["w", "n"], |lf| lf).unwrap().unwrap();
        assert_eq!(all, df.select(["w", "n"]).unwrap());
        // a gate that keeps only the last row group's rows
        let late = rows
            .gather_where(
                Some((&["n"][..], col("n").gt(lit(8i64)))),
                &["w", "n"],
                |lf| lf.filter(col("n").gt(lit(8i64))),
            )
            .unwrap()
            .unwrap();
        assert_eq!(strings(&late, "w").unwrap(), ["w9"]);
        // nothing passes: no rows, the columns still there
        let none = rows
            .gather_where(
                Some((&["n"][..], col("n").lt(lit(0i64)))),
                &["w", "n"],
                |lf| lf.filter(col("n").lt(lit(0i64))),
            )
            .unwrap()
            .unwrap();
        assert_eq!((none.height(), none.width()), (0, 2));
        assert_eq!(write(dir.path(), "empty", df.clear(), 3), 1);
        let empty = Rows::Table(dir.path().to_path_buf(), "empty");
        let got = empty.gather(&["w"], |lf| lf).unwrap().unwrap();
        assert_eq!((got.height(), got.width()), (0, 1));
        // a missing table is no table, not an empty one
        let missing = Rows::Table(dir.path().to_path_buf(), "missing");
        assert!(missing.gather(&["w"], |lf| lf).unwrap().is_none());
    }
}
