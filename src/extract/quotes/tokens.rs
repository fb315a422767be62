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
use crate::text::chars::is_alpha;
use crate::text::words;

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

#[cfg(test)]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// True when the word before an apostrophe is an elided form (`l`, `d`,
/// `qu`, `jusqu`): at most two letters, or ending in `qu`.
fn is_elision(word: &str) -> bool {
    let n = word.chars().count();
    n <= 2 || word.ends_with("qu") || word.ends_with("Qu")
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

/// The tokens found so far, and what sees each.
struct Out<'s, S> {
    bytes: &'s [u8],
    toks: Vec<Tok>,
    sink: &'s mut S,
}

impl<S: TokenSink> Out<'_, S> {
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, word: bool) {
        let t = Tok { start, end, word };
        self.sink.seen(self.bytes, self.toks.len(), &t);
        self.toks.push(t);
    }

    /// The tokens of `text[from..to]`, which holds no letter or digit:
    /// one punctuation token per visible character.
    #[inline(never)]
    fn gap(&mut self, text: &str, from: usize, to: usize) {
        let mut i = from;
        while i < to {
            let b = self.bytes[i];
            if b.is_ascii() {
                // the ASCII spaces of `char::is_whitespace` (with \x0b)
                if !matches!(b, b' ' | b'\t'..=b'\r') {
                    self.push(i, i + 1, false);
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let n = c.len_utf8();
            if !c.is_whitespace() {
                self.push(i, i + n, false);
            }
            i += n;
        }
    }
}

/// The length of the apostrophe at byte `i`, 0 when there is none.
#[inline(always)]
fn apostrophe_at(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'\'') => 1,
        Some(0xE2) if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => 3,
        _ => 0,
    }
}

/// Tokenises the whole text, showing each token to `sink` as it is found.
///
/// Runs over every byte of the article, so the runs of letters and digits
/// are read off bit masks of 64 bytes at a time ([`words::for_each_word_span`]);
/// a word is such a run, or several joined by an inner hyphen or
/// apostrophe, and what lies between words is read byte by byte (mostly a
/// single space). The scans that must look at every token (cue starts,
/// quotation marks) ride along through `sink` instead of walking the tokens again.
#[inline(never)]
pub(crate) fn tokenize_with(text: &str, sink: &mut impl TokenSink) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut out = Out {
        bytes,
        toks: Vec::with_capacity(text.len() / 5),
        sink,
    };
    // the word being read (`ws..we`), when `we > 0`: a word ends only
    // where what follows its last run is known
    let (mut ws, mut we) = (0, 0);
    // where the bytes not tokenized yet start (none of the open word's)
    let mut done = 0;
    words::for_each_word_span(text, |s, e| {
        if we == 0 {
            out.gap(text, done, s);
            (ws, we) = (s, e);
            return;
        }
        // most words are followed by one space
        if s == we + 1 && bytes[we] == b' ' {
            out.push(ws, we, true);
            (ws, we) = (s, e);
            return;
        }
        if s == we + 1 && bytes[we] == b'-' {
            we = e; // `a-t-il`, `porte-parole`
            return;
        }
        let a = apostrophe_at(bytes, we);
        if a > 0 && s == we + a {
            // an apostrophe between two runs: the elided word keeps it
            // (`l'AES`), a word goes on over it before a letter
            // (`aujourd'hui`), else it is punctuation
            if is_elision(&text[ws..we]) {
                out.push(ws, s, true);
            } else if text[s..].chars().next().is_some_and(is_alpha) {
                we = e;
                return;
            } else {
                out.push(ws, we, true);
                out.push(we, s, false);
            }
            (ws, we) = (s, e);
            return;
        }
        done = finish(&mut out, text, ws, we);
        out.gap(text, done, s);
        (ws, we) = (s, e);
    });
    if we > 0 {
        done = finish(&mut out, text, ws, we);
    }
    out.gap(text, done, bytes.len());
    out.toks
}

/// Pushes the word `ws..we` that no run of letters or digits continues
/// (no such run follows its hyphen or apostrophe); returns where the text
/// after it starts.
#[inline(never)]
fn finish<S: TokenSink>(out: &mut Out<'_, S>, text: &str, ws: usize, we: usize) -> usize {
    let a = apostrophe_at(text.as_bytes(), we);
    // an elided word keeps its apostrophe when something visible follows
    let elided = a > 0
        && is_elision(&text[ws..we])
        && text[we + a..]
            .chars()
            .next()
            .is_some_and(|n| !n.is_whitespace());
    let end = if elided { we + a } else { we };
    out.push(ws, end, true);
    end
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
            picks in proptest::collection::vec(0..22usize, 0..60),
        ) {
            // long pieces carry words over the scan's 64-byte blocks
            const PIECES: [&str; 22] = [
                "a", "Qu", "été", "ß", "2", "-", "'", "\u{2019}", " ", "\u{a0}", "«", "\n", ".", "×",
                "jusqu", "Ab0123456789cdefghijklmnopqrstuvwxyz", "\u{2009}", "–", "É", "ǅ", "\u{2018}",
                "\u{2019}\u{2019}",
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
