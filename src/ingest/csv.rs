//! CSV files (`.csv`): a header row naming the fields (`id`, `url`,
//! `title`, `text`/`body`/`content`, `date`/`published`, `lang`; other
//! columns are ignored), then one article per record. Quoted fields may
//! span lines; the delimiter (`,`, `;` or tab) is guessed from the header.
//!
//! Records are parsed with `csv-core`, the csv crate's own parser, driven
//! here so that a record over the size limit (or an unclosed quote that
//! swallows the rest of the file) is skipped without being stored: a file of
//! any size takes the memory of one record.

use std::io::{self, BufRead};

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::decode::decode_guessed;
use super::jsonl::RECORD_SLACK;
use super::meta::{Fields, Slot, too_big};
use super::stream::{Item, Records, read_error};
use super::{Limits, Reject};

/// More fields than this in one record is not an article table.
const MAX_FIELDS: usize = 65_536;

/// The records of a CSV stream.
pub(crate) struct CsvRecords {
    rel: String,
    input: Box<dyn BufRead + Send>,
    limits: Limits,
    core: Reader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    columns: Option<Vec<Option<Slot>>>,
    gz: bool,
    done: bool,
}

/// One record as read: where it starts, its field count, its size.
struct RecordRead {
    line: u64,
    n_fields: usize,
    bytes: u64,
    oversize: bool,
}

impl CsvRecords {
    /// Reads `input` (UTF-8, after any byte-order mark).
    pub fn new(rel: &str, mut input: Box<dyn BufRead + Send>, limits: Limits, gz: bool) -> Self {
        let delimiter = input.fill_buf().map(guess_delimiter).unwrap_or(b',');
        CsvRecords {
            rel: rel.to_string(),
            input,
            limits,
            core: ReaderBuilder::new().delimiter(delimiter).build(),
            fields: vec![0; 1024],
            ends: vec![0; 32],
            columns: None,
            gz,
            done: false,
        }
    }

    /// Reads the next record into `fields`/`ends`; `None` at the end.
    fn read_record(&mut self, cap: usize) -> io::Result<Option<RecordRead>> {
        // Blank lines between records are skipped here so that `line` is the
        // line the record starts on.
        loop {
            let chunk = self.input.fill_buf()?;
            let len = chunk.len();
            let n = chunk
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            let newlines = chunk[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            self.core.set_line(self.core.line() + newlines);
            self.input.consume(n);
            if n < len || len == 0 {
                break;
            }
        }
        let line = self.core.line();
        let (mut outlen, mut endlen, mut bytes, mut oversize) = (0, 0, 0u64, false);
        // where an oversize record is parsed to its end; zeroed only then
        let (mut scratch, mut scratch_ends) = (Vec::new(), Vec::new());
        loop {
            let chunk = self.input.fill_buf()?;
            let at_eof = chunk.is_empty();
            let (res, nin, nout, nend) = if oversize {
                // Past the limit: parse on to the record's end, keep nothing.
                scratch.resize(4096, 0);
                scratch_ends.resize(64, 0);
                self.core
                    .read_record(chunk, &mut scratch, &mut scratch_ends)
            } else {
                self.core
                    .read_record(chunk, &mut self.fields[outlen..], &mut self.ends[endlen..])
            };
            self.input.consume(nin);
            bytes += nin as u64;
            if !oversize {
                outlen += nout;
                endlen += nend;
            }
            match res {
                ReadRecordResult::InputEmpty if at_eof => return Ok(None),
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if !oversize => {
                    if self.fields.len() >= cap {
                        oversize = true;
                    } else {
                        let grown = (self.fields.len() * 2).min(cap);
                        self.fields.resize(grown, 0);
                    }
                }
                ReadRecordResult::OutputEndsFull if !oversize => {
                    if self.ends.len() >= MAX_FIELDS {
                        oversize = true;
                    } else {
                        self.ends.resize(self.ends.len() * 2, 0);
                    }
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => {
                    return Ok(Some(RecordRead {
                        line,
                        n_fields: endlen,
                        bytes,
                        oversize,
                    }));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Field `i` of the record just read, decoded.
    fn field(&self, i: usize) -> String {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let bytes = self.fields.get(start..self.ends[i]).unwrap_or_default();
        decode_guessed(bytes)
    }

    fn header(&mut self, r: &RecordRead) -> Option<Item> {
        let names: Vec<String> = (0..r.n_fields).map(|i| self.field(i)).collect();
        let columns: Vec<Option<Slot>> = names.iter().map(|n| Slot::of(n)).collect();
        if r.oversize || !columns.iter().any(|c| matches!(c, Some(Slot::Text(_)))) {
            self.done = true;
            let mut shown: Vec<&str> = names.iter().take(12).map(|s| s.trim()).collect();
            if names.len() > shown.len() {
                shown.push("...");
            }
            return Some(Err(Reject::new(
                format!("{}#{}", self.rel, r.line),
                "ingest",
                format!(
                    "CSV header has no text, body or content column (columns: {})",
                    shown.join(", ")
                ),
            )));
        }
        self.columns = Some(columns);
        None
    }

    fn article(&self, r: &RecordRead) -> Item {
        let at = format!("{}#{}", self.rel, r.line);
        if r.oversize {
            return Err(Reject::new(
                at,
                "ingest",
                too_big("record", r.bytes, self.limits),
            ));
        }
        let mut f = Fields::default();
        let columns = self.columns.as_deref().unwrap_or_default();
        for (i, slot) in columns.iter().enumerate().take(r.n_fields) {
            if let Some(slot) = slot {
                f.set(*slot, self.field(i));
            }
        }
        f.into_article(&at, &at, self.limits)
    }
}

impl Records for CsvRecords {
    fn next_record(&mut self) -> Option<Item> {
        let cap = self.limits.max_article_bytes.saturating_add(RECORD_SLACK);
        while !self.done {
            let r = match self.read_record(cap) {
                Ok(Some(r)) => r,
                Ok(None) => break,
                Err(e) => {
                    self.done = true;
                    let at = format!("{}#{}", self.rel, self.core.line());
                    return Some(Err(read_error(&at, &e, self.gz)));
                }
            };
            if self.columns.is_none() {
                if let Some(reject) = self.header(&r) {
                    return Some(reject);
                }
                continue;
            }
            return Some(self.article(&r));
        }
        self.done = true;
        None
    }
}

/// The delimiter used most often (outside quotes) in the first line.
fn guess_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::stream::testing::{assert_cases, small_reads, summary};

    fn run(input: &str, limits: Limits) -> Vec<String> {
        summary(&mut CsvRecords::new(
            "f.csv",
            small_reads(input),
            limits,
            false,
        ))
    }

    /// (name, input, expected outcomes as prefixes)
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "quoted multi-line french",
            "id,Title,text,date\n1,Sommet,\"Premier paragraphe.\nSecond « paragraphe », ici.\",2024-11\n\
             2,,\"He said \"\"no\"\".\",\n",
            &[
                "ok 1 \"Premier paragraphe.\\nSecond « paragraphe », ici.\" Some(\"Sommet\")",
                "ok 2 \"He said \\\"no\\\".\" None",
            ],
        ),
        (
            "semicolons, crlf, blank lines, missing text",
            "url;body\r\n\r\nhttps://ex.org/1;Le texte.\r\nhttps://ex.org/2;\r\n;Sans url.",
            &[
                "ok https://ex.org/1 \"Le texte.\"",
                "reject f.csv#4 record has no text",
                "ok f.csv#5 \"Sans url.\"",
            ],
        ),
        (
            "no text column",
            "id,title,summary\n1,A,B\n",
            &[
                "reject f.csv#1 CSV header has no text, body or content column (columns: id, title, summary)",
            ],
        ),
        ("header only", "id,content\n", &[]),
        (
            "short row",
            "content,title\nShort row only.\n",
            &["ok f.csv#2 \"Short row only.\" None"],
        ),
    ];

    #[test]
    fn reads_csv_records() {
        assert_cases(CASES, |input| run(input, Limits::default()));
    }

    #[test]
    fn oversize_record_and_unclosed_quote() {
        let big = "x".repeat(RECORD_SLACK + 200);
        let input = format!("text\n\"{big}\"\nsuivant\n\"unclosed {big}\nrest\n");
        let got = run(
            &input,
            Limits {
                max_article_bytes: 100,
            },
        );
        assert_eq!(got.len(), 3, "{got:#?}");
        assert!(
            got[0].starts_with("reject f.csv#2 record is 65739 bytes"),
            "{}",
            got[0]
        );
        assert!(got[1].starts_with("ok f.csv#3 \"suivant\""), "{}", got[1]);
        assert!(got[2].starts_with("reject f.csv#4 record is"), "{}", got[2]);
    }

    #[test]
    fn delimiters() {
        let cases: [(&[u8], u8); 4] = [
            (b"id,text\n", b','),
            (b"id;text;\"a,b,c\"\n1,2,3,4,5", b';'),
            (b"id\ttext\n", b'\t'),
            (b"text", b','),
        ];
        for (head, want) in cases {
            assert_eq!(
                guess_delimiter(head),
                want,
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }
}
