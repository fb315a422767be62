//! Folded text with a map back to the original bytes, and the word tokens of
//! one sentence.
//!
//! The events stage matches its lexicons on a folded copy of the document
//! (lower-case ASCII, accents removed, apostrophes and dashes unified: the
//! same keys as [`crate::text::fold`]), so `Élysée`, `élysée` and `ELYSEE`
//! are one word and `s’est` and `s'est` one form. Folding changes lengths
//! (`é` is two bytes, `e` one), so [`Folded`] keeps, for every folded byte,
//! the original byte it came from.

use crate::document::Span;
use crate::text::swar;

use super::lexicon::{Anchored, LangLex, WordInfo};

/// The folded copy of a text and the offset map back to it.
#[derive(Debug, Default)]
pub struct Folded {
    /// Lower-case ASCII text.
    pub text: String,
    /// The non-ASCII characters of the original, in order (ASCII folds one
    /// byte to one byte, so between two of them a folded offset and its
    /// original differ by a constant: the map is kept only where that
    /// constant changes, a few entries per paragraph of French and none
    /// for plain English).
    shifts: Vec<Shift>,
    /// For each block of [`BLOCK`] folded bytes, the number of `shifts`
    /// whose folded bytes start before the block: where a search for a
    /// folded offset starts (a few steps instead of a binary search).
    by_folded: Vec<u32>,
    /// The same for blocks of original bytes and `shifts` starting before.
    by_orig: Vec<u32>,
}

/// The block size (a power of two) of [`Folded`]'s search indexes.
const BLOCK: usize = 64;

/// For blocks of [`BLOCK`] offsets covering `0..=len`, the number of
/// `starts` (sorted) below the start of each block.
fn block_index(starts: impl Iterator<Item = u32>, len: usize) -> Vec<u32> {
    let mut index = Vec::with_capacity(len / BLOCK + 1);
    let mut before = 0u32;
    for s in starts {
        // the blocks that start at or before `s` have not got it below them
        while index.len() * BLOCK <= s as usize {
            index.push(before);
        }
        before += 1;
    }
    while index.len() <= len / BLOCK {
        index.push(before);
    }
    index
}

/// One non-ASCII character of the original text and the folded bytes it
/// became (possibly none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shift {
    /// Its original byte offset.
    orig: u32,
    /// The offset of its first folded byte.
    folded: u32,
    /// Its length in the original (2 to 4 bytes).
    orig_len: u32,
    /// The number of folded bytes it became.
    folded_len: u32,
}

impl Shift {
    /// The original offset just past the character.
    fn orig_end(&self) -> usize {
        (self.orig + self.orig_len) as usize
    }

    /// The folded offset just past its folded bytes.
    fn folded_end(&self) -> usize {
        (self.folded + self.folded_len) as usize
    }
}

impl Folded {
    /// Folds `text` one character at a time (one-to-one for ASCII, so offsets
    /// of plain English text are unchanged). Runs of ASCII, most of any
    /// article, are copied and lower-cased in bulk.
    pub fn new(text: &str) -> Self {
        let mut out: Vec<u8> = Vec::with_capacity(text.len() + 16);
        let mut shifts = Vec::new();
        let bytes = text.as_bytes();
        let mut pos = 0;
        let latin: &[String] = &LATIN;
        while pos < bytes.len() {
            // sixteen ASCII bytes at a time while there are (most of an
            // English article, runs between accents in French), then
            // eight at a time, lower-cased in one word; of a word with
            // other bytes, the ASCII ones before the first of them
            while let (Some(a), Some(b)) = (swar::load(bytes, pos), swar::load(bytes, pos + 8))
                && swar::non_ascii(a | b) == 0
            {
                let mut lower = [0u8; 16];
                lower[..8].copy_from_slice(&swar::ascii_lowercase(a).to_le_bytes());
                lower[8..].copy_from_slice(&swar::ascii_lowercase(b).to_le_bytes());
                out.extend_from_slice(&lower);
                pos += 16;
            }
            while let Some(w) = swar::load(bytes, pos) {
                let lower = swar::ascii_lowercase(w).to_le_bytes();
                let high = swar::non_ascii(w);
                // (all eight written, the other bytes' then cut: a copy of
                // a fixed length)
                out.extend_from_slice(&lower);
                if high == 0 {
                    pos += 8;
                } else {
                    let n = swar::before_first(high);
                    out.truncate(out.len() - 8 + n);
                    pos += n;
                    break;
                }
            }
            while let Some(&b) = bytes.get(pos)
                && b.is_ascii()
            {
                out.push(b.to_ascii_lowercase());
                pos += 1;
            }
            // two-byte characters (the accented letters of French), decoded
            // from their bytes; the others through `chars`
            let c = match bytes.get(pos..pos + 2) {
                Some(&[b0 @ 0xc2..=0xdf, b1]) => {
                    char::from_u32((u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f))
                }
                _ => text.get(pos..).and_then(|t| t.chars().next()),
            };
            let Some(c) = c else {
                break;
            };
            let at = out.len();
            match latin.get((c as usize).wrapping_sub(0x80)) {
                // (most accented letters fold to one letter)
                Some(mapped) if mapped.len() == 1 => out.push(mapped.as_bytes()[0]),
                Some(mapped) => out.extend_from_slice(mapped.as_bytes()),
                None => out.extend(fold_char(c).bytes().map(|b| b.to_ascii_lowercase())),
            }
            shifts.push(Shift {
                orig: offset(pos),
                folded: offset(at),
                orig_len: offset(c.len_utf8()),
                folded_len: offset(out.len() - at),
            });
            pos += c.len_utf8();
        }
        // only ASCII and transliterations were written: always valid
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let by_folded = block_index(shifts.iter().map(|s| s.folded), text.len());
        let by_orig = block_index(shifts.iter().map(|s| s.orig), bytes.len());
        Folded {
            text,
            shifts,
            by_folded,
            by_orig,
        }
    }

    /// The original byte offset of folded byte `pos` (the folded bytes of
    /// one character all map to its start; `pos` is clamped to the end).
    pub fn orig(&self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        // the last character whose folded bytes start at or before `pos`
        let mut k = self
            .by_folded
            .get(pos / BLOCK)
            .map_or(self.shifts.len(), |&k| k as usize);
        while self.shifts.get(k).is_some_and(|s| s.folded as usize <= pos) {
            k += 1;
        }
        let Some(s) = k.checked_sub(1).map(|k| self.shifts[k]) else {
            return pos;
        };
        if pos < s.folded_end() {
            s.orig as usize
        } else {
            s.orig_end() + (pos - s.folded_end())
        }
    }

    /// The original span of a folded span (a folded token never ends inside
    /// the expansion of one character, so `map[end]` is the next character).
    pub fn orig_span(&self, start: usize, end: usize) -> Span {
        let s = self.orig(start);
        Span::new(s, self.orig(end).max(s))
    }

    /// The first folded byte whose original offset is at or after `orig`
    /// (the folded length when there is none).
    pub fn folded(&self, orig: usize) -> usize {
        // the last character that starts before `orig`
        let mut k = self
            .by_orig
            .get(orig / BLOCK)
            .map_or(self.shifts.len(), |&k| k as usize);
        while self.shifts.get(k).is_some_and(|s| (s.orig as usize) < orig) {
            k += 1;
        }
        let at = match k.checked_sub(1).map(|k| self.shifts[k]) {
            None => orig,
            Some(s) if orig <= s.orig_end() => s.folded_end(),
            Some(s) => s.folded_end() + (orig - s.orig_end()),
        };
        at.min(self.text.len())
    }
}

/// What a non-ASCII character folds to.
fn fold_char(c: char) -> &'static str {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{b4}' => "'",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '«' | '»' | '“' | '”' | '„' | '‹' | '›' => "\"",
        c if c.is_whitespace() => " ",
        c => deunicode::deunicode_char(c).unwrap_or(""),
    }
}

/// [`fold_char`] of U+0080 to U+024F (the accented letters of French and
/// other Latin scripts), lower-cased, computed once.
static LATIN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    (0x80..0x250u32)
        .map(|u| char::from_u32(u).map_or("", fold_char).to_ascii_lowercase())
        .collect()
});

/// A byte offset of the original text as stored in the map (saturating:
/// a text over 4 GiB is not an article).
fn offset(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

/// One word or punctuation token of a sentence, in folded offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First folded byte.
    pub start: usize,
    /// One past the last folded byte.
    pub end: usize,
    /// True for words (letters and digits), false for punctuation.
    pub word: bool,
}

/// Elided words keep their apostrophe (`l'`, `qu'`, `lorsqu'`): an
/// orthographic rule (a word of one or two letters, or ending in `qu`,
/// before an apostrophe), not a word list; the apostrophe after any other
/// word starts a token of its own (`'s`).
fn is_elision(word: &[u8]) -> bool {
    word.len() <= 2 || word.ends_with(b"qu")
}

/// Letters and digits by byte: one load instead of two range tests.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The end of the run of letters and digits (ASCII, either case) that
/// starts at `i` in `b`: eight bytes classified at a time while eight are
/// left, then byte by byte.
#[inline]
fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while let Some(w) = swar::load(b, i) {
        let other = !swar::ascii_alnum(w) & swar::splat(0x80);
        if other != 0 {
            return i + swar::before_first(other);
        }
        i += 8;
    }
    i + b[i..]
        .iter()
        .position(|&c| !ALNUM[usize::from(c)])
        .unwrap_or(b.len() - i)
}

/// Splits folded text `[start, end)` into tokens: runs of letters and digits
/// (with a French elision's apostrophe), `'s`/`'t` clitics, and single
/// punctuation characters. Spaces are skipped.
pub fn tokenize(folded: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    tokenize_with(folded, start, end, |t| out.push(t));
}

/// [`tokenize`], handing each token to `sink` in order (from one call
/// site, so that the sink is inlined).
#[inline]
pub fn tokenize_with(folded: &str, start: usize, end: usize, mut sink: impl FnMut(Token)) {
    tokenize_words(folded, start, end, |t, _| sink(t));
}

/// [`tokenize_with`], handing the sink with each word token the eight
/// bytes from its start as the tokenizer read them (`None` near the end
/// of the range, and for punctuation and clitics): the key of a short
/// word's lookup, with no second load.
#[inline]
pub fn tokenize_words(
    folded: &str,
    start: usize,
    end: usize,
    mut sink: impl FnMut(Token, Option<u64>),
) {
    // bounded by `end`, so that indexing needs no further checks
    let b = &folded.as_bytes()[..end];
    let mut i = start;
    while i < end {
        let c = b[i];
        let s = i;
        let mut first = None;
        let word = if ALNUM[usize::from(c)] {
            // the first eight bytes, classified here rather than in
            // `alnum_end`, so that the word's key can reuse them
            first = swar::load(b, i);
            i = match first {
                Some(w) => {
                    let other = !swar::ascii_alnum(w) & swar::splat(0x80);
                    if other != 0 {
                        i + swar::before_first(other)
                    } else {
                        alnum_end(b, i + 8)
                    }
                }
                None => alnum_end(b, i),
            };
            loop {
                // `5.1`, `1,500`: one number
                let joiner = i + 1 < end
                    && matches!(b[i], b'.' | b',')
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit();
                if !joiner {
                    break;
                }
                i = alnum_end(b, i + 1);
            }
            if i < end && b[i] == b'\'' && is_elision(&b[s..i]) {
                i += 1;
            }
            true
        } else if c == b'\'' && i + 1 < end && b[i + 1].is_ascii_alphabetic() {
            // English clitic: 's, 't, 're ...
            i += 1;
            i += b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(end - i);
            true
        } else if c == b' ' || c.is_ascii_control() {
            i += 1;
            continue;
        } else {
            i += 1;
            false
        };
        sink(
            Token {
                start: s,
                end: i,
                word,
            },
            first,
        );
        // the space after a word, skipped here rather than by a turn of
        // the loop
        if word && i < end && b[i] == b' ' {
            i += 1;
        }
    }
}

/// True when token `t` of the whole folded text `b` is where trigger
/// patterns may be anchored: a whole word, not glued to a letter or digit
/// on either side (an elision's apostrophe ends a word).
#[inline]
pub fn is_whole_word(b: &[u8], t: Token) -> bool {
    (t.start == 0 || !b[t.start - 1].is_ascii_alphanumeric())
        && (t.end >= b.len() || !b[t.end].is_ascii_alphanumeric() || b[t.end - 1] == b'\'')
}

/// The tokens where trigger patterns are anchored (of a sentence whose
/// tokens are `toks`, with the lexicon entries `info`, among which
/// `candidates` are the anchor words), with the (trigger, alternative)
/// pairs of each, into `out`. An anchor is a whole word of the whole
/// folded text ([`is_whole_word`]).
pub fn anchors<'l>(
    toks: &[Token],
    info: &[WordInfo],
    candidates: &[usize],
    folded: &str,
    lex: &'l LangLex,
    out: &mut Vec<(usize, &'l [Anchored])>,
) {
    let b = folded.as_bytes();
    out.clear();
    out.extend(
        candidates
            .iter()
            .filter(|&&i| is_whole_word(b, toks[i]))
            .map(|&i| (i, lex.anchored(&info[i]))),
    );
}

/// Tokens of a pattern or lexicon entry (already folded with [`fold_entry`]).
pub fn tokenize_str(folded: &str) -> Vec<String> {
    let mut toks = Vec::new();
    tokenize(folded, 0, folded.len(), &mut toks);
    toks.iter()
        .map(|t| folded[t.start..t.end].to_string())
        .collect()
}

/// Folds a lexicon entry the same way as document text.
pub fn fold_entry(s: &str) -> String {
    let mut out = String::new();
    fold_into(s, &mut out);
    out
}

/// Folds `s` into `out` (cleared first) as [`fold_entry`] does, without
/// the offset map and into a reused buffer.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut rest = s;
    while !rest.is_empty() {
        // a run of ASCII copied and lower-cased at once
        let n = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (ascii, other) = rest.split_at(n);
        let at = out.len();
        out.push_str(ascii);
        out[at..].make_ascii_lowercase();
        let mut chars = other.chars();
        let Some(c) = chars.next() else {
            break;
        };
        match LATIN.get((c as usize).wrapping_sub(0x80)) {
            Some(mapped) => out.push_str(mapped),
            None => out.extend(fold_char(c).chars().map(|b| b.to_ascii_lowercase())),
        }
        rest = chars.as_str();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let text = "L’armée s’est rendue à Bamako.";
        let f = Folded::new(text);
        assert_eq!(f.text, "l'armee s'est rendue a bamako.");
        let pos = f.text.find("bamako").unwrap();
        let span = f.orig_span(pos, pos + 6);
        assert_eq!(&text[span.start..span.end], "Bamako");
        let pos = f.text.find("armee").unwrap();
        let span = f.orig_span(pos, pos + 5);
        assert_eq!(&text[span.start..span.end], "armée");
        assert_eq!(
            f.folded(text.find("Bamako").unwrap()),
            f.text.find("bamako").unwrap()
        );
        // zero-length folds, multi-byte folds and accents next to each other
        for text in [
            "Élysée: l’armée «a» été là. ".repeat(20),
            "\u{200b}é\u{200b}\u{200b}x œuvre\u{200b}".to_string(),
            // blocks of the search indexes with no accent, and accents
            // across block bounds
            "a".repeat(200) + "é" + &"b".repeat(130) + "üü" + &"c".repeat(61) + "é",
            String::new(),
        ] {
            assert_maps_as_reference(&text);
        }
    }

    /// The offset map of `text` built one character at a time: for each
    /// folded byte, the original offset of its character, plus the length.
    fn reference_map(text: &str) -> Vec<usize> {
        let mut map = Vec::new();
        for (pos, c) in text.char_indices() {
            let n = if c.is_ascii() { 1 } else { fold_char(c).len() };
            map.extend(std::iter::repeat_n(pos, n));
        }
        map.push(text.len());
        map
    }

    /// `orig` and `folded` agree with lookups in [`reference_map`].
    fn assert_maps_as_reference(text: &str) {
        let f = Folded::new(text);
        let map = reference_map(text);
        assert_eq!(map.len(), f.text.len() + 1, "{text}");
        for (pos, want) in map.iter().enumerate() {
            assert_eq!(f.orig(pos), *want, "orig({pos}) in {text:?}");
        }
        assert_eq!(f.orig(map.len() + 3), text.len());
        for orig in 0..=text.len() {
            let want = map.partition_point(|&m| m < orig);
            assert_eq!(f.folded(orig), want, "folded({orig}) in {text:?}");
        }
    }

    #[test]
    fn folds_into_a_buffer_as_documents_fold() {
        let mut buf = String::from("left over");
        for s in [
            "Ministre des Affaires étrangères",
            "L’ŒUVRE «x» — Zürich",
            "",
            "ASCII only",
        ] {
            fold_into(s, &mut buf);
            assert_eq!(buf, Folded::new(s).text, "{s}");
        }
    }

    #[test]
    fn lowercases_ascii_eight_bytes_at_a_time() {
        let text: String = (0u8..128).map(char::from).collect();
        let text = text.repeat(3);
        let want: String = text.to_ascii_lowercase();
        assert_eq!(Folded::new(&text).text.len(), text.len());
        for (i, (a, b)) in Folded::new(&text)
            .text
            .bytes()
            .zip(want.bytes())
            .enumerate()
        {
            // control and space characters fold to themselves too
            assert_eq!(a, b, "byte {i}");
        }
    }

    #[test]
    fn folds_mixed_text_as_one_character_at_a_time() {
        // accents at every offset of an eight-byte word, and at the end
        let text = "Élysée: l’ARMÉE «a» été là, Zürich-Œuvre! ab é cd é efgh é".repeat(9) + "À";
        let mut want = String::new();
        for c in text.chars() {
            let mapped = if c.is_ascii() {
                c.to_ascii_lowercase().to_string()
            } else {
                fold_char(c).to_ascii_lowercase()
            };
            want.push_str(&mapped);
        }
        let f = Folded::new(&text);
        assert_eq!(f.text, want);
        assert_maps_as_reference(&text);
    }

    #[test]
    fn tokenizes_elisions_clitics_and_punctuation() {
        let cases: &[(&str, &[&str])] = &[
            (
                "l'armee s'est rendue",
                &["l'", "armee", "s'", "est", "rendue"],
            ),
            (
                "russia's army didn't",
                &["russia", "'s", "army", "didn", "'t"],
            ),
            (
                "cessez-le-feu, ici",
                &["cessez", "-", "le", "-", "feu", ",", "ici"],
            ),
            ("aujourd'hui", &["aujourd", "'hui"]),
            (
                "5.1 million, 1,500 soldats.",
                &["5.1", "million", ",", "1,500", "soldats", "."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&tokenize_str(text), want, "{text}");
        }
    }

    #[test]
    fn hands_words_their_first_eight_bytes() {
        for text in [
            "l'armee s'est rendue a bamako, le 5.1 avril.",
            "russia's army didn't strike 1,500 targets (officials)",
            "ab",
        ] {
            tokenize_words(text, 0, text.len(), |t, first8| {
                let b = text.as_bytes();
                let want = match b.get(t.start..t.start + 8) {
                    Some(w) if b[t.start].is_ascii_alphanumeric() => {
                        Some(u64::from_le_bytes(w.try_into().unwrap()))
                    }
                    _ => None,
                };
                assert_eq!(first8, want, "{text}: {}", &text[t.start..t.end]);
            });
        }
    }
}
