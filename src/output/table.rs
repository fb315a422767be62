//! Typed column buffers for one table, filled row by row and turned into a
//! polars `DataFrame` whose columns have exactly the contract's types.

use chrono::NaiveDate;
use polars::prelude::*;

use super::schema::{ColType, TableSpec};

/// One cell value.
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
    Str(Vec<Option<String>>),
    I32(Vec<Option<i32>>),
    I64(Vec<Option<i64>>),
    F32(Vec<Option<f32>>),
    Date(Vec<Option<i32>>),
    List(Vec<Vec<String>>),
}

/// Rows of one table being built.
pub struct TableBuilder {
    spec: &'static TableSpec,
    columns: Vec<Buffer>,
    rows: usize,
}

fn epoch_days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (d - epoch).num_days() as i32
}

impl TableBuilder {
    /// An empty table with the spec's columns.
    pub fn new(spec: &'static TableSpec) -> Self {
        let columns = spec
            .columns
            .iter()
            .map(|c| match c.ty {
                ColType::Str => Buffer::Str(Vec::new()),
                ColType::Int32 => Buffer::I32(Vec::new()),
                ColType::Int64 => Buffer::I64(Vec::new()),
                ColType::Float32 => Buffer::F32(Vec::new()),
                ColType::Date => Buffer::Date(Vec::new()),
                ColType::ListStr => Buffer::List(Vec::new()),
            })
            .collect();
        TableBuilder {
            spec,
            columns,
            rows: 0,
        }
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
        for (i, (buf, v)) in self.columns.iter_mut().zip(row).enumerate() {
            match (buf, v) {
                (Buffer::Str(b), Value::Str(x)) => b.push(x),
                (Buffer::I32(b), Value::I32(x)) => b.push(x),
                (Buffer::I64(b), Value::I64(x)) => b.push(x),
                (Buffer::F32(b), Value::F32(x)) => b.push(x),
                (Buffer::Date(b), Value::Date(x)) => b.push(x.map(epoch_days)),
                (Buffer::List(b), Value::List(x)) => b.push(x),
                (_, v) => panic!(
                    "table {} column {}: wrong value type {v:?}",
                    self.spec.name, self.spec.columns[i].name
                ),
            }
        }
        self.rows += 1;
    }

    /// Builds the DataFrame and empties the builder.
    pub fn take_frame(&mut self) -> PolarsResult<DataFrame> {
        let height = self.rows;
        let mut cols = Vec::with_capacity(self.columns.len());
        for (spec, buf) in self.spec.columns.iter().zip(self.columns.iter_mut()) {
            let name: PlSmallStr = spec.name.into();
            let series = match buf {
                Buffer::Str(b) => Series::new(name, std::mem::take(b)),
                Buffer::I32(b) => Series::new(name, std::mem::take(b)),
                Buffer::I64(b) => Series::new(name, std::mem::take(b)),
                Buffer::F32(b) => Series::new(name, std::mem::take(b)),
                Buffer::Date(b) => Series::new(name, std::mem::take(b)).cast(&DataType::Date)?,
                Buffer::List(b) => {
                    let lists = std::mem::take(b);
                    let mut builder = ListStringChunkedBuilder::new(
                        name,
                        lists.len(),
                        lists.iter().map(Vec::len).sum(),
                    );
                    for l in &lists {
                        builder.append_values_iter(l.iter().map(String::as_str));
                    }
                    builder.finish().into_series()
                }
            };
            cols.push(series.into_column());
        }
        self.rows = 0;
        DataFrame::new(height, cols)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::schema::MENTIONS;

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
        let df = t.take_frame().unwrap();
        assert_eq!(df.height(), 1);
        for (c, spec) in df.columns().iter().zip(MENTIONS.columns) {
            assert_eq!(c.name().as_str(), spec.name);
            assert_eq!(c.dtype(), &spec.ty.dtype(), "{}", spec.name);
        }
        assert!(t.is_empty());
    }
}
