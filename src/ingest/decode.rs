//! From bytes to UTF-8 text: byte-order marks, UTF-16, legacy single-byte
//! encodings (guessed with chardetng, decoded with encoding_rs) and the
//! binary-file check.
//!
//! Whole files go through [`decode_all`]; record formats read as a stream
//! judge the encoding once from the file's first bytes ([`sniff`]) and, if it
//! is not UTF-8, wrap the stream in a [`Transcode`] reader. Text is kept as
//! decoded: Unicode normalisation happens later, in `text::prepare`.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// How many leading bytes are judged (encoding guess, NUL bytes).
pub(crate) const SNIFF_BYTES: usize = 64 * 1024;

/// How many leading bytes the control-character check reads.
const CONTROL_SAMPLE_BYTES: usize = 8 * 1024;

/// The encoding of a file, as judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// How to decode the bytes after the byte-order mark.
    pub encoding: &'static Encoding,
    /// Length of the byte-order mark to skip (0 when there is none).
    pub bom: usize,
}

impl Sniffed {
    /// True when the bytes are UTF-8 and need no transcoding.
    pub fn is_utf8(self) -> bool {
        self.encoding == UTF_8
    }
}

/// Judges the encoding of `head` (a file's first bytes, or all of it when
/// `at_eof`), or says why the file looks binary. `hint` is an encoding the
/// file declares (HTML `charset`), used only when the bytes are not UTF-8.
pub(crate) fn sniff(
    head: &[u8],
    at_eof: bool,
    hint: Option<&'static Encoding>,
) -> Result<Sniffed, String> {
    sniff_checked(head, at_eof, hint, None)
}

/// [`sniff`], given `head` as text when it is already known to be valid
/// UTF-8 (so it is not validated again).
fn sniff_checked(
    head: &[u8],
    at_eof: bool,
    hint: Option<&'static Encoding>,
    valid_utf8: Option<&str>,
) -> Result<Sniffed, String> {
    let sniffed = match head {
        [0xEF, 0xBB, 0xBF, ..] => Sniffed {
            encoding: UTF_8,
            bom: 3,
        },
        [0xFF, 0xFE, ..] => Sniffed {
            encoding: UTF_16LE,
            bom: 2,
        },
        [0xFE, 0xFF, ..] => Sniffed {
            encoding: UTF_16BE,
            bom: 2,
        },
        // UTF-16 without a byte-order mark has NUL bytes in its first KiBs:
        // text without any (nearly every file) is judged without the
        // UTF-16 pattern count
        _ if memchr::memchr(0, &head[..head.len().min(SNIFF_BYTES)]).is_some() => {
            match utf16_without_bom(head) {
                Some(encoding) => Sniffed { encoding, bom: 0 },
                None => return Err(binary_reason(head, "it contains NUL bytes")),
            }
        }
        _ => {
            let encoding = if valid_utf8.is_some() {
                UTF_8
            } else {
                guess_encoding(head, at_eof, hint)
            };
            Sniffed { encoding, bom: 0 }
        }
    };
    let end = head.len().min(sniffed.bom + CONTROL_SAMPLE_BYTES);
    let sample = &head[sniffed.bom..end];
    let text = if let Some(valid) = valid_utf8.filter(|_| sniffed.is_utf8()) {
        Cow::Borrowed(&valid[sniffed.bom..valid.floor_char_boundary(end)])
    } else if sniffed.is_utf8() {
        // The sample may end inside a character: check up to there.
        Cow::Borrowed(match simdutf8::compat::from_utf8(sample) {
            Ok(text) => text,
            Err(e) => simdutf8::basic::from_utf8(&sample[..e.valid_up_to()]).unwrap_or_default(),
        })
    } else {
        sniffed.encoding.decode_without_bom_handling(sample).0
    };
    if mostly_control(&text) {
        return Err(binary_reason(head, "it is mostly control characters"));
    }
    Ok(sniffed)
}

/// Decodes a whole file to UTF-8, or says why it looks binary.
pub(crate) fn decode_all(
    bytes: Vec<u8>,
    hint: Option<&'static Encoding>,
) -> Result<String, String> {
    // Valid UTF-8 (nearly every file) is validated once, with SIMD, and
    // moved, not copied.
    let mut bytes = match simdutf8::basic::from_utf8(&bytes) {
        Ok(_) => {
            // SAFETY: the bytes were just checked to be valid UTF-8.
            let mut text = unsafe { String::from_utf8_unchecked(bytes) };
            let sniffed = sniff_checked(text.as_bytes(), true, hint, Some(&text))?;
            if sniffed.is_utf8() {
                text.drain(..sniffed.bom);
                return Ok(text);
            }
            text.into_bytes() // UTF-16 without a byte-order mark
        }
        Err(_) => bytes,
    };
    let sniffed = sniff(&bytes, true, hint)?;
    if sniffed.is_utf8() {
        bytes.drain(..sniffed.bom);
        // Valid UTF-8 is moved, not copied; a damaged file that starts with a
        // UTF-8 BOM keeps its readable parts (U+FFFD for the bad bytes).
        return String::from_utf8(bytes)
            .or_else(|e| Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()));
    }
    let (text, _) = sniffed
        .encoding
        .decode_without_bom_handling(&bytes[sniffed.bom..]);
    Ok(text.into_owned())
}

/// Decodes bytes that are not valid UTF-8 with the encoding chardetng
/// guesses for them (a record in an otherwise UTF-8 file).
pub(crate) fn decode_guessed(bytes: &[u8]) -> String {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let (text, _) = guess_encoding(bytes, true, None).decode_without_bom_handling(bytes);
            text.into_owned()
        }
    }
}

/// UTF-8 when the bytes are, or mostly are (a truncated head may end inside
/// a character), else the declared encoding, else chardetng's guess among
/// legacy encodings.
fn guess_encoding(
    bytes: &[u8],
    at_eof: bool,
    hint: Option<&'static Encoding>,
) -> &'static Encoding {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() && !at_eof => return UTF_8,
        Err(_) => {}
    }
    // UTF-8 with a few damaged bytes stays UTF-8 (decoded lossily): read as
    // Windows-1252, its every accented letter would turn into two.
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    if multibyte > invalid {
        return UTF_8;
    }
    if let Some(h) = hint.filter(|h| *h != UTF_8) {
        return h;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(SNIFF_BYTES)], true);
    detector.guess(None, Utf8Detection::Deny)
}

/// UTF-16 without a byte-order mark: mostly-Latin text has a NUL in every
/// other byte, on the same side. Binary data has NULs on both sides.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(4096)];
    if !head.contains(&0) {
        return None;
    }
    let pairs = head.chunks_exact(2);
    let n = pairs.len();
    if n < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in pairs {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    // At least 40 % of the characters are ASCII on one side, almost none on
    // the other.
    let many = |k: usize| k * 5 >= n * 2;
    let few = |k: usize| k * 50 <= n;
    match (many(odd) && few(even), many(even) && few(odd)) {
        (true, _) => Some(UTF_16LE),
        (_, true) => Some(UTF_16BE),
        _ => None,
    }
}

/// More than 5 % control characters (other than tab, newlines and form
/// feed) in a sample of more than a few characters: not text.
fn mostly_control(text: &str) -> bool {
    let controls = count_controls(text.as_bytes());
    controls > 8 && controls * 20 > text.chars().count()
}

/// How many control characters other than tab, newlines and form feed the
/// UTF-8 `bytes` hold: C0 controls and DEL are single bytes, C1 controls
/// (U+0080..=U+009F) are C2 80..=C2 9F.
fn count_controls(bytes: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { count_controls_avx2(bytes) };
    }
    count_controls_vectorised(bytes)
}

/// [`count_controls`] compiled for AVX2: 32 bytes a step instead of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn count_controls_avx2(bytes: &[u8]) -> usize {
    count_controls_vectorised(bytes)
}

#[inline(always)]
fn count_controls_vectorised(bytes: &[u8]) -> usize {
    let Some((&last, _)) = bytes.split_last() else {
        return 0;
    };
    // Branch-free tests over each byte and the next, summed in blocks small
    // enough for a byte counter: the compiler turns this into vector code,
    // where a byte loop with branches took several instructions per byte.
    let is_control = |b: u8, next: u8| {
        let c0 = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != 0x0c) & (b != b'\r');
        c0 | (b == 0x7f) | ((b == 0xc2) & (next < 0xa0))
    };
    let mut n = usize::from(is_control(last, 0xff));
    for (now, next) in bytes.chunks(128).zip(bytes[1..].chunks(128)) {
        let block = now
            .iter()
            .zip(next)
            .fold(0u8, |acc, (&b, &nb)| acc + u8::from(is_control(b, nb)));
        n += usize::from(block);
    }
    n
}

fn binary_reason(head: &[u8], why: &str) -> String {
    let hint = if head.starts_with(&[0x1F, 0x8B]) {
        " (it looks gzip-compressed: name it with a .gz suffix)"
    } else {
        ""
    };
    format!("binary file, not text: {why}{hint}")
}

/// A reader that turns a stream in a legacy or UTF-16 encoding into UTF-8,
/// chunk by chunk, so record formats are parsed as UTF-8 in bounded memory.
pub(crate) struct Transcode<R> {
    inner: R,
    decoder: Decoder,
    out: Vec<u8>,
    start: usize,
    end: usize,
    finished: bool,
}

impl<R: BufRead> Transcode<R> {
    /// Decodes `inner` (positioned after any byte-order mark) from `encoding`.
    pub fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcode {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            out: vec![0; 32 * 1024],
            start: 0,
            end: 0,
            finished: false,
        }
    }
}

impl<R: BufRead> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.start == self.end {
            if self.finished {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            // The 32 KiB output always has room for some characters, so each
            // round consumes input or (at the end) flushes the decoder.
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.inner.consume(read);
            self.start = 0;
            self.end = written;
            self.finished = last;
        }
        let n = buf.len().min(self.end - self.start);
        buf[..n].copy_from_slice(&self.out[self.start..self.start + n]);
        self.start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, bytes, expected text or `None` for a binary reject)
    fn cases() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
        let fr = "Le président a déclaré à Paris : « Ça suffit ! »";
        let en = "The minister said: \u{201c}Enough.\u{201d}";
        let utf16 = |s: &str, le: bool, bom: bool| {
            let mut v = Vec::new();
            if bom {
                v.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
            }
            for u in s.encode_utf16() {
                v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            v
        };
        let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(fr);
        vec![
            ("utf-8 french", fr.as_bytes().to_vec(), Some(fr)),
            ("utf-8 english", en.as_bytes().to_vec(), Some(en)),
            (
                "utf-8 bom",
                [&[0xEF, 0xBB, 0xBF][..], fr.as_bytes()].concat(),
                Some(fr),
            ),
            ("utf-16le bom", utf16(fr, true, true), Some(fr)),
            ("utf-16be bom", utf16(en, false, true), Some(en)),
            ("utf-16le no bom", utf16(fr, true, false), Some(fr)),
            ("windows-1252", latin1.into_owned(), Some(fr)),
            (
                "utf-8 with one damaged byte",
                [fr.as_bytes(), b" \xFF"].concat(),
                Some("Le président a déclaré à Paris : « Ça suffit ! » \u{fffd}"),
            ),
            ("nul bytes", b"PK\x03\x04\x00\x00binary\x00".to_vec(), None),
            ("control bytes", (1u8..32).cycle().take(400).collect(), None),
            ("gzip data", vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], None),
        ]
    }

    #[test]
    fn decodes_whole_files() {
        for (name, bytes, want) in cases() {
            let got = decode_all(bytes, None);
            match want {
                Some(w) => assert_eq!(got.as_deref(), Ok(w), "case {name}"),
                None => assert!(got.is_err(), "case {name}: {got:?}"),
            }
        }
    }

    #[test]
    fn transcodes_streams_like_whole_files() {
        for (name, bytes, want) in cases() {
            let Some(want) = want else { continue };
            let s = sniff(&bytes, true, None).unwrap();
            let mut got = String::new();
            // A tiny buffer forces characters to straddle reads.
            let inner = io::BufReader::with_capacity(3, &bytes[s.bom..]);
            Transcode::new(inner, s.encoding)
                .read_to_string(&mut got)
                .unwrap();
            assert_eq!(got, want, "case {name}");
        }
    }

    #[test]
    fn a_head_cut_inside_a_character_is_still_utf8() {
        let bytes = "Déjà".as_bytes();
        let s = sniff(&bytes[..2], false, None).unwrap();
        assert!(s.is_utf8());
    }

    #[test]
    fn control_count_matches_the_character_definition() {
        let reference = |text: &str| {
            let chars = text.chars().count();
            let controls = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                .count();
            controls > 8 && controls * 20 > chars
        };
        let cases = [
            (
                "plain",
                "Le président a déclaré : « Ça suffit ! »\n\tFin.\r\n".repeat(9),
            ),
            ("c0", "ab\u{1}\u{2}\u{b}\u{1b}\u{7f}".repeat(5)),
            ("c1", "é\u{80}\u{85}\u{9f}\u{a0}«".repeat(5)),
            ("few", "\u{1}\u{2}\u{3}".repeat(3)),
            (
                "diluted",
                format!("{}{}", "\u{1}".repeat(10), "x".repeat(200)),
            ),
            (
                "dense",
                format!("{}{}", "\u{1}".repeat(10), "x".repeat(150)),
            ),
            ("c1_across_words", "1234567\u{85}".repeat(9)),
            ("c1_at_the_end", format!("{}\u{9f}", "\u{81}".repeat(12))),
        ];
        for (name, text) in cases {
            assert_eq!(mostly_control(&text), reference(&text), "case {name}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_its_controls_counted(
            text in "[a \t\n\r\u{0}\u{1}\u{b}\u{c}\u{1f}\u{7f}\u{80}\u{85}\u{9f}\u{a0}é«]{0,40}"
        ) {
            let want = text
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
                .count();
            proptest::prop_assert_eq!(count_controls(text.as_bytes()), want);
        }
    }

    #[test]
    fn gzip_data_gets_a_hint() {
        let err = decode_all(vec![0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], None).unwrap_err();
        assert!(err.contains(".gz"), "{err}");
    }

    #[test]
    fn declared_charset_is_used_for_non_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        let hint = Encoding::for_label(b"iso-8859-1");
        assert_eq!(decode_all(bytes.into_owned(), hint).unwrap(), "café");
    }
}
