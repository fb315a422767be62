//! Table files kept open for a whole run: Parquet row groups and CSV rows
//! are appended as batches complete, so no table is ever held whole in
//! memory and nothing is merged at the end.
//!
//! Parquet is written with polars-parquet's `FileWriter` fed with record
//! batches converted at `CompatLevel::oldest()` (large strings, large
//! lists): polars' eager `ParquetWriter` and `BatchedWriter` hard-code the
//! newest level, whose string-view schema breaks `pandas.read_parquet` on
//! list columns and old pyarrow on every file (`shared/notes/dependencies.md`
//! §4). Rows are buffered into row groups of [`ROW_GROUP_ROWS`] rows (fewer
//! when they hold more than [`ROW_GROUP_BYTES`]), so files are not made of
//! one tiny row group per batch. CSV rows are written by the `csv` submodule;
//! CSV cannot hold lists: list columns are joined with `;` there.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, Result};
use polars::io::parquet::write::get_encodings;
use polars::prelude::*;
use polars_parquet::parquet::schema::types::PrimitiveType;
use polars_parquet::write::{
    CompressionOptions, DynIter, DynStreamingIterator, Encoding, FallibleStreamingIterator,
    FileWriter, Page, ParquetType, StatisticsOptions, Version, WriteOptions, array_to_columns,
};

use super::schema::{ColType, TableSpec};

mod csv;
mod lists;
mod pages;
mod snappy;
use csv::CsvFile;
use snappy::{Snappy, SnappyPages};

/// Rows per Parquet row group (the last one of a file holds the rest).
pub const ROW_GROUP_ROWS: usize = 64 * 1024;
/// A row group is cut early when its rows take more memory than this
/// (`articles` rows hold whole texts: 64k of them would be ~400 MB).
pub const ROW_GROUP_BYTES: usize = 32 * 1024 * 1024;

/// The polars schema of a table, in contract order and types.
pub fn table_schema(spec: &TableSpec) -> Schema {
    spec.columns
        .iter()
        .map(|c| Field::new(c.name.into(), c.ty.dtype()))
        .collect()
}

/// The Parquet codec: Snappy compresses 2.5x faster than zstd level 1
/// (c600: 106 M against 263 M instructions for 15 MB of pages) for files
/// about 2x larger, still smaller than the CSV copies written beside them.
/// LZ4_RAW costs the same (112 M) for files 9% smaller, but readers older
/// than its 2021 addition to the format cannot open it, where every
/// Parquet reader opens Snappy: the same reason the files are written at
/// the oldest compat level (README, "Dependencies and why"). Pages are
/// compressed by the `snappy` module, which keeps its buffers from page to page.
pub const PARQUET_CODEC: CompressionOptions = CompressionOptions::Snappy;

/// The statistics written for a column: full ones (null count, min, max)
/// for numbers and dates, the null count alone for strings. A string
/// column's min and max cost a comparison of every value (~20% of the
/// Parquet writing), would store two whole article texts in the footer of
/// `articles`, and filter no row group in practice (ids are hashes, rows
/// of every type and status share each row group).
fn column_statistics(ty: ColType) -> StatisticsOptions {
    match ty {
        ColType::Str | ColType::ListStr => StatisticsOptions {
            min_value: false,
            max_value: false,
            distinct_count: false,
            null_count: true,
            binary_statistics_truncate_length: None,
        },
        ColType::Int32 | ColType::Int64 | ColType::Float32 | ColType::Date => {
            StatisticsOptions::full()
        }
    }
}

/// An open Parquet file receiving row groups.
struct ParquetFile {
    writer: FileWriter<BufWriter<File>>,
    fields: Vec<ParquetType>,
    encodings: Vec<Vec<Encoding>>,
    /// Write options per column (statistics differ by type).
    options: Vec<WriteOptions>,
    /// Rows waiting for a full row group.
    pending: Option<DataFrame>,
    /// Estimated bytes of `pending`, kept as frames arrive: measuring the
    /// pending frame itself walks all its chunks (one per batch), which
    /// made every write cost as much as all the small batches before it.
    pending_size: usize,
    /// The page compressor, shared by the columns of a row group (they are
    /// written one after the other).
    snappy: Mutex<Snappy>,
}

impl ParquetFile {
    fn create(path: &Path, spec: &TableSpec) -> Result<ParquetFile> {
        let arrow = polars::io::schema_to_arrow_checked(
            &table_schema(spec),
            CompatLevel::oldest(),
            "parquet",
        )?;
        // Plain pages everywhere: polars would try a dictionary for every
        // column, and most of ours (texts, ids, offsets, evidence) are nearly
        // unique, so the attempt cost more than it saved (on c600 a
        // dictionary for the ~40 repeated columns cost 120 M instructions to
        // save 70 M of compression; a dictionary of our own, probing an
        // open-addressing table by the values' views, still cost 74 M to
        // save 31 M of Snappy and 17% of the files' size).
        let encodings: Vec<Vec<Encoding>> = get_encodings(&arrow)
            .iter()
            .map(|leaves| vec![Encoding::Plain; leaves.len()])
            .collect();
        let file_options = WriteOptions {
            statistics: StatisticsOptions::full(),
            compression: PARQUET_CODEC,
            version: Version::V1,
            data_page_size: None,
        };
        let options = spec
            .columns
            .iter()
            .map(|c| WriteOptions {
                statistics: column_statistics(c.ty),
                ..file_options
            })
            .collect();
        let file = File::create(path).with_context(|| format!("creating '{}'", path.display()))?;
        let writer = FileWriter::try_new(BufWriter::new(file), arrow, file_options)?;
        let fields = writer.parquet_schema().fields().to_vec();
        Ok(ParquetFile {
            writer,
            fields,
            encodings,
            options,
            pending: None,
            pending_size: 0,
            snappy: Mutex::default(),
        })
    }

    /// Adds rows; writes every full row group.
    fn push(&mut self, df: &DataFrame) -> Result<()> {
        match &mut self.pending {
            Some(p) => {
                p.vstack_mut(df)?;
            }
            None => self.pending = Some(df.clone()),
        }
        self.pending_size += df.estimated_size();
        while let Some(p) = &self.pending {
            let rows = p.height();
            if rows >= ROW_GROUP_ROWS {
                let head = p.slice(0, ROW_GROUP_ROWS);
                let rest = p.slice(ROW_GROUP_ROWS as i64, rows - ROW_GROUP_ROWS);
                self.write_row_group(head)?;
                // the rest's share of the bytes, by rows
                self.pending_size = self.pending_size / rows * (rows - ROW_GROUP_ROWS);
                self.pending = Some(rest);
            } else if self.pending_size >= ROW_GROUP_BYTES {
                let all = self.pending.take().unwrap_or_default();
                self.pending_size = 0;
                self.write_row_group(all)?;
            } else {
                break;
            }
        }
        Ok(())
    }

    fn write_row_group(&mut self, df: DataFrame) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        // Each column's chunks (one per batch) become pages of one column
        // chunk, without first concatenating them: the concatenation copied
        // every value once more (and touched fresh pages) only to be
        // encoded and copied again. The arrays stay at the newest level
        // (string views): polars-parquet encodes them to the same pages,
        // and the file's schema (`self.fields` and the ARROW:schema footer)
        // is the oldest level's, fixed at creation. Columns are encoded one
        // by one (what polars-parquet's `row_group_iter` does) to give each
        // its own statistics options.
        let rows = df.height() as u64;
        let snappy = &self.snappy;
        let mut columns = Vec::with_capacity(self.fields.len());
        for (((column, field), encoding), options) in df
            .columns()
            .iter()
            .zip(&self.fields)
            .zip(&self.encodings)
            .zip(&self.options)
        {
            let mut series = column.as_materialized_series();
            let rechunked;
            if small_chunks(series) {
                rechunked = series.rechunk();
                series = &rechunked;
            }
            let leaves = match (series.dtype(), field) {
                (DataType::String, ParquetType::PrimitiveType(ty)) => {
                    vec![string_pages(series, ty, *options)?]
                }
                (DataType::List(inner), ParquetType::GroupType { .. })
                    if **inner == DataType::String =>
                {
                    vec![list_pages(series, field, encoding, *options)?]
                }
                _ => column_pages(series, field, encoding, *options)?,
            };
            for leaf in leaves {
                let pages = leaf
                    .into_iter()
                    .flatten()
                    .map(|p| p.map_err(polars_parquet::parquet::error::ParquetError::from));
                let compressed =
                    SnappyPages::new(pages, snappy).map_err(polars::error::to_compute_err);
                columns.push(Ok(DynStreamingIterator::new(compressed)));
            }
        }
        self.writer.write(rows, DynIter::new(columns.into_iter()))?;
        Ok(())
    }

    /// Writes the pending rows and the footer.
    fn finish(mut self) -> Result<()> {
        if let Some(p) = self.pending.take() {
            self.pending_size = 0;
            self.write_row_group(p)?;
        }
        self.writer.end(None)?;
        self.writer
            .into_inner()
            .into_inner()
            .map_err(|e| e.into_error())?;
        Ok(())
    }
}

/// The pages of a column (one list per leaf column: a list column has one
/// leaf), each chunk's pages built by polars-parquet.
fn column_pages(
    series: &Series,
    field: &ParquetType,
    encoding: &[Encoding],
    options: WriteOptions,
) -> PolarsResult<Vec<Vec<Pages>>> {
    let mut leaves: Vec<Vec<_>> = Vec::new();
    for chunk in 0..series.n_chunks() {
        let array = series.to_arrow(chunk, CompatLevel::newest());
        if array.is_empty() {
            continue;
        }
        let pages = array_to_columns(array, field.clone(), options, encoding)?;
        for (leaf, pages) in pages.into_iter().enumerate() {
            match leaves.get_mut(leaf) {
                Some(l) => l.push(pages),
                None => leaves.push(vec![pages]),
            }
        }
    }
    Ok(leaves)
}

/// The plain pages of a string column, built by `files::pages`.
fn string_pages(
    series: &Series,
    ty: &PrimitiveType,
    options: WriteOptions,
) -> PolarsResult<Vec<Pages>> {
    Ok(series
        .str()?
        .downcast_iter()
        .filter(|a| a.len() > 0)
        .map(|a| DynIter::new(pages::string_pages(a.clone(), ty.clone(), options)))
        .collect())
}

/// The pages of a list-of-strings column: each chunk's single page built
/// by `files::lists`, the chunks it leaves built by polars-parquet.
fn list_pages(
    series: &Series,
    field: &ParquetType,
    encoding: &[Encoding],
    options: WriteOptions,
) -> PolarsResult<Vec<Pages>> {
    let mut pages = Vec::new();
    for (chunk, array) in series.list()?.downcast_iter().enumerate() {
        if array.len() == 0 {
            continue;
        }
        match lists::list_page(array, field, options)? {
            Some(page) => pages.push(DynIter::new(std::iter::once(Ok(page)))),
            None => {
                let array = series.to_arrow(chunk, CompatLevel::newest());
                pages.extend(array_to_columns(array, field.clone(), options, encoding)?);
            }
        }
    }
    Ok(pages)
}

/// Pages built as they are pulled.
type Pages = DynIter<'static, PolarsResult<Page>>;

/// True when a column's chunks are too small to be pages of their own:
/// a page costs a setup, statistics, a header and a compressor call, which
/// frames built by many small appends (the timeline's) would pay per few
/// rows; concatenating those is cheaper. A batch's chunk (thousands of
/// rows, or an `articles` batch's texts) is written as it is.
fn small_chunks(series: &Series) -> bool {
    const MIN_ROWS: usize = 1024;
    const MIN_BYTES: usize = 64 * 1024;
    let n = series.n_chunks();
    n > 1 && series.len() / n < MIN_ROWS && series.estimated_size() / n < MIN_BYTES
}

/// One table's open files (Parquet, CSV or both) in the staging folder.
pub struct TableFiles {
    spec: &'static TableSpec,
    parquet: Option<ParquetFile>,
    csv: Option<CsvFile>,
}

impl TableFiles {
    /// Creates the files (`None` path: that format is not written). Their
    /// folders must exist.
    pub fn create(
        spec: &'static TableSpec,
        parquet: Option<&Path>,
        csv: Option<&Path>,
    ) -> Result<TableFiles> {
        Ok(TableFiles {
            spec,
            parquet: parquet.map(|p| ParquetFile::create(p, spec)).transpose()?,
            csv: csv
                .map(|p| CsvFile::create(p, spec.columns.iter().map(|c| c.name)))
                .transpose()?,
        })
    }

    /// Appends rows (columns in the spec's order and types).
    pub fn push(&mut self, df: &DataFrame) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        let context = || format!("writing the {} table", self.spec.name);
        if let Some(p) = &mut self.parquet {
            p.push(df).with_context(context)?;
        }
        if let Some(c) = &mut self.csv {
            c.push(df).with_context(context)?;
        }
        Ok(())
    }

    /// Memory held by rows waiting for their row group.
    pub fn pending_bytes(&self) -> usize {
        self.parquet.as_ref().map_or(0, |p| p.pending_size)
    }

    /// Writes the pending rows as a (short) row group now.
    pub fn flush(&mut self) -> Result<()> {
        if let Some(p) = &mut self.parquet
            && let Some(rows) = p.pending.take()
        {
            p.pending_size = 0;
            p.write_row_group(rows)?;
        }
        Ok(())
    }

    /// Writes what is pending and closes the files.
    pub fn finish(self) -> Result<()> {
        let context = || format!("finishing the {} table", self.spec.name);
        if let Some(p) = self.parquet {
            p.finish().with_context(context)?;
        }
        if let Some(c) = self.csv {
            c.finish().with_context(context)?;
        }
        Ok(())
    }
}

/// Writes a whole frame as one table's files (used for small, run-wide
/// tables computed at the end).
pub fn write_frame(
    spec: &'static TableSpec,
    df: &DataFrame,
    parquet: Option<&Path>,
    csv: Option<&Path>,
) -> Result<()> {
    let mut files = TableFiles::create(spec, parquet, csv)?;
    files.push(df)?;
    files.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::schema::EVENTS;
    use crate::output::table::TableBuilder;

    /// `rows` events rows whose cells vary with `seed`, nulls included.
    fn events(rows: usize, seed: usize) -> DataFrame {
        let mut t = TableBuilder::new(&EVENTS);
        for i in 0..rows {
            let k = i + seed;
            let text = format!("valeur {k} « déjà » {}", "x".repeat(k % 20));
            let mut r = t.row();
            for c in EVENTS.columns {
                match c.ty {
                    ColType::Str => r.str((!k.is_multiple_of(3)).then_some(text.as_str())),
                    ColType::Int32 => r.i32((!k.is_multiple_of(5)).then_some(k as i32)),
                    ColType::Int64 => r.i64(Some(k as i64)),
                    ColType::Float32 => r.f32(Some(k as f32 / 8.0)),
                    ColType::Date => r.date(chrono::NaiveDate::from_ymd_opt(
                        2024,
                        1,
                        1 + (k % 28) as u32,
                    )),
                    ColType::ListStr => r.list(["a", "bcdefghijklmnop"].into_iter().take(k % 3)),
                };
            }
            r.end();
        }
        t.take_frame().unwrap()
    }

    #[test]
    fn batches_written_as_pages_read_back_whole() {
        // (name, rows per batch): chunks large enough to be pages of their
        // own, and small ones concatenated first
        let cases: &[(&str, &[usize])] = &[
            ("large chunks", &[3000, 2000, 1500]),
            ("small chunks", &[10, 1, 300, 7]),
            ("one chunk", &[5]),
        ];
        for (name, batches) in cases {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("t.parquet");
            let mut files = TableFiles::create(&EVENTS, Some(&path), None).unwrap();
            let mut all = DataFrame::empty_with_schema(&table_schema(&EVENTS));
            for (seed, rows) in batches.iter().enumerate() {
                let df = events(*rows, seed * 7);
                all.vstack_mut(&df).unwrap();
                files.push(&df).unwrap();
            }
            files.finish().unwrap();
            let back = ParquetReader::new(File::open(&path).unwrap())
                .finish()
                .unwrap();
            assert!(back.equals_missing(&all), "case {name}");
        }
    }
}
