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

/// Tokenises the whole text.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 5);
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
        loop {
            let Some(&(j, d)) = chars.peek() else { break };
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
                // apostrophe
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
        ];
        for (name, text, expected) in cases {
            assert_eq!(&words(text), expected, "case {name}");
        }
    }
}
