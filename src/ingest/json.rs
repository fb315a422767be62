//! JSON files (`.json`): one article object, or an array of them.
//!
//! Arrays are split into their elements by a small scanner (strings,
//! escapes and nesting depth) before each element is parsed, so a file of
//! any size takes the memory of one element, and an element that is not
//! valid JSON is rejected (`FILE#INDEX`, 0-based) while the next is read.
//! Only a break in the array's own structure stops the file.

use std::io::{self, BufRead};

use super::jsonl::{RECORD_SLACK, parse_object};
use super::meta::too_big;
use super::stream::{Item, Records, read_error};
use super::{Limits, Reject};

/// The records of a `.json` stream.
pub(crate) struct JsonValues {
    rel: String,
    input: Box<dyn BufRead + Send>,
    limits: Limits,
    state: State,
    index: u64,
    offset: u64,
    buf: Vec<u8>,
    gz: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    FirstElement,
    NextElement,
    AfterTop,
    Done,
}

impl JsonValues {
    /// Reads `input` (UTF-8, after any byte-order mark).
    pub fn new(rel: &str, input: Box<dyn BufRead + Send>, limits: Limits, gz: bool) -> Self {
        JsonValues {
            rel: rel.to_string(),
            input,
            limits,
            state: State::Start,
            index: 0,
            offset: 0,
            buf: Vec::new(),
            gz,
        }
    }

    fn structure_error(&mut self, what: &str) -> Option<Item> {
        self.state = State::Done;
        Some(Err(Reject::new(
            &self.rel,
            "ingest",
            format!("invalid JSON at byte {}: {what}", self.offset),
        )))
    }

    fn step(&mut self) -> io::Result<Option<Item>> {
        let cap = self.limits.max_article_bytes.saturating_add(RECORD_SLACK);
        loop {
            let next = self.skip_ws()?;
            match (self.state, next) {
                (State::Done, _) => return Ok(None),
                (State::Start, None) => return Ok(self.finish()),
                (State::Start, Some(b'[')) => {
                    self.bump();
                    self.state = State::FirstElement;
                }
                (State::Start, Some(b'{')) => {
                    let len = self.value(cap)?;
                    self.state = State::AfterTop;
                    return Ok(Some(self.element(len, cap, None)));
                }
                (State::Start, Some(_)) => {
                    return Ok(
                        self.structure_error("a .json file holds an object or an array of objects")
                    );
                }
                (State::FirstElement | State::NextElement, Some(b']')) => {
                    self.bump();
                    self.state = State::AfterTop;
                }
                (State::NextElement, Some(b',')) => {
                    self.bump();
                    self.state = State::FirstElement;
                    // `[a, ]`: a trailing comma is tolerated.
                    if self.skip_ws()? == Some(b']') {
                        continue;
                    }
                    return Ok(Some(self.next_element(cap)?));
                }
                (State::FirstElement, Some(_)) => return Ok(Some(self.next_element(cap)?)),
                (State::NextElement, Some(c)) => {
                    return Ok(self.structure_error(&format!(
                        "expected ',' or ']' after element {}, found {:?}",
                        self.index.saturating_sub(1),
                        char::from(c)
                    )));
                }
                (State::FirstElement | State::NextElement, None) => {
                    return Ok(self.structure_error("the file ends inside the array"));
                }
                (State::AfterTop, None) => return Ok(self.finish()),
                (State::AfterTop, Some(_)) => {
                    return Ok(self.structure_error(
                        "data after the top-level value (for one object per line, name the file .jsonl)",
                    ));
                }
            }
        }
    }

    fn finish(&mut self) -> Option<Item> {
        self.state = State::Done;
        None
    }

    fn next_element(&mut self, cap: usize) -> io::Result<Item> {
        let len = self.value(cap)?;
        let index = self.index;
        self.index += 1;
        self.state = State::NextElement;
        Ok(self.element(len, cap, Some(index)))
    }

    /// Turns the scanned value in `buf` into an article or a reject.
    fn element(&mut self, len: Scan, cap: usize, index: Option<u64>) -> Item {
        let at = match index {
            Some(i) => format!("{}#{i}", self.rel),
            None => self.rel.clone(),
        };
        match len {
            Scan::Incomplete => {
                self.state = State::Done;
                Err(Reject::new(
                    at,
                    "ingest",
                    "invalid JSON: the file ends inside this value",
                ))
            }
            Scan::Complete(n) if n > cap as u64 => {
                Err(Reject::new(at, "ingest", too_big("record", n, self.limits)))
            }
            Scan::Complete(_) => parse_object(&self.buf, &at, &at, self.limits),
        }
    }

    fn bump(&mut self) {
        self.input.consume(1);
        self.offset += 1;
    }

    /// Skips whitespace; returns the next byte without consuming it.
    fn skip_ws(&mut self) -> io::Result<Option<u8>> {
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let n = chunk.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let next = chunk.get(n).copied();
            self.input.consume(n);
            self.offset += n as u64;
            if next.is_some() {
                return Ok(next);
            }
        }
    }

    /// Scans one JSON value into `buf` (at most `cap` bytes are kept).
    fn value(&mut self, cap: usize) -> io::Result<Scan> {
        self.buf.clear();
        let mut scanner = Scanner::default();
        let mut len: u64 = 0;
        loop {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if scanner.complete_at_eof() {
                    Scan::Complete(len)
                } else {
                    Scan::Incomplete
                });
            }
            let (used, ended) = scanner.feed(chunk);
            len += used as u64;
            if len <= cap as u64 {
                self.buf.extend_from_slice(&chunk[..used]);
            } else {
                self.buf.clear();
            }
            self.input.consume(used);
            self.offset += used as u64;
            if ended {
                return Ok(Scan::Complete(len));
            }
        }
    }
}

impl Records for JsonValues {
    fn next_record(&mut self) -> Option<Item> {
        match self.step() {
            Ok(item) => item,
            Err(e) => {
                self.state = State::Done;
                Some(Err(read_error(&self.rel, &e, self.gz)))
            }
        }
    }
}

/// The extent of one scanned value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The value ended after this many bytes.
    Complete(u64),
    /// The input ended first.
    Incomplete,
}

/// Finds where a JSON value ends without parsing it: tracks strings,
/// escapes and bracket depth. Mismatched brackets are left to serde_json.
#[derive(Debug, Default)]
struct Scanner {
    depth: usize,
    in_string: bool,
    escaped: bool,
    started: bool,
}

impl Scanner {
    /// Consumes bytes of `chunk`; returns how many belong to the value and
    /// whether the value ended within them.
    fn feed(&mut self, chunk: &[u8]) -> (usize, bool) {
        let mut i = 0;
        while i < chunk.len() {
            let b = chunk[i];
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                } else {
                    // Jump over plain string bytes, the bulk of an article.
                    let plain =
                        memchr::memchr2(b'"', b'\\', &chunk[i..]).unwrap_or(chunk.len() - i);
                    i += plain.max(1);
                    continue;
                }
                i += 1;
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.started = true;
                }
                b'{' | b'[' => {
                    self.depth += 1;
                    self.started = true;
                }
                b'}' | b']' if self.depth == 0 => return (i, true),
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                b',' if self.depth == 0 => return (i, true),
                c if c.is_ascii_whitespace() && self.depth == 0 && self.started => {
                    return (i, true);
                }
                _ => self.started = true,
            }
            i += 1;
        }
        (chunk.len(), false)
    }

    /// A bare scalar may end with the input; a container or string may not.
    fn complete_at_eof(&self) -> bool {
        self.started && self.depth == 0 && !self.in_string
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::stream::testing::{assert_cases, small_reads, summary};

    fn run(input: &str, limits: Limits) -> Vec<String> {
        summary(&mut JsonValues::new(
            "f.json",
            small_reads(input),
            limits,
            false,
        ))
    }

    /// (name, input, expected outcomes as prefixes)
    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "single object",
            r#" {"title": "Sommet", "text": "Les chefs d'État se sont réunis.", "date": "2024-11-28"} "#,
            &["ok f.json \"Les chefs d'État se sont réunis.\""],
        ),
        (
            "array with bad elements",
            r#"[{"id": 7, "text": "Talks \"resumed\" [today]."}, {"text": 1,}, "str",
               {"body": "Deuxième {texte}."}, {"title": "sans texte"},]"#,
            &[
                r#"ok 7 "Talks \"resumed\" [today].""#,
                "reject f.json#1 invalid JSON",
                "reject f.json#2 record is a JSON string",
                "ok f.json#3 \"Deuxième {texte}.\"",
                "reject f.json#4 record has no text",
            ],
        ),
        ("empty array", " [ ] ", &[]),
        (
            "missing comma stops the file",
            r#"[{"text": "Un."} {"text": "Deux."}]"#,
            &[
                "ok f.json#0 \"Un.\"",
                "reject f.json invalid JSON at byte 17: expected ','",
            ],
        ),
        (
            "truncated array",
            r#"[{"text": "Un."}, {"text": "De"#,
            &[
                "ok f.json#0 \"Un.\"",
                "reject f.json#1 invalid JSON: the file ends",
            ],
        ),
        (
            "json lines in a .json file",
            "{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n",
            &[
                "ok f.json \"One.\"",
                "reject f.json invalid JSON at byte 17: data after",
            ],
        ),
        (
            "scalar top level",
            "42",
            &["reject f.json invalid JSON at byte 0: a .json file holds"],
        ),
    ];

    #[test]
    fn reads_objects_and_arrays() {
        assert_cases(CASES, |input| run(input, Limits::default()));
    }

    #[test]
    fn an_oversize_element_is_skipped() {
        let input = format!(
            r#"[{{"text": "{}"}}, {{"text": "ok"}}]"#,
            "é".repeat(RECORD_SLACK)
        );
        let got = run(
            &input,
            Limits {
                max_article_bytes: 8,
            },
        );
        assert_eq!(got.len(), 2, "{got:#?}");
        assert!(
            got[0].starts_with("reject f.json#0 record is"),
            "{}",
            got[0]
        );
        assert_eq!(got[1], "ok f.json#1 \"ok\" None");
    }
}
