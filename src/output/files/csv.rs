//! CSV rows written straight from a frame's typed columns into one reused
//! buffer, byte for byte what polars' CSV writer (default options) writes:
//! header line, `,` separators, `\n` line ends; a null is an empty field;
//! a string is quoted (`"` doubled) when it holds `,`, `"`, `\n` or `\r`,
//! and an empty string is written `""`; integers in decimal; dates
//! `YYYY-MM-DD`; floats in their shortest round-trip form (always with a
//! `.`, exponent outside 1e-6..1e13); string lists joined with `;` (null
//! items skipped). polars' writer cost more than building the rows (a
//! boxed serializer and an iterator per cell, batches sent to its thread
//! pool). A frame with a column type not handled here goes through polars.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use polars::prelude::*;

/// Longest string a view holds itself (Arrow's string-view layout).
const MAX_INLINE: u32 = 12;

/// Bytes gathered before they are written to the file.
const FLUSH_BYTES: usize = 1 << 20;

type StrArray = <StringType as PolarsDataType>::Array;
type ListArray = <ListType as PolarsDataType>::Array;

/// One column's single chunk, by type.
enum Cells<'a> {
    /// Strings; then whether the column holds nulls, and `clean`: no value
    /// longer than 12 bytes needs quotes (checked once for the whole
    /// column, so most cells are copied without a scan).
    Str(&'a StrArray, bool, bool),
    I32(&'a <Int32Type as PolarsDataType>::Array),
    I64(&'a <Int64Type as PolarsDataType>::Array),
    F32(&'a <Float32Type as PolarsDataType>::Array),
    Date(&'a <Int32Type as PolarsDataType>::Array),
    List(&'a ListArray, &'a StrArray),
}

/// An open CSV file receiving rows (header first, written even when no row
/// comes).
pub(super) struct CsvFile {
    file: File,
    buf: Vec<u8>,
    scratch: Scratch,
}

/// Buffers reused from cell to cell.
#[derive(Default)]
struct Scratch {
    /// A list being joined.
    joined: Vec<u8>,
    /// Floats already formatted (bits, text): a table's floats are mostly a
    /// few repeated confidences, and formatting one costs ~600 instructions.
    floats: Vec<(u32, Vec<u8>)>,
}

/// Floats remembered per file (a linear search stays cheaper than formatting).
const FLOAT_CACHE: usize = 32;

impl CsvFile {
    /// Creates the file; `names` are the header's columns.
    pub(super) fn create<'n>(path: &Path, names: impl Iterator<Item = &'n str>) -> Result<CsvFile> {
        let file = File::create(path).with_context(|| format!("creating '{}'", path.display()))?;
        let mut csv = CsvFile {
            file,
            buf: Vec::with_capacity(FLUSH_BYTES + FLUSH_BYTES / 4),
            scratch: Scratch::default(),
        };
        for (k, name) in names.enumerate() {
            if k > 0 {
                csv.buf.push(b',');
            }
            write_str(&mut csv.buf, name);
        }
        csv.buf.push(b'\n');
        Ok(csv)
    }

    /// Appends the frame's rows (list columns joined with `;`).
    pub(super) fn push(&mut self, df: &DataFrame) -> Result<()> {
        let series: Vec<Series> = df
            .columns()
            .iter()
            .map(|c| c.as_materialized_series().rechunk())
            .collect();
        let mut cells = Vec::with_capacity(series.len());
        for s in &series {
            match Cells::of(s) {
                Some(c) => cells.push(c),
                None => return self.push_with_polars(df),
            }
        }
        for row in 0..df.height() {
            for (k, c) in cells.iter().enumerate() {
                if k > 0 {
                    self.buf.push(b',');
                }
                c.write(row, &mut self.buf, &mut self.scratch);
            }
            self.buf.push(b'\n');
            if self.buf.len() >= FLUSH_BYTES {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// The general path: polars' writer, lists joined by an expression.
    fn push_with_polars(&mut self, df: &DataFrame) -> Result<()> {
        let joined: Vec<Expr> = df
            .columns()
            .iter()
            .filter(|c| matches!(c.dtype(), DataType::List(_)))
            .map(|c| {
                let n = c.name().clone();
                col(n.clone()).list().join(lit(";"), true).alias(n)
            })
            .collect();
        let mut df = if joined.is_empty() {
            df.clone()
        } else {
            df.clone().lazy().with_columns(joined).collect()?
        };
        CsvWriter::new(&mut self.buf)
            .include_header(false)
            .finish(&mut df)?;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.file.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// Writes what is buffered and closes the file.
    pub(super) fn finish(mut self) -> Result<()> {
        self.flush()?;
        Ok(())
    }
}

impl<'a> Cells<'a> {
    /// The cells of a single-chunk series, `None` for a type not handled.
    fn of(s: &'a Series) -> Option<Cells<'a>> {
        Some(match s.dtype() {
            DataType::String => {
                let a = s.str().ok()?.downcast_iter().next()?;
                Cells::Str(a, s.null_count() > 0, !column_needs_quotes(a))
            }
            DataType::Int32 => Cells::I32(s.i32().ok()?.downcast_iter().next()?),
            DataType::Int64 => Cells::I64(s.i64().ok()?.downcast_iter().next()?),
            DataType::Float32 => Cells::F32(s.f32().ok()?.downcast_iter().next()?),
            DataType::Date => Cells::Date(s.date().ok()?.physical().downcast_iter().next()?),
            DataType::List(inner) if **inner == DataType::String => {
                let lists = s.list().ok()?.downcast_iter().next()?;
                let values = lists.values().as_any().downcast_ref::<StrArray>()?;
                Cells::List(lists, values)
            }
            _ => return None,
        })
    }

    fn write(&self, row: usize, buf: &mut Vec<u8>, scratch: &mut Scratch) {
        match self {
            Cells::Str(a, nulls, clean) => {
                if *nulls && a.get(row).is_none() {
                    return;
                }
                let view = a.views()[row];
                if view.length <= MAX_INLINE {
                    // the bytes sit in the view itself: a fixed-size copy
                    // (no call), then the padding is cut off
                    let bytes = view.as_u128().to_le_bytes();
                    let inline: &[u8; 12] = bytes[4..].try_into().unwrap_or(&[0; 12]);
                    let len = view.length as usize;
                    if len == 0 {
                        // an unquoted empty field would read back as null
                        buf.extend_from_slice(b"\"\"");
                    } else if !has_special(inline) {
                        let at = buf.len();
                        buf.extend_from_slice(inline);
                        buf.truncate(at + len);
                    } else {
                        write_quoted(buf, a.value(row));
                    }
                } else {
                    let data = &a.data_buffers()[view.buffer_idx as usize];
                    let start = view.offset as usize;
                    let bytes = &data[start..start + view.length as usize];
                    if *clean || !needs_quotes(bytes) {
                        buf.extend_from_slice(bytes);
                    } else {
                        write_quoted(buf, a.value(row));
                    }
                }
            }
            Cells::I32(a) => {
                if let Some(v) = a.get(row) {
                    write_int(buf, v as i64);
                }
            }
            Cells::I64(a) => {
                if let Some(v) = a.get(row) {
                    write_int(buf, v);
                }
            }
            Cells::F32(a) => {
                if let Some(v) = a.get(row) {
                    let bits = v.to_bits();
                    if let Some((_, text)) = scratch.floats.iter().find(|(b, _)| *b == bits) {
                        buf.extend_from_slice(text);
                    } else {
                        let at = buf.len();
                        write_f32(buf, v);
                        if scratch.floats.len() < FLOAT_CACHE {
                            scratch.floats.push((bits, buf[at..].to_vec()));
                        }
                    }
                }
            }
            Cells::Date(a) => {
                if let Some(v) = a.get(row) {
                    write_date(buf, v);
                }
            }
            Cells::List(lists, values) => {
                if lists.validity().is_some_and(|v| !v.get_bit(row)) {
                    return;
                }
                let (start, end) = lists.offsets().start_end(row);
                let joined = &mut scratch.joined;
                joined.clear();
                let mut first = true;
                for i in start..end {
                    if let Some(s) = values.get(i) {
                        if !first {
                            joined.push(b';');
                        }
                        first = false;
                        joined.extend_from_slice(s.as_bytes());
                    }
                }
                // items are whole UTF-8 strings, so is their join
                write_str(buf, std::str::from_utf8(joined).unwrap_or_default());
            }
        }
    }
}

/// True when some long value of the column may need quotes: one pass over
/// the column's byte buffers instead of a test per cell (values of up to
/// 12 bytes sit in their views and are tested as they are written). Bytes
/// of the buffers no view points at can only make it say yes wrongly,
/// which just sends the cells through the per-cell test.
fn column_needs_quotes(a: &StrArray) -> bool {
    a.data_buffers().iter().any(|b| needs_quotes(b))
}

/// True when `s` holds a byte that forces quoting.
#[inline(never)]
fn needs_quotes(s: &[u8]) -> bool {
    // fixed-size blocks, no early exit inside one: the compiler turns the
    // block test into vector compares (whole article texts pass here); the
    // tail is padded into one more block
    let mut blocks = s.chunks_exact(32);
    for block in &mut blocks {
        if has_special::<32>(block.try_into().unwrap_or(&[0; 32])) {
            return true;
        }
    }
    let tail = blocks.remainder();
    let mut padded = [0u8; 32];
    padded[..tail.len()].copy_from_slice(tail);
    has_special(&padded)
}

fn has_special<const N: usize>(block: &[u8; N]) -> bool {
    let mut hits = 0u8;
    for b in block {
        hits |= ((*b == b',') | (*b == b'"') | (*b == b'\n') | (*b == b'\r')) as u8;
    }
    hits != 0
}

/// A non-null string field.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    if s.is_empty() {
        // an unquoted empty field would read back as null
        buf.extend_from_slice(b"\"\"");
    } else if !needs_quotes(s.as_bytes()) {
        buf.extend_from_slice(s.as_bytes());
    } else {
        write_quoted(buf, s);
    }
}

/// A field between quotes, its `"` doubled.
fn write_quoted(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    // `str::find` of one ASCII char is a memchr, not a byte loop
    let mut rest = s;
    while let Some(at) = rest.find('"') {
        buf.extend_from_slice(&rest.as_bytes()[..=at]);
        buf.push(b'"');
        rest = &rest[at + 1..];
    }
    buf.extend_from_slice(rest.as_bytes());
    buf.push(b'"');
}

fn write_int(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    crate::output::push_decimal(buf, v.unsigned_abs());
}

/// Days since 1970-01-01 as `YYYY-MM-DD` (chrono's `NaiveDate` display,
/// whose formatting machinery cost ~700 instructions a date). Years 0 to
/// 9999 (but January and February of year 0) take the civil-from-days arithmetic below (~30 instructions where
/// chrono's day-number conversion took ~60 more); chrono writes the rest.
fn write_date(buf: &mut Vec<u8>, days: i32) {
    /// 0000-03-01 (where [`civil_from_days`] starts) and 9999-12-31, in
    /// days since 1970-01-01.
    const ARITHMETIC: std::ops::RangeInclusive<i32> = -719_468..=2_932_896;
    if !ARITHMETIC.contains(&days) {
        write_date_chrono(buf, days);
        return;
    }
    let (year, month, day) = civil_from_days(days);
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let ([a, b], [c, d], [e, f], [g, h]) = (two(year / 100), two(year % 100), two(month), two(day));
    buf.extend_from_slice(&[a, b, c, d, b'-', e, f, b'-', g, h]);
}

/// The proleptic Gregorian (year, month, day) of a day number counted from
/// 1970-01-01, for days from 0000-03-01 on (Howard Hinnant's
/// `civil_from_days`: eras of 400 years, years starting in March so that
/// the leap day ends them).
fn civil_from_days(days: i32) -> (u32, u32, u32) {
    // days since 0000-03-01
    let z = (days + 719_468) as u32;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u32::from(month <= 2);
    (year, month, day)
}

/// [`write_date`] through chrono, for the days the arithmetic leaves (nothing for
/// a day chrono cannot represent).
fn write_date_chrono(buf: &mut Vec<u8>, days: i32) {
    const UNIX_EPOCH_FROM_CE: i32 = 719_163;
    if let Some(d) = days
        .checked_add(UNIX_EPOCH_FROM_CE)
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
    {
        let _ = write!(buf, "{d}");
    }
}

/// A float as polars writes it (the `zmij` crate's format): the shortest
/// digits that read back to the same value, positional with at least one
/// decimal when the leading digit's exponent is in -6..=12, else
/// `d.ddde±x`; `NaN`, `inf`, `-inf`.
fn write_f32(buf: &mut Vec<u8>, v: f32) {
    let start = buf.len();
    let exp10 = if v == 0.0 || !v.is_finite() {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    // log10 may be off by one at exact powers of ten: read the exponent
    // from Rust's own shortest scientific form instead
    let _ = write!(buf, "{v:e}");
    let exp = std::str::from_utf8(&buf[start..])
        .ok()
        .and_then(|s| s.split_once('e'))
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(exp10);
    if !v.is_finite() {
        return;
    }
    if (-6..=12).contains(&exp) {
        buf.truncate(start);
        let _ = write!(buf, "{v}");
        if !buf[start..].contains(&b'.') {
            buf.extend_from_slice(b".0");
        }
    } else if exp >= 0 {
        // `1.5e20` → `1.5e+20`
        if let Some(e) = buf[start..].iter().position(|b| *b == b'e') {
            buf.insert(start + e + 1, b'+');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What polars' own CSV writer makes of a frame (no header).
    fn polars_csv(df: &DataFrame) -> String {
        let mut out = Vec::new();
        let mut df = df.clone();
        CsvWriter::new(&mut out)
            .include_header(false)
            .finish(&mut df)
            .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn ours(df: &DataFrame) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let mut f = CsvFile::create(&path, std::iter::empty()).unwrap();
        f.buf.clear();
        f.push(df).unwrap();
        f.finish().unwrap();
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn strings_match_polars() {
        let cases: &[(&str, Option<&str>)] = &[
            ("plain", Some("Lavrov")),
            ("null", None),
            ("empty", Some("")),
            ("comma", Some("Paris, France")),
            ("quote", Some("il a dit \"non\"")),
            ("only quotes", Some("\"\"")),
            ("newline", Some("ligne 1\nligne 2")),
            ("carriage return", Some("a\rb")),
            ("semicolon", Some("a;b")),
            ("spaces", Some("  ")),
            ("accents", Some("« déjà » — s’intensifie")),
            (
                "long with a late comma",
                Some("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz, end"),
            ),
        ];
        for (name, v) in cases {
            let df = df!("s" => [*v], "t" => [Some("x")]).unwrap();
            assert_eq!(ours(&df), polars_csv(&df), "case {name}");
        }
    }

    #[test]
    fn one_column_mixing_clean_and_quoted_values_matches_polars() {
        // quoting is decided per column for long values and per cell for
        // short ones: every mix of the two within one column
        let cases: &[(&str, &[Option<&str>])] = &[
            (
                "short quoted, long clean",
                &[Some("a,b"), Some("a long value without specials")],
            ),
            (
                "long quoted, short clean",
                &[Some("x"), Some("a long value, with a comma")],
            ),
            (
                "both clean",
                &[Some("abcdef0123456789"), Some("ab"), None, Some("")],
            ),
            (
                "both quoted",
                &[Some("\"q\""), Some("line one\nline two, and more")],
            ),
            (
                "twelve and thirteen bytes",
                &[Some("abcdefghijk,"), Some("abcdefghijkl,")],
            ),
        ];
        for (name, values) in cases {
            let df = df!("s" => values.to_vec(), "n" => vec![1i32; values.len()]).unwrap();
            assert_eq!(ours(&df), polars_csv(&df), "case {name}");
        }
    }

    #[test]
    fn quoting_is_found_at_every_position() {
        for len in 0..100 {
            let plain = vec![b'a'; len];
            assert!(!needs_quotes(&plain), "plain, length {len}");
            for at in 0..len {
                for special in [b',', b'"', b'\n', b'\r'] {
                    let mut s = plain.clone();
                    s[at] = special;
                    assert!(needs_quotes(&s), "{special} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn dates_match_chrono() {
        // a sweep of the arithmetic's range, its edges and beyond them
        let mut days: Vec<i32> = (-719_600..=2_933_000).step_by(37).collect();
        days.extend(-719_540..-719_400);
        days.extend(2_932_800..2_933_000);
        days.extend([i32::MIN, i32::MAX, -1, 0, 1, 11_016, 11_017, 19_782]);
        let mut buf = Vec::new();
        for d in days {
            buf.clear();
            write_date(&mut buf, d);
            let expected = d
                .checked_add(719_163)
                .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
                .map(|d| d.to_string())
                .unwrap_or_default();
            assert_eq!(String::from_utf8_lossy(&buf), expected, "day {d}");
        }
    }

    #[test]
    fn numbers_and_dates_match_polars() {
        let df = df!(
            "i" => [Some(0i32), Some(-12), None, Some(i32::MAX), Some(i32::MIN)],
            "l" => [Some(0i64), None, Some(i64::MIN), Some(i64::MAX), Some(7)],
            "d" => [Some(0i32), Some(19_782), None, Some(-1), Some(2_932_896)],
            "e" => [Some(-719_163i32), Some(-719_528), Some(-800_000), Some(10_957), Some(-25_567)],
        )
        .unwrap();
        let mut df = df;
        for name in ["d", "e"] {
            df.apply(name, |c| c.cast(&DataType::Date).unwrap())
                .unwrap();
        }
        assert_eq!(ours(&df), polars_csv(&df));
    }

    #[test]
    fn floats_match_polars() {
        let mut values: Vec<Option<f32>> = vec![
            None,
            Some(0.0),
            Some(-0.0),
            Some(1.0),
            Some(0.5),
            Some(0.85),
            Some(0.1),
            Some(1.0 / 3.0),
            Some(100.0),
            Some(1e-6),
            Some(9.999e-7),
            Some(1e-7),
            Some(1.5e-9),
            Some(1e12),
            Some(9.99e12),
            Some(1e13),
            Some(1.5e20),
            Some(-2.5e-8),
            Some(f32::MAX),
            Some(f32::MIN_POSITIVE),
            Some(f32::NAN),
            Some(f32::INFINITY),
            Some(f32::NEG_INFINITY),
        ];
        // a spread of magnitudes and digits
        let mut x = 1.234_567e-12_f32;
        while x < 1e20 {
            values.push(Some(x));
            values.push(Some(-x * 0.7));
            x *= 7.3;
        }
        let df = df!("f" => values).unwrap();
        let (a, b) = (ours(&df), polars_csv(&df));
        for (l, (x, y)) in a.lines().zip(b.lines()).enumerate() {
            assert_eq!(x, y, "line {l}");
        }
        assert_eq!(a, b);
    }

    #[test]
    fn lists_match_polars_join() {
        let lists = [
            Some(vec!["a", "b"]),
            Some(vec![]),
            Some(vec!["x,y"]),
            Some(vec!["seul"]),
            None,
        ];
        let mut b = ListStringChunkedBuilder::new("l".into(), 5, 5);
        for l in &lists {
            match l {
                Some(v) => b.append_values_iter(v.iter().copied()),
                None => b.append_null(),
            }
        }
        let df = DataFrame::new(5, vec![b.finish().into_series().into_column()]).unwrap();
        let joined = df
            .clone()
            .lazy()
            .with_columns([col("l").list().join(lit(";"), true).alias("l")])
            .collect()
            .unwrap();
        assert_eq!(ours(&df), polars_csv(&joined));
    }
}
