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

use super::lexicon::{LangLex, WordInfo};

/// The folded copy of a text and the offset map back to it.
#[derive(Debug, Default)]
pub struct Folded {
    /// Lower-case ASCII text.
    pub text: String,
    /// For each byte of `text` (plus one past the end), the original byte
    /// offset (`u32`: half the memory to write, documents are far smaller
    /// than 4 GiB).
    map: Vec<u32>,
}

impl Folded {
    /// Folds `text` one character at a time (one-to-one for ASCII, so offsets
    /// of plain English text are unchanged). Runs of ASCII, most of any
    /// article, are copied and lower-cased in bulk.
    pub fn new(text: &str) -> Self {
        let mut out: Vec<u8> = Vec::with_capacity(text.len() + 16);
        let mut map = Vec::with_capacity(text.len() + 17);
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            let run = pos;
            // eight ASCII bytes at a time, lower-cased in one word
            while let Some(chunk) = bytes.get(pos..pos + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let w = u64::from_le_bytes(w);
                if w & HIGH_BITS != 0 {
                    break;
                }
                out.extend_from_slice(&ascii_lower(w).to_le_bytes());
                pos += 8;
            }
            while let Some(&b) = bytes.get(pos)
                && b.is_ascii()
            {
                out.push(b.to_ascii_lowercase());
                pos += 1;
            }
            map.extend(offset(run)..offset(pos));
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
            let mapped = LATIN
                .get((c as usize).wrapping_sub(0x80))
                .copied()
                .unwrap_or_else(|| fold_char(c));
            for b in mapped.bytes() {
                out.push(b.to_ascii_lowercase());
                map.push(offset(pos));
            }
            pos += c.len_utf8();
        }
        map.push(offset(text.len()));
        // only ASCII and transliterations were written: always valid
        let text = String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Folded { text, map }
    }

    /// The original byte offset of folded byte `pos`.
    pub fn orig(&self, pos: usize) -> usize {
        self.map[pos.min(self.map.len() - 1)] as usize
    }

    /// The original span of a folded span (a folded token never ends inside
    /// the expansion of one character, so `map[end]` is the next character).
    pub fn orig_span(&self, start: usize, end: usize) -> Span {
        let s = self.orig(start);
        Span::new(s, self.orig(end).max(s))
    }

    /// The first folded byte whose original offset is at or after `orig`.
    pub fn folded(&self, orig: usize) -> usize {
        self.map.partition_point(|&m| (m as usize) < orig)
    }

    /// [`Folded::folded`] of an offset known to come after the folded
    /// byte `from - 1` (the start of the sentence it is in): a galloping
    /// search from `from` instead of one over the whole document.
    pub fn folded_after(&self, orig: usize, from: usize) -> usize {
        let m = &self.map;
        if from == 0 || from > m.len() || m[from - 1] as usize >= orig {
            return self.folded(orig);
        }
        let (mut lo, mut step) = (from, 8);
        loop {
            let hi = lo + step;
            if hi >= m.len() || m[hi] as usize >= orig {
                let hi = hi.min(m.len());
                return lo + m[lo..hi].partition_point(|&x| (x as usize) < orig);
            }
            lo = hi;
            step *= 2;
        }
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
/// other Latin scripts), computed once.
static LATIN: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    (0x80..0x250u32)
        .map(|u| char::from_u32(u).map_or("", fold_char))
        .collect()
});

/// The high bit of each byte of a word: set on non-ASCII bytes.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Lower-cases the eight ASCII bytes of `w` at once: `0x20` is added to the
/// bytes in `A..=Z` (no byte is above 0x7f, so the sums never carry into
/// the next byte).
fn ascii_lower(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = w + ONES * u64::from(0x80 - b'A');
    let above_z = w + ONES * u64::from(0x7f - b'Z');
    w | (((at_least_a & !above_z) & HIGH_BITS) >> 2)
}

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

/// Splits folded text `[start, end)` into tokens: runs of letters and digits
/// (with a French elision's apostrophe), `'s`/`'t` clitics, and single
/// punctuation characters. Spaces are skipped.
pub fn tokenize(folded: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // bounded by `end`, so that indexing needs no further checks
    let b = &folded.as_bytes()[..end];
    let mut i = start;
    while i < end {
        let c = b[i];
        if ALNUM[usize::from(c)] {
            let s = i;
            loop {
                i += b[i..]
                    .iter()
                    .position(|&c| !ALNUM[usize::from(c)])
                    .unwrap_or(end - i);
                // `5.1`, `1,500`: one number
                let joiner = i + 1 < end
                    && matches!(b[i], b'.' | b',')
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit();
                if !joiner {
                    break;
                }
                i += 1;
            }
            if i < end && b[i] == b'\'' && is_elision(&b[s..i]) {
                i += 1;
            }
            out.push(Token {
                start: s,
                end: i,
                word: true,
            });
            // the space after a word, skipped here rather than by a
            // turn of the loop
            if i < end && b[i] == b' ' {
                i += 1;
            }
        } else if c == b'\'' && i + 1 < end && b[i + 1].is_ascii_alphabetic() {
            // English clitic: 's, 't, 're ...
            let s = i;
            i += 1;
            i += b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphabetic())
                .unwrap_or(end - i);
            out.push(Token {
                start: s,
                end: i,
                word: true,
            });
        } else if c == b' ' || c.is_ascii_control() {
            i += 1;
        } else {
            out.push(Token {
                start: i,
                end: i + 1,
                word: false,
            });
            i += 1;
        }
    }
}

/// The tokens where trigger patterns are anchored (of a sentence whose
/// tokens are `toks`, with the lexicon entries `info`), with the
/// (trigger, alternative) pairs of each, into `out`. An anchor is a whole
/// word of the whole folded text: not glued to a letter or digit on either
/// side (an elision's apostrophe ends a word).
pub fn anchors<'l>(
    toks: &[Token],
    info: &[WordInfo],
    folded: &str,
    lex: &'l LangLex,
    out: &mut Vec<(usize, &'l [(usize, usize)])>,
) {
    let b = folded.as_bytes();
    out.clear();
    out.extend(
        toks.iter()
            .zip(info)
            .enumerate()
            .filter(|(_, (t, info))| {
                info.is_anchor()
                    && (t.start == 0 || !b[t.start - 1].is_ascii_alphanumeric())
                    && (t.end >= b.len()
                        || !b[t.end].is_ascii_alphanumeric()
                        || b[t.end - 1] == b'\'')
            })
            .map(|(i, (_, info))| (i, lex.anchored(info))),
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
    Folded::new(s).text
}

/// Folds `s` into `out` (cleared first) as [`fold_entry`] does, without
/// the offset map and into a reused buffer.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let mapped = LATIN
            .get((c as usize).wrapping_sub(0x80))
            .copied()
            .unwrap_or_else(|| fold_char(c));
        for b in mapped.chars() {
            out.push(b.to_ascii_lowercase());
        }
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
        // the galloping search agrees with the whole one
        let text = "Élysée: l’armée «a» été là. ".repeat(20);
        let f = Folded::new(&text);
        for from in [0, 1, 5, 40, 300] {
            for orig in 0..=text.len() {
                if from == 0 || f.map[from - 1] as usize >= orig {
                    continue;
                }
                assert_eq!(f.folded_after(orig, from), f.folded(orig), "{orig} {from}");
            }
        }
    }

    #[test]
    fn folds_into_a_buffer_as_entries_fold() {
        let mut buf = String::from("left over");
        for s in [
            "Ministre des Affaires étrangères",
            "L’ŒUVRE «x» — Zürich",
            "",
            "ASCII only",
        ] {
            fold_into(s, &mut buf);
            assert_eq!(buf, fold_entry(s), "{s}");
        }
    }

    #[test]
    fn lowercases_ascii_eight_bytes_at_a_time() {
        let text: String = (0u8..128).map(char::from).collect();
        let text = text.repeat(3);
        let want: String = text.to_ascii_lowercase();
        assert_eq!(Folded::new(&text).map.len(), text.len() + 1);
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
        let (mut want, mut map) = (String::new(), Vec::new());
        for (pos, c) in text.char_indices() {
            let mapped = if c.is_ascii() {
                c.to_ascii_lowercase().to_string()
            } else {
                fold_char(c).to_ascii_lowercase()
            };
            for _ in mapped.bytes() {
                map.push(pos as u32);
            }
            want.push_str(&mapped);
        }
        map.push(text.len() as u32);
        let f = Folded::new(&text);
        assert_eq!(f.text, want);
        assert_eq!(f.map, map);
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
}
