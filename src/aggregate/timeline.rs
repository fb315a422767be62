//! The run's `timeline` without a whole-table sort: each batch's timeline
//! rows (evidence cut from the batch's own texts) are appended to one spill
//! per month of their date while the run goes on (plain length-prefixed
//! fields: a Parquet writer per month kept every page's metadata and buffers
//! alive), held in memory up to a budget and then in one file per month; at
//! the end the months are sorted one at a time, in order, and appended to
//! the table. Memory is bounded by the budget and the largest month, not by
//! the corpus.
//!
//! Near-duplicate roots come from the run's [`Families`], resolved as the
//! articles arrive.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use polars::prelude::*;

use super::families::Families;
use super::hash::FastMap;
use super::schema::TIMELINE;
use crate::output::files::{ROW_GROUP_ROWS, TableFiles};
use crate::text::swar;

/// `YYYY-MM` of a day since the epoch, `unknown` for none (sorts last).
/// A month as numbers, ordered as its name is (`unknown` last), so that a
/// batch groups its events by month without formatting a name per event.
type MonthKey = (bool, i32, u32);

fn month_key(day: Option<i32>) -> MonthKey {
    use chrono::Datelike;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    day.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d.into())))
        .map_or((true, 0, 0), |d| (false, d.year(), d.month()))
}

fn month_name((unknown, year, month): MonthKey) -> String {
    match chrono::NaiveDate::from_ymd_opt(year, month, 1) {
        Some(d) if !unknown => d.format("%Y-%m").to_string(),
        _ => "unknown".into(),
    }
}

/// One timeline row of a batch, before it becomes a column.
struct SpillRow<'a> {
    event: usize,
    date: Option<i32>,
    origin: Option<&'static str>,
    evidence: Option<&'a str>,
    duplicate_of: Option<&'a str>,
    start: Option<i32>,
}

/// The text fields of a spilled row, in the timeline's column order:
/// `date_value` to `trigger` (copied from the event), then `evidence` and
/// `duplicate_of`.
const TEXT_FIELDS: usize = 14;

/// Null in a length field.
const NULL_LEN: u32 = u32::MAX;

/// Appends one row to a month's spill bytes: the numbers, the texts'
/// lengths, then the texts one after the other (one UTF-8 check per row
/// when read back, instead of one per text).
fn encode(out: &mut Vec<u8>, row: &SpillRow, copied: &[Vec<Option<&str>>]) {
    let opt_i32 = |out: &mut Vec<u8>, v: Option<i32>| {
        out.push(u8::from(v.is_some()));
        out.extend_from_slice(&v.unwrap_or(0).to_le_bytes());
    };
    opt_i32(out, row.date);
    out.push(match row.origin {
        None => 0,
        Some("event") => 1,
        Some(_) => 2,
    });
    opt_i32(out, row.start);
    let mut texts: [Option<&str>; TEXT_FIELDS] = [None; TEXT_FIELDS];
    for (t, c) in texts.iter_mut().zip(copied) {
        *t = c[row.event];
    }
    texts[TEXT_FIELDS - 2] = row.evidence;
    texts[TEXT_FIELDS - 1] = row.duplicate_of;
    for t in &texts {
        let len = t.map_or(NULL_LEN, |t| t.len() as u32);
        out.extend_from_slice(&len.to_le_bytes());
    }
    for t in texts.iter().flatten() {
        out.extend_from_slice(t.as_bytes());
    }
}

/// A spilled row read back, its texts borrowed from the month's bytes
/// (owned strings took three times the memory of the month's file).
struct RowRef<'a> {
    date: Option<i32>,
    origin: Option<&'static str>,
    start: Option<i32>,
    texts: [Option<&'a str>; TEXT_FIELDS],
}

/// The timeline's order: date, article, position, event id, nulls last.
type SortKey<'r> = (
    bool,
    Option<i32>,
    bool,
    Option<&'r str>,
    bool,
    Option<i32>,
    bool,
    Option<&'r str>,
);

fn sort_key<'r>(r: &RowRef<'r>) -> SortKey<'r> {
    (
        r.date.is_none(),
        r.date,
        r.texts[2].is_none(),
        r.texts[2],
        r.start.is_none(),
        r.start,
        r.texts[1].is_none(),
        r.texts[1],
    )
}

/// Reads every row of a month's spill bytes.
fn decode(mut b: &[u8]) -> Result<Vec<RowRef<'_>>> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Result<&'a [u8]> {
        anyhow::ensure!(b.len() >= n, "the timeline spill is truncated");
        let (head, rest) = b.split_at(n);
        *b = rest;
        Ok(head)
    }
    fn opt_i32(b: &mut &[u8]) -> Result<Option<i32>> {
        let flag = take(b, 1)?[0];
        let v = i32::from_le_bytes(take(b, 4)?.try_into()?);
        Ok((flag == 1).then_some(v))
    }
    let mut rows = Vec::new();
    while !b.is_empty() {
        let date = opt_i32(&mut b)?;
        let origin = match take(&mut b, 1)?[0] {
            0 => None,
            1 => Some("event"),
            _ => Some("publication"),
        };
        let start = opt_i32(&mut b)?;
        let mut lens = [NULL_LEN; TEXT_FIELDS];
        for len in &mut lens {
            *len = u32::from_le_bytes(take(&mut b, 4)?.try_into()?);
        }
        let total = lens
            .iter()
            .filter(|&&l| l != NULL_LEN)
            .map(|&l| l as usize)
            .sum();
        // SIMD validation: the texts are most of the spill's bytes
        let all = simdutf8::basic::from_utf8(take(&mut b, total)?)
            .map_err(|_| anyhow::anyhow!("a timeline spill text is not UTF-8"))?;
        let mut texts: [Option<&str>; TEXT_FIELDS] = [None; TEXT_FIELDS];
        let mut at = 0;
        for (t, &len) in texts.iter_mut().zip(&lens) {
            if len != NULL_LEN {
                let end = at + len as usize;
                *t = Some(all.get(at..end).context("a timeline spill text is cut")?);
                at = end;
            }
        }
        rows.push(RowRef {
            date,
            origin,
            start,
            texts,
        });
    }
    Ok(rows)
}

/// Sorted rows of one month as a timeline frame.
///
/// Built in the contract's columns and types directly: a lazy `select` and
/// `cast` per month (a no-op on these columns) cost more than building them.
fn timeline_frame(rows: &[RowRef]) -> Result<DataFrame> {
    let mut columns = Vec::with_capacity(TIMELINE.columns.len());
    let dates: Int32Chunked = rows.iter().map(|r| r.date).collect();
    columns.push(
        dates
            .with_name(TIMELINE.columns[0].name.into())
            .into_date()
            .into_column(),
    );
    columns.push(Column::new(
        TIMELINE.columns[1].name.into(),
        rows.iter().map(|r| r.origin).collect::<Vec<_>>(),
    ));
    for (k, spec) in TIMELINE.columns[2..].iter().enumerate() {
        columns.push(Column::new(
            spec.name.into(),
            rows.iter().map(|r| r.texts[k]).collect::<Vec<_>>(),
        ));
    }
    Ok(DataFrame::new(rows.len(), columns)?)
}

/// Code-point slicing of article texts, as polars' `str.slice` does.
///
/// A batch's events come roughly in text order, so a cursor (code point,
/// byte) moved from the last start, forwards or backwards, walks each
/// article about once, where an index of every code point cost a write per
/// character of every article and a restart from the text's beginning cost
/// a walk per event out of order.
#[derive(Default)]
struct CharIndex {
    article: Option<usize>,
    chars: usize,
    byte: usize,
}

impl CharIndex {
    /// `text[start..end]` in code points (clamped to the text) of the
    /// batch's article `j`.
    fn slice<'t>(&mut self, j: usize, text: &'t str, start: i32, end: i32) -> &'t str {
        let (start, end) = (start.max(0) as usize, end.max(0) as usize);
        if self.article != Some(j) {
            (self.article, self.chars, self.byte) = (Some(j), 0, 0);
        }
        let bytes = text.as_bytes();
        (self.chars, self.byte) = if start < self.chars {
            back(bytes, self.chars, self.byte, start)
        } else {
            advance(bytes, self.chars, self.byte, start)
        };
        let (_, end_byte) = advance(bytes, self.chars, self.byte, end.max(start));
        &text[self.byte..end_byte]
    }
}

/// Moves the cursor `(chars, byte)` forward to code point `target`, or to
/// the end of `text`.
///
/// Code points are the bytes that are not UTF-8 continuation bytes
/// (10xxxxxx), so 32 or 8 bytes are counted at once, accented text
/// included (stepping one character at a time around every accent of a
/// French text cost most of the walk); a block may end inside a character,
/// whose continuation bytes the byte loop then skips.
fn advance(text: &[u8], mut chars: usize, mut byte: usize, target: usize) -> (usize, usize) {
    // 32 bytes hold at most 32 code points: while that many are left, a
    // block is counted whole, without a test per word
    for block in text[byte.min(text.len())..].chunks_exact(32) {
        if target - chars < 32 {
            break;
        }
        let starts: u64 = block
            .chunks_exact(8)
            .map(|w| starts(u64::from_le_bytes(w.try_into().unwrap_or([0; 8]))))
            .sum();
        (chars, byte) = (chars + byte_sum(starts), byte + 32);
    }
    while let Some(w) = swar::load(text, byte) {
        let n = byte_sum(starts(w));
        if chars + n > target {
            break;
        }
        (chars, byte) = (chars + n, byte + 8);
    }
    while byte < text.len() {
        if text[byte] & 0xC0 != 0x80 {
            if chars == target {
                break;
            }
            chars += 1;
        }
        byte += 1;
    }
    (chars, byte)
}

/// 1 in each byte of `w` that starts a code point (is not a UTF-8
/// continuation byte, 10xxxxxx), 0 elsewhere.
#[inline]
fn starts(w: u64) -> u64 {
    let continuation = w & !(w << 1) & swar::splat(0x80);
    (!continuation & swar::splat(0x80)) >> 7
}

/// The sum of the bytes of `w` (each small enough that the sum fits a
/// byte): a multiplication, where `count_ones` without a popcount
/// instruction is a dozen.
#[inline]
fn byte_sum(w: u64) -> usize {
    (w.wrapping_mul(swar::splat(1)) >> 56) as usize
}

/// Moves the cursor `(chars, byte)` back to code point `target` (at most
/// `chars`, so never before the text's start).
fn back(text: &[u8], mut chars: usize, mut byte: usize, target: usize) -> (usize, usize) {
    while chars > target {
        if chars - target >= 8
            && let Some(w) = byte.checked_sub(8).and_then(|b| swar::load(text, b))
            && swar::non_ascii(w) == 0
        {
            (chars, byte) = (chars - 8, byte - 8);
            continue;
        }
        byte -= 1;
        while text[byte] & 0xC0 == 0x80 {
            byte -= 1;
        }
        chars -= 1;
    }
    (chars, byte)
}

/// Timeline rows spilled by month during a run.
///
/// A month's rows are held in memory until all months together pass
/// a budget (8 MiB) of bytes; then every month is appended to its own file
/// and emptied. A small run (1,000 generated articles) never touches the disk:
/// one file per month (hundreds, as dates reach back decades) cost more
/// in file creation and removal than the rows themselves (7% of the CPU
/// of a 1,000-article run).
pub struct TimelineSpill {
    dir: PathBuf,
    /// Each month's rows not yet on disk, and whether it has a file.
    months: BTreeMap<String, Month>,
    /// Bytes held in `months`' buffers.
    held: usize,
    /// Bytes held before they go to disk ([`SPILL_BUDGET`] but in tests).
    budget: usize,
}

/// One month of a [`TimelineSpill`].
struct Month {
    buffered: Vec<u8>,
    on_disk: bool,
}

/// A month's spill file in `dir`.
fn month_path(dir: &Path, month: &str) -> PathBuf {
    dir.join(format!("{month}.rows"))
}

/// Bytes of spilled rows held in memory before they go to the months'
/// files.
const SPILL_BUDGET: usize = 8 << 20;

impl TimelineSpill {
    /// Spills into `dir` (inside the run's staging folder, created when
    /// the rows first outgrow memory, removed by
    /// [`TimelineSpill::finish`]).
    pub fn create(dir: &Path) -> Result<TimelineSpill> {
        Ok(TimelineSpill {
            dir: dir.to_path_buf(),
            months: BTreeMap::new(),
            held: 0,
            budget: SPILL_BUDGET,
        })
    }

    fn path(&self, month: &str) -> PathBuf {
        month_path(&self.dir, month)
    }

    /// Appends bytes to a month's rows, moving every month's rows to disk
    /// when memory holds more than the budget.
    fn append(&mut self, month: &str, bytes: &[u8]) -> Result<()> {
        match self.months.get_mut(month) {
            Some(m) => m.buffered.extend_from_slice(bytes),
            None => {
                let m = Month {
                    buffered: bytes.to_vec(),
                    on_disk: false,
                };
                self.months.insert(month.to_string(), m);
            }
        }
        self.held += bytes.len();
        if self.held > self.budget {
            self.flush()?;
        }
        Ok(())
    }

    /// Appends every month's buffered rows to its file.
    fn flush(&mut self) -> Result<()> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("creating the timeline spill '{}'", self.dir.display()))?;
        for (name, month) in &mut self.months {
            if month.buffered.is_empty() {
                continue;
            }
            let path = month_path(&self.dir, name);
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .context("opening the timeline spill")?;
            file.write_all(&month.buffered)
                .context("writing the timeline spill")?;
            month.on_disk = true;
            // the buffer's memory goes back: a month rarely fills it again
            month.buffered = Vec::new();
        }
        self.held = 0;
        Ok(())
    }

    /// Adds one batch's `articles` and `events` (contract columns);
    /// `rows` are the articles' indices in `families` (which already holds
    /// them).
    pub fn add_batch(
        &mut self,
        articles: &DataFrame,
        events: &DataFrame,
        families: &Families,
        rows: &[Option<u32>],
    ) -> Result<()> {
        if events.height() == 0 {
            return Ok(());
        }
        let text = |name: &str| -> Result<&StringChunked> { Ok(articles.column(name)?.str()?) };
        let (texts, dups) = (text("text")?, text("duplicate_of")?);
        // article id → its row in this batch (an article's events are all here)
        let by_id: FastMap<&str, usize> = text("article_id")?
            .iter()
            .enumerate()
            .filter_map(|(i, id)| Some((id?, i)))
            .collect();
        let ev = |name: &str| -> Result<&StringChunked> { Ok(events.column(name)?.str()?) };
        let dates = events.column("date")?.cast(&DataType::Int32)?;
        let dates = dates.i32()?;
        let starts = events.column("start")?.cast(&DataType::Int32)?;
        let ends = events.column("end")?.cast(&DataType::Int32)?;
        let (starts, ends) = (starts.i32()?, ends.i32()?);
        let copied = [
            "date_value",
            "event_id",
            "article_id",
            "type",
            "mode",
            "quad_class",
            "status",
            "source",
            "target",
            "source_country",
            "target_country",
            "trigger",
        ]
        .map(&ev);
        // columns read once in order (a lookup by row costs a chunk search)
        let (texts, dups): (Vec<_>, Vec<_>) = texts.iter().zip(dups.iter()).unzip();
        let event_columns = ev("article_id")?
            .iter()
            .zip(dates.iter())
            .zip(starts.iter().zip(ends.iter()));
        // rows per month, in event order
        let mut months: BTreeMap<MonthKey, Vec<SpillRow>> = BTreeMap::new();
        let mut chars = CharIndex::default();
        for (i, ((article, event_date), (start, end))) in event_columns.enumerate() {
            let Some(&j) = article.and_then(|a| by_id.get(a)) else {
                continue;
            };
            let root_day = rows[j].and_then(|a| families.root_published(a));
            let date = event_date.or(root_day);
            let origin = if event_date.is_some() {
                Some("event")
            } else {
                root_day.map(|_| "publication")
            };
            let evidence = match (texts[j], start, end) {
                (Some(t), Some(s), Some(e)) => Some(chars.slice(j, t, s, e)),
                _ => None,
            };
            months.entry(month_key(date)).or_default().push(SpillRow {
                event: i,
                date,
                origin,
                evidence,
                duplicate_of: dups[j],
                start,
            });
        }
        // each copied column read once in order (a lookup by row searches
        // the chunks: 12 per event)
        let copied = copied
            .into_iter()
            .map(|c| Ok(c?.iter().collect()))
            .collect::<Result<Vec<Vec<Option<&str>>>>>()?;
        let mut bytes = Vec::new();
        for (m, rows) in months {
            bytes.clear();
            for r in &rows {
                encode(&mut bytes, r, &copied);
            }
            self.append(&month_name(m), &bytes)?;
        }
        Ok(())
    }

    /// A month's rows in the order they came: the file holds the earlier
    /// ones, the buffer the rest (borrowed when the month never left
    /// memory).
    fn month_bytes<'m>(&self, name: &str, month: &'m Month) -> Result<Cow<'m, [u8]>> {
        if !month.on_disk {
            return Ok(Cow::Borrowed(&month.buffered));
        }
        let mut bytes = std::fs::read(self.path(name)).context("reading the timeline spill")?;
        bytes.extend_from_slice(&month.buffered);
        Ok(Cow::Owned(bytes))
    }

    /// Writes the sorted timeline into `parquet`/`csv` (either may be
    /// absent) and removes the spill; returns its rows.
    pub fn finish(self, parquet: Option<&Path>, csv: Option<&Path>) -> Result<u64> {
        let mut out = TableFiles::create(&TIMELINE, parquet, csv)?;
        let mut n = 0u64;
        // `YYYY-MM` in date order, `unknown` (undated) last
        for (name, month) in &self.months {
            let bytes = self.month_bytes(name, month)?;
            let mut rows = decode(&bytes)?;
            // by date (undated last), article, position, event id
            rows.sort_unstable_by(|a, b| sort_key(a).cmp(&sort_key(b)));
            for chunk in rows.chunks(ROW_GROUP_ROWS) {
                out.push(&timeline_frame(chunk)?)?;
            }
            n += rows.len() as u64;
        }
        out.finish()?;
        if self.months.values().any(|m| m.on_disk) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_keys_name_and_order_months_as_the_formatted_dates_do() {
        let formatted = |day: Option<i32>| {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
            day.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(d.into())))
                .map_or_else(|| "unknown".to_string(), |d| d.format("%Y-%m").to_string())
        };
        // 1900 to 2100 by odd steps, month edges, undated, out of range
        let mut days: Vec<Option<i32>> = (-25_567..47_482).step_by(13).map(Some).collect();
        days.extend([None, Some(0), Some(-1), Some(31), Some(59), Some(i32::MAX)]);
        for &d in &days {
            assert_eq!(month_name(month_key(d)), formatted(d), "{d:?}");
        }
        for w in days.windows(2) {
            let (a, b) = (month_key(w[0]), month_key(w[1]));
            assert_eq!(a.cmp(&b), formatted(w[0]).cmp(&formatted(w[1])), "{w:?}");
        }
    }

    #[test]
    fn spilled_rows_read_back_as_written_in_the_contract_types() {
        // 12 copied columns, nulls and multi-byte texts among them
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
        let columns: Vec<StringChunked> = names
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let v = [
                    (k % 3 != 0).then(|| format!("{n}é{k}")),
                    (k % 2 == 0).then(String::new),
                ];
                StringChunked::from_iter_options((*n).into(), v.into_iter())
            })
            .collect();
        let copied: Vec<Vec<Option<&str>>> = columns.iter().map(|c| c.iter().collect()).collect();
        let rows = [
            SpillRow {
                event: 0,
                date: Some(19_000),
                origin: Some("event"),
                evidence: Some("le « non » 🙂"),
                duplicate_of: None,
                start: Some(7),
            },
            SpillRow {
                event: 1,
                date: None,
                origin: None,
                evidence: None,
                duplicate_of: Some("x"),
                start: None,
            },
        ];
        let mut bytes = Vec::new();
        for r in &rows {
            encode(&mut bytes, r, &copied);
        }
        let back = decode(&bytes).unwrap();
        assert_eq!(back.len(), rows.len());
        for (r, b) in rows.iter().zip(&back) {
            assert_eq!((b.date, b.origin, b.start), (r.date, r.origin, r.start));
            for (k, c) in copied.iter().enumerate() {
                assert_eq!(b.texts[k], c[r.event], "field {k}");
            }
            assert_eq!(b.texts[12], r.evidence);
            assert_eq!(b.texts[13], r.duplicate_of);
        }
        assert!(decode(&bytes[..bytes.len() - 1]).is_err(), "a cut spill");
        let df = timeline_frame(&back).unwrap();
        assert_eq!(**df.schema(), crate::output::files::table_schema(&TIMELINE));
    }

    #[test]
    fn months_read_back_whole_whether_held_in_memory_or_moved_to_disk() {
        let dir = tempfile::tempdir().unwrap();
        let parts: [(&str, &[u8]); 5] = [
            ("2024-03", b"abc"),
            ("unknown", b"u1"),
            ("2024-03", b"defgh"),
            ("1999-12", b"old"),
            ("2024-03", b"ij"),
        ];
        let read_all = |budget: usize| {
            let mut spill = TimelineSpill::create(&dir.path().join(budget.to_string())).unwrap();
            spill.budget = budget;
            for (month, bytes) in parts {
                spill.append(month, bytes).unwrap();
            }
            assert!(spill.held <= budget, "{budget}: {}", spill.held);
            let on_disk = spill.months.values().filter(|m| m.on_disk).count();
            let months: Vec<(String, Vec<u8>)> = spill
                .months
                .iter()
                .map(|(n, m)| (n.clone(), spill.month_bytes(n, m).unwrap().into_owned()))
                .collect();
            (months, on_disk)
        };
        let (in_memory, none) = read_all(1 << 20);
        assert_eq!(none, 0, "a small spill stays in memory");
        assert!(!dir.path().join((1 << 20).to_string()).exists());
        // a budget of 4 bytes moves the months to disk after most appends
        let (moved, some) = read_all(4);
        assert_eq!(some, 3);
        assert_eq!(moved, in_memory);
        let names: Vec<&str> = in_memory.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["1999-12", "2024-03", "unknown"]);
        assert_eq!(in_memory[1].1, b"abcdefghij");
    }

    /// The slice the old per-character index gave.
    fn by_index(text: &str, start: i32, end: i32) -> &str {
        let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        offsets.push(text.len());
        let n = offsets.len() - 1;
        let s = (start.max(0) as usize).min(n);
        let e = (end.max(0) as usize).clamp(s, n);
        &text[offsets[s]..offsets[e]]
    }

    #[test]
    fn code_point_slices_equal_an_index_of_every_character() {
        let texts = [
            "",
            "plain ASCII text",
            "Le président malien a déclaré « non » à Bamako.",
            "日本語とÉmojis 🙂 mêlés",
            // ASCII runs of eight and more between wide characters
            "A long ASCII run, then é, then ASCII again, 日本 and ASCII to the end",
        ];
        // spans in and out of order, overlapping, empty, past the end, negative
        let spans = [
            (0, 5),
            (3, 9),
            (2, 4),
            (10, 60),
            (7, 7),
            (9, 3),
            (-2, 4),
            (40, 45),
            (0, 0),
        ];
        // every span of a text mixing one- to four-byte characters, walked
        // forwards from one cursor
        let mixed = "ab é 日本 🙂 x ÀÉÎ long ASCII run 🙂🙂 é";
        let n = mixed.chars().count() as i32;
        let mut index = CharIndex::default();
        for s in 0..=n + 1 {
            for e in s..=n + 1 {
                assert_eq!(
                    index.slice(99, mixed, s, e),
                    by_index(mixed, s, e),
                    "{s}..{e}"
                );
            }
        }
        for (j, text) in texts.iter().enumerate() {
            let mut index = CharIndex::default();
            for &(s, e) in &spans {
                assert_eq!(
                    index.slice(j, text, s, e),
                    by_index(text, s, e),
                    "{text:?} {s}..{e}"
                );
            }
        }
    }
}
