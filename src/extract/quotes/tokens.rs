//! Word and punctuation tokens of a document, the unit the quotes stage
//! reads attributions in.
//!
//! A word is a run of letters and digits, joined across inner hyphens
//! (`a-t-il`, `porte-parole`) and inner apostrophes (`aujourd'hui`). A short
//! elided word keeps its apostrophe and ends there (`l'`, `d'`, `qu'`), so
//! `l'AES` is two tokens. Every other visible character is one punctuation
//! token; quotation marks and apostrophes that are not inside a word are
//! punctuation tokens too, which is what the mark scanner reads.

use crate::document::Span;
use crate::text::chars::is_alnum;
use crate::text::swar;

/// A token: its byte span and whether it is a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A word (else a single punctuation character).
    pub word: bool,
}

impl Tok {
    /// The token's span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// True when the word before an apostrophe is an elided form (`l`, `d`,
/// `qu`, `jusqu`): at most two letters, or ending in `qu`.
fn is_elision(word: &str) -> bool {
    let n = word.chars().count();
    n <= 2 || word.ends_with("qu") || word.ends_with("Qu")
}

/// ASCII letters and digits, by byte: one load in the tokenizer's inner loop.
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The character at byte `i` of `text` and its length in bytes.
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// What looks at each token as the tokenizer finds it.
pub(crate) trait TokenSink {
    /// Token number `i`, `t`, of text `bytes`.
    fn seen(&mut self, bytes: &[u8], i: usize, t: &Tok);
}

impl TokenSink for () {
    #[inline(always)]
    fn seen(&mut self, _: &[u8], _: usize, _: &Tok) {}
}

/// Tokenises the whole text.
#[cfg(test)]
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    tokenize_with(text, &mut ())
}

/// Tokenises the whole text, showing each token to `sink` as it is found.
///
/// Runs over every byte of the article, so ASCII bytes (nearly all of
/// them) are classed without decoding a `char`, eight at a time inside
/// words. The scans that must look at every token (cue starts, quotation
/// marks) ride along through `sink` instead of walking the tokens again.
#[inline(never)]
pub(crate) fn tokenize_with(text: &str, sink: &mut impl TokenSink) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ASCII_WORD[usize::from(b)] {
            // most words are ASCII and end at a space or punctuation
            let mut end = ascii_word_end(bytes, i + 1);
            if bytes
                .get(end)
                .is_some_and(|&c| !c.is_ascii() || c == b'-' || c == b'\'')
            {
                end = word_end(text, i, end);
            }
            let t = Tok {
                start: i,
                end,
                word: true,
            };
            sink.seen(bytes, out.len(), &t);
            out.push(t);
            // most words are followed by one space: skip it without the
            // checks below
            i = if bytes.get(end) == Some(&b' ') {
                end + 1
            } else {
                end
            };
            continue;
        }
        let (word, n) = if b.is_ascii() {
            // the ASCII spaces of `char::is_whitespace` (with \x0b)
            if matches!(b, b' ' | b'\t'..=b'\r') {
                i += 1;
                continue;
            }
            (false, 1)
        } else {
            let (c, n) = char_at(text, i);
            if c.is_whitespace() {
                i += n;
                continue;
            }
            (is_alnum(c), n)
        };
        let end = if word {
            word_end(text, i, i + n)
        } else {
            i + n
        };
        let t = Tok {
            start: i,
            end,
            word,
        };
        sink.seen(bytes, out.len(), &t);
        out.push(t);
        i = end;
    }
    out
}

/// The end of the run of ASCII letters and digits from byte `i`.
#[inline(always)]
fn ascii_word_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = swar::load(bytes, i) {
        let stop = not_ascii_alnum(w);
        if stop != 0 {
            return i + swar::before_first(stop);
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| ASCII_WORD[usize::from(b)]) {
        i += 1;
    }
    i
}

/// 0x80 in each byte of `w` that is not an ASCII letter or digit.
#[inline]
fn not_ascii_alnum(w: u64) -> u64 {
    // per byte, without carries: the high bit of `x + 0x80 - c` (x < 0x80)
    // is set from `c` up; `| 0x20` lowers letters and maps no other byte
    // into `a..=z`
    let high = swar::splat(0x80);
    let low = w & swar::splat(0x7f);
    let lower = low | swar::splat(0x20);
    let from = |x: u64, c: u8| x + swar::splat(0x80 - c);
    let letter = from(lower, b'a') & !from(lower, b'z' + 1);
    let digit = from(low, b'0') & !from(low, b'9' + 1);
    !((letter | digit) & !w) & high
}

/// True when `C3 c` encodes a letter (`À`..=`ÿ` but for `×` and `÷`), the
/// accented letters of French words, classed without decoding.
fn is_latin1_letter(c: u8) -> bool {
    (0x80..=0xBF).contains(&c) && c != 0x97 && c != 0xB7
}

/// The end of the word starting at byte `start`, whose first characters
/// end at `end`.
#[inline(never)]
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        end = ascii_word_end(bytes, end);
        let Some(&b) = bytes.get(end) else {
            return end;
        };
        if b.is_ascii() && b != b'-' && b != b'\'' {
            return end; // a space or punctuation
        }
        if b == 0xC3 && bytes.get(end + 1).is_some_and(|&c| is_latin1_letter(c)) {
            end += 2;
            continue;
        }
        let (d, dn) = char_at(text, end);
        if is_alnum(d) {
            end += dn;
            continue;
        }
        if d != '-' && !is_apostrophe(d) {
            return end;
        }
        let next = text[end + dn..].chars().next();
        if d == '-' {
            if !next.is_some_and(is_alnum) {
                return end;
            }
            end += dn;
        } else if is_elision(&text[start..end]) && next.is_some_and(|n| !n.is_whitespace()) {
            return end + dn;
        } else if next.is_some_and(char::is_alphabetic) {
            end += dn;
        } else {
            return end;
        }
    }
}

/// Index of the first token starting at or after `pos`.
pub(crate) fn first_at(toks: &[Tok], pos: usize) -> usize {
    toks.partition_point(|t| t.start < pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    /// The plain char-by-char tokenizer (the stage's first version) that
    /// [`tokenize`] must agree with.
    fn reference(text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                out.push(Tok {
                    start: i,
                    end: i + c.len_utf8(),
                    word: false,
                });
                continue;
            }
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                    continue;
                }
                if d == '-' || is_apostrophe(d) {
                    let next = text[j + d.len_utf8()..].chars().next();
                    if d == '-' {
                        if next.is_some_and(char::is_alphanumeric) {
                            end = j + 1;
                            chars.next();
                            continue;
                        }
                        break;
                    }
                    if is_elision(&text[start..end]) && next.is_some_and(|n| !n.is_whitespace()) {
                        end = j + d.len_utf8();
                        chars.next();
                        break;
                    }
                    if next.is_some_and(char::is_alphabetic) {
                        end = j + d.len_utf8();
                        chars.next();
                        continue;
                    }
                }
                break;
            }
            out.push(Tok {
                start,
                end,
                word: true,
            });
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_reference(
            picks in proptest::collection::vec(0..14usize, 0..40),
        ) {
            const PIECES: [&str; 14] = [
                "a", "Qu", "été", "ß", "2", "-", "'", "\u{2019}", " ", "\u{a0}", "«", "\n", ".", "×",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(tokenize(&text), reference(&text), "{:?}", text);
        }
    }

    #[test]
    fn tokens_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "elision_fr",
                "l’AES qu'ils d’« un",
                &["l’", "AES", "qu'", "ils", "d’", "«", "un"],
            ),
            ("inversion_fr", "a-t-il déclaré", &["a-t-il", "déclaré"]),
            (
                "inner_apostrophe",
                "aujourd'hui Russia's",
                &["aujourd'hui", "Russia's"],
            ),
            (
                "closing_single_quote",
                "‘solutions africaines’, nous",
                &["‘", "solutions", "africaines", "’", ",", "nous"],
            ),
            ("honorific", "M. Gromyko", &["M", ".", "Gromyko"]),
            ("dash", "Diop – figure", &["Diop", "–", "figure"]),
            (
                "accents_and_signs",
                "Été 3×4 ÷ ĳssel",
                &["Été", "3", "×", "4", "÷", "ĳssel"],
            ),
            ("trailing_hyphen", "pro- et", &["pro", "-", "et"]),
            (
                "apostrophe_at_end",
                "les pays' l'",
                &["les", "pays", "'", "l", "'"],
            ),
            ("spaces", "a\u{a0}b\u{202f}:\u{0b}c", &["a", "b", ":", "c"]),
        ];
        for (name, text, expected) in cases {
            assert_eq!(&words(text), expected, "case {name}");
        }
    }
}
