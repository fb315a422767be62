//! JSON Lines (`.jsonl`): one JSON object per line, read line by line so a
//! file of any size takes the memory of one record.
//!
//! A line that is not JSON, not an object, has no text or is over the size
//! limit becomes a reject named `FILE#LINE`; the next line is read anyway.

use std::io::{self, BufRead};

use super::decode::decode_guessed;
use super::meta::{Fields, too_big};
use super::stream::{Item, Records, read_error};
use super::{Limits, Reject};

/// Extra room a record may take beyond the article limit (its metadata and
/// JSON escapes); the text itself is held to the limit.
pub(crate) const RECORD_SLACK: usize = 64 * 1024;

/// The records of a JSON Lines stream.
pub(crate) struct JsonLines {
    rel: String,
    input: Box<dyn BufRead + Send>,
    limits: Limits,
    line_no: u64,
    buf: Vec<u8>,
    gz: bool,
    done: bool,
}

impl JsonLines {
    /// Reads `input` (UTF-8, after any byte-order mark).
    pub fn new(rel: &str, input: Box<dyn BufRead + Send>, limits: Limits, gz: bool) -> Self {
        JsonLines {
            rel: rel.to_string(),
            input,
            limits,
            line_no: 0,
            buf: Vec::new(),
            gz,
            done: false,
        }
    }
}

impl Records for JsonLines {
    fn next_record(&mut self) -> Option<Item> {
        let cap = self.limits.max_article_bytes.saturating_add(RECORD_SLACK);
        while !self.done {
            let len = match read_line_capped(&mut self.input, &mut self.buf, cap) {
                Ok(Some(len)) => len,
                Ok(None) => break,
                Err(e) => {
                    self.done = true;
                    let at = format!("{}#{}", self.rel, self.line_no + 1);
                    return Some(Err(read_error(&at, &e, self.gz)));
                }
            };
            self.line_no += 1;
            let at = format!("{}#{}", self.rel, self.line_no);
            if len > cap as u64 {
                return Some(Err(Reject::new(
                    at,
                    "ingest",
                    too_big("record", len, self.limits),
                )));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_object(&self.buf, &at, &at, self.limits));
        }
        self.done = true;
        None
    }
}

/// Parses one JSON object record into an article. `source` names the
/// article when it has no `id` or `url`; `at` names it in rejects.
pub(crate) fn parse_object(bytes: &[u8], source: &str, at: &str, limits: Limits) -> Item {
    // Valid UTF-8 (nearly every record) is checked once, with SIMD, and
    // parsed as text: serde_json then does not check each string again.
    let parsed = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => serde_json::from_str::<serde_json::Value>(text),
        Err(_) => match serde_json::from_slice::<serde_json::Value>(bytes) {
            // A record in a legacy encoding inside an otherwise UTF-8 file.
            Err(e) if e.is_syntax() => serde_json::from_str(&decode_guessed(bytes)),
            other => other,
        },
    };
    match parsed {
        Ok(serde_json::Value::Object(map)) => {
            Fields::from_json(map).into_article(source, at, limits)
        }
        Ok(other) => Err(Reject::new(
            at,
            "ingest",
            format!("record is a JSON {}, not an object", json_kind(&other)),
        )),
        Err(e) => Err(Reject::new(
            at,
            "ingest",
            format!("invalid JSON: {}", json_error(&e)),
        )),
    }
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}

/// serde_json's message with its position given as a column of the record
/// (its "line 1" would be misread as a line of the file).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match msg.strip_suffix(&suffix) {
        Some(m) if e.line() <= 1 => format!("{m} (column {})", e.column()),
        _ => msg,
    }
}

/// Reads one line (without its `\n` or `\r\n`) into `buf`, keeping at most
/// `cap` bytes: a longer line is consumed to its end but not stored.
/// Returns the line's full length, or `None` at the end of the input.
pub(crate) fn read_line_capped(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<u64>> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (piece, used, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        len += piece.len() as u64;
        if len <= cap as u64 {
            buf.extend_from_slice(piece);
        } else {
            buf.clear();
        }
        input.consume(used);
        if end {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
        len -= 1;
    }
    Ok(Some(len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::stream::testing::{assert_cases, small_reads, summary};

    fn run(input: &str, limits: Limits) -> Vec<String> {
        summary(&mut JsonLines::new(
            "f.jsonl",
            small_reads(input),
            limits,
            false,
        ))
    }

    /// (name, input, expected outcomes as prefixes)
    const CASES: &[(&str, &str, &[&str])] = &[(
        "good, blank, invalid, non-object and text-less lines",
        concat!(
            "{\"id\": \"a\", \"text\": \"Le gouvernement a démissionné.\", \"lang\": \"fr\"}\n",
            "\n",
            "{not json}\r\n",
            "[1, 2]\n",
            "{\"title\": \"No body\"}\n",
            "{\"url\": \"https://ex.org/b\", \"body\": \"Parliament voted.\", \"date\": \"2024-11\"}\r\n",
            "{\"content\": \"Sans identifiant.\"}"
        ),
        &[
            "ok a \"Le gouvernement a démissionné.\"",
            "reject f.jsonl#3 invalid JSON: key must be a string (column 2)",
            "reject f.jsonl#4 record is a JSON array, not an object",
            "reject f.jsonl#5 record has no text",
            "ok https://ex.org/b \"Parliament voted.\"",
            "ok f.jsonl#7 \"Sans identifiant.\"",
        ],
    )];

    #[test]
    fn reads_records_and_rejects_bad_lines() {
        assert_cases(CASES, |input| run(input, Limits::default()));
    }

    #[test]
    fn an_oversize_line_is_skipped_not_stored() {
        let limits = Limits {
            max_article_bytes: 16,
        };
        let x = "x".repeat(RECORD_SLACK + 100);
        let got = run(
            &format!("{{\"text\": \"{x}\"}}\n{{\"text\": \"court\"}}\n"),
            limits,
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].starts_with("reject f.jsonl#1 record is 65648 bytes, over the 16-byte limit"),
            "{}",
            got[0]
        );
        assert_eq!(got[1], "ok f.jsonl#2 \"court\" None");
    }

    #[test]
    fn a_latin1_line_in_a_utf8_file_is_decoded() {
        let mut bytes = b"{\"text\": \"caf".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(b" cr\xE8me\"}\n");
        let a = parse_object(&bytes, "s", "s", Limits::default()).unwrap();
        assert_eq!(a.text, "café crème");
    }
}
