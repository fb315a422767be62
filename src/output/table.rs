//! Typed column buffers for one table, filled row by row and turned into a
//! polars `DataFrame` whose columns have exactly the contract's types.
//!
//! Cells go straight into polars' column builders (string bytes copied once
//! into the column's buffer): building a `String` per cell and a `Vec` per
//! row, then converting them, cost more than the rest of the writing.

use chrono::NaiveDate;
use polars::prelude::*;

use super::schema::{ColType, TableSpec};

/// One cell value (the row-at-a-time API of [`TableBuilder::push`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string or null.
    Str(Option<String>),
    /// A 32-bit integer or null.
    I32(Option<i32>),
    /// A 64-bit integer or null.
    I64(Option<i64>),
    /// A float or null.
    F32(Option<f32>),
    /// A date or null.
    Date(Option<NaiveDate>),
    /// A list of strings.
    List(Vec<String>),
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Str(Some(s.to_string()))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Str(Some(s))
    }
}
impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Self {
        Value::Str(s)
    }
}
impl From<Option<&str>> for Value {
    fn from(s: Option<&str>) -> Self {
        Value::Str(s.map(str::to_string))
    }
}

enum Buffer {
    Str(StringChunkedBuilder),
    I32(PrimitiveChunkedBuilder<Int32Type>),
    I64(PrimitiveChunkedBuilder<Int64Type>),
    F32(PrimitiveChunkedBuilder<Float32Type>),
    Date(PrimitiveChunkedBuilder<Int32Type>),
    List(ListStringChunkedBuilder),
}

impl Buffer {
    fn new(name: &'static str, ty: ColType, rows: usize) -> Buffer {
        let name = PlSmallStr::from_static(name);
        match ty {
            ColType::Str => Buffer::Str(StringChunkedBuilder::new(name, rows)),
            ColType::Int32 => Buffer::I32(PrimitiveChunkedBuilder::new(name, rows)),
            ColType::Int64 => Buffer::I64(PrimitiveChunkedBuilder::new(name, rows)),
            ColType::Float32 => Buffer::F32(PrimitiveChunkedBuilder::new(name, rows)),
            ColType::Date => Buffer::Date(PrimitiveChunkedBuilder::new(name, rows)),
            ColType::ListStr => Buffer::List(ListStringChunkedBuilder::new(name, rows, rows)),
        }
    }
}

/// Rows of one table being built.
pub struct TableBuilder {
    spec: &'static TableSpec,
    columns: Vec<Buffer>,
    rows: usize,
}

/// Days since 1970-01-01 (Arrow's `Date32`).
fn epoch_days(d: NaiveDate) -> i32 {
    const UNIX_EPOCH_FROM_CE: i32 = 719_163;
    d.num_days_from_ce() - UNIX_EPOCH_FROM_CE
}

use chrono::Datelike as _;

impl TableBuilder {
    /// An empty table with the spec's columns.
    pub fn new(spec: &'static TableSpec) -> Self {
        TableBuilder {
            spec,
            columns: Self::buffers(spec, 0),
            rows: 0,
        }
    }

    fn buffers(spec: &'static TableSpec, rows: usize) -> Vec<Buffer> {
        spec.columns
            .iter()
            .map(|c| Buffer::new(c.name, c.ty, rows))
            .collect()
    }

    /// The table's spec.
    pub fn spec(&self) -> &'static TableSpec {
        self.spec
    }

    /// Rows pushed so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Appends one row, its values in the spec's column order.
    ///
    /// # Panics
    /// When the row's length or a value's type does not match the spec: a
    /// programming error in the caller, caught by the tests.
    pub fn push(&mut self, row: Vec<Value>) {
        assert_eq!(
            row.len(),
            self.columns.len(),
            "row width for table {}",
            self.spec.name
        );
        let mut r = self.row();
        for v in row {
            match v {
                Value::Str(x) => r.str(x.as_deref()),
                Value::I32(x) => r.i32(x),
                Value::I64(x) => r.i64(x),
                Value::F32(x) => r.f32(x),
                Value::Date(x) => r.date(x),
                Value::List(x) => r.list(x.iter().map(String::as_str)),
            };
        }
        r.end();
    }

    /// Starts a row whose cells are then given in the spec's column order
    /// (`t.row().str("a").i32(Some(1)).end()`), without building values.
    pub fn row(&mut self) -> RowWriter<'_> {
        RowWriter {
            table: self,
            col: 0,
        }
    }

    /// Builds the DataFrame and empties the builder.
    pub fn take_frame(&mut self) -> PolarsResult<DataFrame> {
        let height = self.rows;
        let fresh = Self::buffers(self.spec, height);
        let mut cols = Vec::with_capacity(self.columns.len());
        for buf in std::mem::replace(&mut self.columns, fresh) {
            let series = match buf {
                Buffer::Str(b) => b.finish().into_series(),
                Buffer::I32(b) => b.finish().into_series(),
                Buffer::I64(b) => b.finish().into_series(),
                Buffer::F32(b) => b.finish().into_series(),
                Buffer::Date(b) => b.finish().into_series().cast(&DataType::Date)?,
                Buffer::List(mut b) => b.finish().into_series(),
            };
            cols.push(series.into_column());
        }
        self.rows = 0;
        DataFrame::new(height, cols)
    }
}

/// The cells of one row being appended (see [`TableBuilder::row`]).
///
/// # Panics
/// A cell of the wrong type, too many cells, or [`RowWriter::end`] before the
/// last column: programming errors in the caller, caught by the tests.
pub struct RowWriter<'t> {
    table: &'t mut TableBuilder,
    col: usize,
}

impl RowWriter<'_> {
    fn next(&mut self) -> (&mut Buffer, usize) {
        let i = self.col;
        assert!(
            i < self.table.columns.len(),
            "table {}: more cells than columns",
            self.table.spec.name
        );
        self.col += 1;
        (&mut self.table.columns[i], i)
    }

    #[cold]
    fn wrong(&self, i: usize, what: &str) -> ! {
        panic!(
            "table {} column {}: wrong value type {what}",
            self.table.spec.name, self.table.spec.columns[i].name
        )
    }

    /// A string cell (`&str` or `Option<&str>`).
    pub fn str<'s>(&mut self, v: impl Into<Option<&'s str>>) -> &mut Self {
        match self.next() {
            (Buffer::Str(b), _) => b.append_option(v.into()),
            (_, i) => self.wrong(i, "string"),
        }
        self
    }

    /// A 32-bit integer cell.
    pub fn i32(&mut self, v: Option<i32>) -> &mut Self {
        match self.next() {
            (Buffer::I32(b), _) => b.append_option(v),
            (_, i) => self.wrong(i, "i32"),
        }
        self
    }

    /// A count or index, clamped to `i32::MAX`.
    pub fn count(&mut self, v: usize) -> &mut Self {
        self.i32(Some(v.min(i32::MAX as usize) as i32))
    }

    /// A 64-bit integer cell.
    pub fn i64(&mut self, v: Option<i64>) -> &mut Self {
        match self.next() {
            (Buffer::I64(b), _) => b.append_option(v),
            (_, i) => self.wrong(i, "i64"),
        }
        self
    }

    /// A float cell.
    pub fn f32(&mut self, v: Option<f32>) -> &mut Self {
        match self.next() {
            (Buffer::F32(b), _) => b.append_option(v),
            (_, i) => self.wrong(i, "f32"),
        }
        self
    }

    /// A date cell.
    pub fn date(&mut self, v: Option<NaiveDate>) -> &mut Self {
        match self.next() {
            (Buffer::Date(b), _) => b.append_option(v.map(epoch_days)),
            (_, i) => self.wrong(i, "date"),
        }
        self
    }

    /// A list-of-strings cell.
    pub fn list<'s>(&mut self, v: impl Iterator<Item = &'s str>) -> &mut Self {
        match self.next() {
            (Buffer::List(b), _) => b.append_values_iter(v),
            (_, i) => self.wrong(i, "list"),
        }
        self
    }

    /// Ends the row.
    pub fn end(&mut self) {
        assert_eq!(
            self.col,
            self.table.columns.len(),
            "row width for table {}",
            self.table.spec.name
        );
        self.table.rows += 1;
        self.col = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::schema::{EVENTS, MENTIONS};

    #[test]
    fn frame_has_contract_types() {
        let mut t = TableBuilder::new(&MENTIONS);
        t.push(vec![
            "a".into(),
            "b".into(),
            "Lavrov".into(),
            Value::I32(Some(3)),
            Value::I32(Some(9)),
            Value::I32(Some(0)),
            Value::Str(None),
        ]);
        t.row()
            .str("a")
            .str("c")
            .str("Macron")
            .i32(Some(10))
            .i32(Some(16))
            .count(1)
            .str(Some("président"))
            .end();
        let df = t.take_frame().unwrap();
        assert_eq!(df.height(), 2);
        for (c, spec) in df.columns().iter().zip(MENTIONS.columns) {
            assert_eq!(c.name().as_str(), spec.name);
            assert_eq!(c.dtype(), &spec.ty.dtype(), "{}", spec.name);
        }
        assert_eq!(
            df.column("text").unwrap().str().unwrap().get(1),
            Some("Macron")
        );
        assert_eq!(df.column("role").unwrap().str().unwrap().get(0), None);
        assert!(t.is_empty());
        // the builder is reusable after take_frame
        t.row()
            .str("x")
            .str("y")
            .str("z")
            .i32(None)
            .i32(None)
            .count(0)
            .str(None)
            .end();
        assert_eq!(t.take_frame().unwrap().height(), 1);
    }

    #[test]
    fn dates_and_lists_keep_their_values() {
        let mut t = TableBuilder::new(&EVENTS);
        let mut r = t.row();
        for c in EVENTS.columns {
            match c.ty {
                ColType::Str => r.str(Some(c.name)),
                ColType::Int32 => r.i32(Some(7)),
                ColType::Int64 => r.i64(Some(7)),
                ColType::Float32 => r.f32(Some(0.5)),
                ColType::Date => r.date(NaiveDate::from_ymd_opt(2024, 2, 29)),
                ColType::ListStr => r.list(["a", "b"].into_iter()),
            };
        }
        r.end();
        let df = t.take_frame().unwrap();
        for (c, spec) in df.columns().iter().zip(EVENTS.columns) {
            assert_eq!(c.dtype(), &spec.ty.dtype(), "{}", spec.name);
        }
        let date = df.column("date").unwrap().date().unwrap().physical().get(0);
        assert_eq!(date, Some(19_782));
        let ids = df
            .column("source_ids")
            .unwrap()
            .list()
            .unwrap()
            .get_as_series(0);
        assert_eq!(ids.unwrap().str().unwrap().get(1), Some("b"));
    }

    #[test]
    #[should_panic(expected = "wrong value type")]
    fn wrong_cell_type_panics() {
        let mut t = TableBuilder::new(&MENTIONS);
        t.row().i32(Some(1));
    }
}
