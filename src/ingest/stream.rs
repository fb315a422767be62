//! [`ArticleStream`]: one input file read article by article.
//!
//! The reader stack is: file → byte counter and XXH3 digest of the bytes on
//! disk → gzip decoder (`.gz`) → encoding (UTF-8 passes through; UTF-16 and
//! legacy encodings are transcoded) → the format's reader. Record formats
//! (JSON Lines, JSON, CSV) yield one record at a time; text and HTML files
//! are read whole, capped at [`Limits::max_article_bytes`].

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use flate2::read::MultiGzDecoder;
use xxhash_rust::xxh3::Xxh3;

use super::csv::CsvRecords;
use super::decode::{SNIFF_BYTES, Transcode, decode_all, sniff};
use super::json::JsonValues;
use super::jsonl::JsonLines;
use super::meta::too_big;
use super::{Format, InputFile, Limits, RawArticle, Reject, html, txt};

/// One article, or why a record or the file could not be used.
pub type Item = Result<RawArticle, Reject>;

/// A source of records in one file (JSON Lines, JSON, CSV).
pub(crate) trait Records: Send {
    /// The next article or reject; `None` when the file is done.
    fn next_record(&mut self) -> Option<Item>;
}

/// At most this many rejects are listed per file; the rest are counted in
/// one closing reject, so a hostile file cannot flood the manifest.
pub const MAX_REJECTS_PER_FILE: usize = 100;

/// Size and digest of the bytes read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStats {
    /// Bytes in the file (compressed size for `.gz`).
    pub bytes: u64,
    /// XXH3-64 of the file's bytes, for the run's input fingerprint.
    pub digest: u64,
}

#[derive(Default)]
struct Tally {
    bytes: u64,
    hasher: Xxh3,
    /// The file's end was read: [`ArticleStream::finish`] has nothing left
    /// to hash and need not open the file again.
    eof: bool,
}

/// Counts and hashes every byte read through it.
struct TallyReader<R> {
    inner: R,
    tally: Arc<Mutex<Tally>>,
}

impl<R: Read> Read for TallyReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut t = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
        t.bytes += n as u64;
        t.hasher.update(&buf[..n]);
        t.eof |= n == 0 && !buf.is_empty();
        Ok(n)
    }
}

/// Where a stream's bytes come from.
enum Input {
    /// A file on disk.
    File(File),
    /// Any reader (bytes fetched by the caller, tests).
    Reader(Box<dyn Read + Send>),
}

impl Input {
    /// The input behind a reader that counts and hashes what it reads.
    fn tallied(self, tally: Arc<Mutex<Tally>>) -> Box<dyn Read + Send> {
        match self {
            Input::File(inner) => Box::new(TallyReader { inner, tally }),
            Input::Reader(inner) => Box::new(TallyReader { inner, tally }),
        }
    }
}

enum State {
    /// Not read yet (the input, the format and gzip flag).
    Pending(Input, Format, bool),
    /// Items ready to hand out (whole-file formats, early rejects).
    Queue(VecDeque<Item>),
    /// A record format being read.
    Records(Box<dyn Records>),
    Done,
}

/// The articles of one input file, read lazily, in file order, in bounded
/// memory: the iterator yields each article or reject as it is read.
///
/// Memory: JSON Lines, JSON and CSV files (gzipped or not) hold one record
/// at a time, at most [`Limits::max_article_bytes`] plus 64 KiB; text and
/// HTML files hold the file, at most `max_article_bytes` (decompressed).
/// Call [`ArticleStream::finish`] afterwards for the file's size and digest.
///
/// ```no_run
/// use gazette::ingest::{InputFile, Limits, open};
///
/// let file = InputFile { rel: "a.jsonl".into(), path: "corpus/a.jsonl".into() };
/// let mut stream = open(&file, Limits::default());
/// for item in stream.by_ref() {
///     match item {
///         Ok(article) => println!("{}: {} bytes", article.source, article.text.len()),
///         Err(reject) => eprintln!("{}: {}", reject.source, reject.reason),
///     }
/// }
/// let stats = stream.finish();
/// println!("{} bytes read", stats.bytes);
/// ```
pub struct ArticleStream {
    rel: String,
    path: Option<PathBuf>,
    limits: Limits,
    tally: Arc<Mutex<Tally>>,
    state: State,
    /// The file's size on disk, when known (0 otherwise): whole files are
    /// read into a buffer of that size rather than one grown by doubling.
    size_hint: usize,
    yielded: usize,
    rejects: usize,
    suppressed: usize,
}

/// Opens one input file as a stream of articles. Never fails and never
/// panics: a file that cannot be opened yields one reject.
pub fn open(file: &InputFile, limits: Limits) -> ArticleStream {
    let mut stream = ArticleStream::new(&file.rel, Some(file.path.clone()), limits);
    let Some((format, gz)) =
        Format::of(&file.rel).or_else(|| Format::of(&file.path.to_string_lossy()))
    else {
        stream.state = stream.reject_all("ingest", "unsupported file type".into());
        return stream;
    };
    let f = match File::open(&file.path) {
        Ok(f) => f,
        Err(e) => {
            stream.state = stream.reject_all("ingest", format!("cannot read file: {e}"));
            return stream;
        }
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    if !gz && format.is_whole_file() && len > limits.max_article_bytes as u64 {
        stream.state = stream.reject_all("ingest", too_big("article", len, limits));
        return stream;
    }
    stream.state = State::Pending(Input::File(f), format, gz);
    stream.size_hint = usize::try_from(len).unwrap_or(0);
    stream
}

impl ArticleStream {
    fn new(rel: &str, path: Option<PathBuf>, limits: Limits) -> Self {
        ArticleStream {
            rel: rel.to_string(),
            path,
            limits,
            tally: Arc::new(Mutex::new(Tally::default())),
            state: State::Done,
            size_hint: 0,
            yielded: 0,
            rejects: 0,
            suppressed: 0,
        }
    }

    /// A stream over bytes already in memory, read as a file named `rel`
    /// (tests, and callers that fetched the bytes themselves).
    pub fn from_reader(rel: &str, reader: impl Read + Send + 'static, limits: Limits) -> Self {
        let mut stream = ArticleStream::new(rel, None, limits);
        stream.state = match Format::of(rel) {
            Some((format, gz)) => State::Pending(Input::Reader(Box::new(reader)), format, gz),
            None => stream.reject_all("ingest", "unsupported file type".into()),
        };
        stream
    }

    /// Ends the stream and returns the file's size and digest, reading the
    /// bytes the stream did not (after an early reject) to complete them.
    pub fn finish(mut self) -> FileStats {
        self.state = State::Done;
        let mut t = std::mem::take(&mut *self.tally.lock().unwrap_or_else(PoisonError::into_inner));
        if let Some(path) = self.path.as_ref().filter(|_| !t.eof)
            && let Ok(mut f) = File::open(path)
            && f.seek(SeekFrom::Start(t.bytes)).is_ok()
        {
            // on the stack: nearly always nothing is left to read, and a
            // zeroed heap buffer per file cost more than reading the file
            let mut buf = [0u8; 8 * 1024];
            while let Ok(n) = f.read(&mut buf) {
                if n == 0 {
                    break;
                }
                t.bytes += n as u64;
                t.hasher.update(&buf[..n]);
            }
        }
        FileStats {
            bytes: t.bytes,
            digest: t.hasher.digest(),
        }
    }

    fn reject_all(&self, stage: &str, reason: String) -> State {
        State::Queue(VecDeque::from([Err(Reject::new(&self.rel, stage, reason))]))
    }

    /// Starts reading: decompression, decoding, the format's reader.
    fn start(&mut self, input: Input, format: Format, gz: bool) -> State {
        let reader = match input {
            Input::File(file) if format.is_whole_file() && !gz => {
                return State::Queue(VecDeque::from([self.read_plain_file(file, format)]));
            }
            input => input.tallied(self.tally.clone()),
        };
        let reader: Box<dyn Read + Send> = if gz {
            Box::new(MultiGzDecoder::new(reader))
        } else {
            reader
        };
        if format.is_whole_file() {
            return State::Queue(VecDeque::from([self.read_whole(reader, format, gz)]));
        }
        match self.open_records(reader, format, gz) {
            Ok(records) => State::Records(records),
            Err(reject) => State::Queue(VecDeque::from([Err(reject)])),
        }
    }

    /// Reads a whole text or HTML file that is not compressed. The file
    /// reads straight into the buffer and is hashed once read: behind a
    /// `dyn Read` (the counting reader), `read_to_end` zeroes the buffer
    /// before every read.
    fn read_plain_file(&self, file: File, format: Format) -> Item {
        let cap = self.limits.max_article_bytes;
        // one byte more than the file, so that the end is seen without growing
        let mut bytes = Vec::with_capacity(self.size_hint.min(cap) + 1);
        let read = (&file).take(cap as u64 + 1).read_to_end(&mut bytes);
        {
            let mut t = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
            t.bytes += bytes.len() as u64;
            t.hasher.update(&bytes);
            t.eof = read.is_ok() && bytes.len() <= cap;
        }
        if let Err(e) = read {
            return Err(read_error(&self.rel, &e, false));
        }
        self.whole_file(bytes, format, false)
    }

    fn read_whole(&self, reader: Box<dyn Read + Send>, format: Format, gz: bool) -> Item {
        let cap = self.limits.max_article_bytes;
        // one byte more than the file, so that the end is seen without growing
        let expected = if gz { 0 } else { self.size_hint.min(cap) + 1 };
        let mut bytes = Vec::with_capacity(expected);
        if let Err(e) = reader.take(cap as u64 + 1).read_to_end(&mut bytes) {
            return Err(read_error(&self.rel, &e, gz));
        }
        self.whole_file(bytes, format, gz)
    }

    /// A whole text or HTML file's article from its bytes (at most one
    /// byte over the limit).
    fn whole_file(&self, bytes: Vec<u8>, format: Format, gz: bool) -> Item {
        let cap = self.limits.max_article_bytes;
        if bytes.len() > cap {
            let reason = if gz {
                format!(
                    "decompresses to more than {cap} bytes, over the limit \
                     ([prepare] max_article_bytes; a decompression bomb?)"
                )
            } else {
                too_big("article", bytes.len() as u64, self.limits)
            };
            return Err(Reject::new(&self.rel, "ingest", reason));
        }
        if bytes.is_empty() {
            return Err(Reject::new(&self.rel, "ingest", "empty file"));
        }
        let hint = (format == Format::Html)
            .then(|| html::declared_charset(&bytes))
            .flatten();
        let text = decode_all(bytes, hint).map_err(|r| Reject::new(&self.rel, "decode", r))?;
        match format {
            Format::Html => html::read(&self.rel, &text, self.limits),
            _ => txt::read(&self.rel, text, self.limits),
        }
    }

    fn open_records(
        &self,
        mut reader: Box<dyn Read + Send>,
        format: Format,
        gz: bool,
    ) -> Result<Box<dyn Records>, Reject> {
        // A read error inside the head (a small truncated .gz) is handed on
        // after the head, so the records before it are still read.
        let (head, error) = read_head(&mut reader, SNIFF_BYTES);
        if head.is_empty() {
            return Err(match error {
                Some(e) => read_error(&self.rel, &e, gz),
                None => Reject::new(&self.rel, "ingest", "empty file"),
            });
        }
        let at_eof = head.len() < SNIFF_BYTES && error.is_none();
        let sniffed =
            sniff(&head, at_eof, None).map_err(|r| Reject::new(&self.rel, "decode", r))?;
        let reader: Box<dyn Read + Send> = match error {
            Some(e) => Box::new(FailWith(Some(e))),
            None => reader,
        };
        let mut head = Cursor::new(head);
        head.set_position(sniffed.bom as u64);
        let chained = head.chain(reader);
        let input: Box<dyn BufRead + Send> = if sniffed.is_utf8() {
            Box::new(BufReader::with_capacity(64 * 1024, chained))
        } else {
            let utf8 = Transcode::new(BufReader::new(chained), sniffed.encoding);
            Box::new(BufReader::with_capacity(64 * 1024, utf8))
        };
        let (rel, limits) = (self.rel.as_str(), self.limits);
        Ok(match format {
            Format::JsonLines => Box::new(JsonLines::new(rel, input, limits, gz)),
            Format::Json => Box::new(JsonValues::new(rel, input, limits, gz)),
            _ => Box::new(CsvRecords::new(rel, input, limits, gz)),
        })
    }

    fn next_raw(&mut self) -> Option<Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Pending(input, format, gz) => self.state = self.start(input, format, gz),
                State::Queue(mut q) => {
                    let item = q.pop_front();
                    self.state = State::Queue(q);
                    return item;
                }
                State::Records(mut r) => {
                    let item = r.next_record();
                    self.state = State::Records(r);
                    return item;
                }
                State::Done => return None,
            }
        }
    }
}

impl Iterator for ArticleStream {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let Some(item) = self.next_raw() else {
                self.state = State::Done;
                return self.closing_reject();
            };
            if item.is_err() {
                self.rejects += 1;
                if self.rejects > MAX_REJECTS_PER_FILE {
                    self.suppressed += 1;
                    continue;
                }
            }
            self.yielded += 1;
            return Some(item);
        }
    }
}

impl ArticleStream {
    /// At the end: the count of rejects not listed, or a reject for a file
    /// that held nothing at all.
    fn closing_reject(&mut self) -> Option<Item> {
        let reason = if self.suppressed > 0 {
            format!(
                "{} more records rejected (only the first {MAX_REJECTS_PER_FILE} are listed)",
                self.suppressed
            )
        } else if self.yielded == 0 {
            "no records: the file holds no articles".to_string()
        } else {
            return None;
        };
        self.suppressed = 0;
        self.yielded += 1;
        Some(Err(Reject::new(&self.rel, "ingest", reason)))
    }
}

/// Reads up to `n` bytes; a read error ends the head and is returned
/// beside what was read before it.
fn read_head(reader: &mut dyn Read, n: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut head = vec![0u8; n];
    let mut len = 0;
    while len < n {
        match reader.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(k) => len += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                head.truncate(len);
                return (head, Some(e));
            }
        }
    }
    head.truncate(len);
    (head, None)
}

/// A reader whose first read fails with the error it holds.
struct FailWith(Option<io::Error>);

impl Read for FailWith {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// A read error, worded for gzip when the file is compressed.
pub(crate) fn read_error(at: &str, e: &io::Error, gz: bool) -> Reject {
    if gz {
        Reject::new(
            at,
            "decode",
            format!("cannot decompress: truncated or corrupt gzip data ({e})"),
        )
    } else {
        Reject::new(at, "ingest", format!("read error: {e}"))
    }
}

/// Helpers for the record readers' tests.
#[cfg(test)]
pub(crate) mod testing {
    use std::io::{BufRead, BufReader, Cursor};

    use super::Records;

    /// A reader over `input` with a tiny buffer, so that records, strings
    /// and characters straddle reads.
    pub fn small_reads(input: &str) -> Box<dyn BufRead + Send> {
        Box::new(BufReader::with_capacity(5, Cursor::new(input.to_string())))
    }

    /// `ok SOURCE "TEXT" TITLE` or `reject SOURCE REASON` per item.
    pub fn summary(records: &mut dyn Records) -> Vec<String> {
        std::iter::from_fn(|| records.next_record())
            .map(|r| match r {
                Ok(a) => format!("ok {} {:?} {:?}", a.source, a.text, a.title),
                Err(r) => format!("reject {} {}", r.source, r.reason),
            })
            .collect()
    }

    /// Runs table cases (name, input, expected prefixes of the summary).
    pub fn assert_cases(cases: &[(&str, &str, &[&str])], run: impl Fn(&str) -> Vec<String>) {
        for (name, input, want) in cases {
            let got = run(input);
            assert_eq!(got.len(), want.len(), "case {name}: {got:#?}");
            for (g, w) in got.iter().zip(*want) {
                assert!(g.starts_with(w), "case {name}: got {g:?}, want {w:?}");
            }
        }
    }
}
