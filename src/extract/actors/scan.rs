//! The one per-character pass of the actors stage: tokens with their case
//! flags, and the folded text the lexicon automaton runs over.
//!
//! The folded text holds only `[a-z0-9 ]`: every letter or digit is folded
//! (case, accents, other scripts transliterated) and every run of other
//! characters (spaces, punctuation, apostrophes, hyphens) becomes one space,
//! with a space at both ends. Lexicon entries are folded the same way
//! ([`fold_key`]), so `l’AES`, `Guinée-Bissau` and `Afrique de l'Ouest`
//! match whatever their apostrophes, hyphens and accents. Each folded byte
//! remembers the byte offset of the character it came from, so matches map
//! back to spans of the original text.
//!
//! Tokens are words (letters and digits, joined across inner hyphens:
//! `vice-ministre`, `Bek-Evkourov`) and single punctuation characters.
//! Apostrophes always split (`l` `'` `AES`); the grammar rejoins names such
//! as `N'Diaye`.

/// The token's first character is uppercase.
pub const CAP: u8 = 1;
/// The token has at least two letters and all of them are uppercase.
pub const UPPER: u8 = 2;
/// The token is a word (not punctuation).
pub const WORD: u8 = 4;
/// The token contains a letter.
pub const ALPHA: u8 = 8;

/// A word or punctuation character of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the document text.
    pub start: u32,
    /// One past the last byte in the document text.
    pub end: u32,
    /// First byte of its folded form in [`Scan::folded`] (empty for punctuation).
    pub fstart: u32,
    /// One past the last byte of its folded form.
    pub fend: u32,
    /// [`CAP`], [`UPPER`], [`WORD`], [`ALPHA`] bits.
    pub flags: u8,
    /// The character of a punctuation token (`'\0'` for words).
    pub punct: char,
}

impl Token {
    /// True when the token is a word.
    pub fn is_word(&self) -> bool {
        self.flags & WORD != 0
    }
    /// True when the token is a word starting with an uppercase letter.
    pub fn is_cap(&self) -> bool {
        self.flags & (CAP | WORD) == CAP | WORD
    }
    /// True when the token is an all-caps word of two letters or more.
    pub fn is_upper(&self) -> bool {
        self.flags & UPPER != 0
    }
}

/// Tokens and folded text of one document.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Folded text: `[a-z0-9 ]` only, a space at both ends.
    pub folded: String,
    /// For each byte of `folded`, the byte offset of the original character.
    pub src: Vec<u32>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
}

/// Characters that join two word parts into one token (hyphens).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Appends the folded form of one letter or digit to `out`.
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(s) = deunicode::deunicode_char(c) {
        for d in s.chars() {
            if d.is_ascii_alphanumeric() {
                out.push(d.to_ascii_lowercase());
            }
        }
    }
}

/// Folds a lexicon entry the way [`Scan`] folds text: `Guinée-Bissau` →
/// `guinee bissau`, `l’Ouest` → `l ouest`.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut sep = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if sep && !out.is_empty() {
                out.push(' ');
            }
            sep = false;
            push_folded(c, &mut out);
        } else {
            sep = true;
        }
    }
    out
}

impl Scan {
    /// Scans a document text.
    pub fn new(text: &str) -> Scan {
        let mut folded = String::with_capacity(text.len() + 2);
        let mut src: Vec<u32> = Vec::with_capacity(text.len() + 2);
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
        folded.push(' ');
        src.push(0);
        // The word being built: (token, letters seen, uppercase letters seen).
        let mut word: Option<(Token, u32, u32)> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if word.is_none() {
                    if !folded.ends_with(' ') {
                        folded.push(' ');
                        src.push(i as u32);
                    }
                    let fstart = folded.len() as u32;
                    let flags = WORD | if c.is_uppercase() { CAP } else { 0 };
                    word = Some((
                        Token {
                            start: i as u32,
                            end: 0,
                            fstart,
                            fend: 0,
                            flags,
                            punct: '\0',
                        },
                        0,
                        0,
                    ));
                }
                let b = folded.len();
                push_folded(c, &mut folded);
                src.extend(std::iter::repeat_n(i as u32, folded.len() - b));
                if let Some((tok, letters, upper)) = word.as_mut() {
                    if c.is_alphabetic() {
                        *letters += 1;
                        tok.flags |= ALPHA;
                        if c.is_uppercase() {
                            *upper += 1;
                        }
                    }
                    tok.end = (i + c.len_utf8()) as u32;
                    tok.fend = folded.len() as u32;
                }
                continue;
            }
            let joins = is_hyphen(c)
                && word.is_some()
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if joins {
                folded.push(' ');
                src.push(i as u32);
                continue;
            }
            if let Some((mut tok, letters, upper)) = word.take() {
                if letters >= 2 && letters == upper {
                    tok.flags |= UPPER;
                }
                tokens.push(tok);
            }
            if !folded.ends_with(' ') {
                folded.push(' ');
                src.push(i as u32);
            }
            if !c.is_whitespace() {
                let f = folded.len() as u32;
                tokens.push(Token {
                    start: i as u32,
                    end: (i + c.len_utf8()) as u32,
                    fstart: f,
                    fend: f,
                    flags: 0,
                    punct: c,
                });
            }
        }
        if let Some((mut tok, letters, upper)) = word.take() {
            if letters >= 2 && letters == upper {
                tok.flags |= UPPER;
            }
            tokens.push(tok);
        }
        if !folded.ends_with(' ') {
            folded.push(' ');
            src.push(text.len() as u32);
        }
        Scan {
            folded,
            src,
            tokens,
        }
    }

    /// The folded form of a token (`""` for punctuation).
    pub fn fold_of(&self, t: usize) -> &str {
        let tok = &self.tokens[t];
        &self.folded[tok.fstart as usize..tok.fend as usize]
    }

    /// Index of the first token whose folded form ends after folded byte
    /// `f` (the token a folded match starting at `f` begins in).
    pub fn token_at_folded(&self, f: usize) -> usize {
        self.tokens.partition_point(|t| (t.fend as usize) <= f)
    }

    /// Byte span in the text of the folded range `[fs, fe)`.
    pub fn text_span(&self, text: &str, fs: usize, fe: usize) -> (usize, usize) {
        let start = self.src[fs] as usize;
        let last = self.src[fe - 1] as usize;
        let len = text[last..].chars().next().map_or(0, char::len_utf8);
        (start, last + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String, u8)> {
        let s = Scan::new(text);
        s.tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    text[t.start as usize..t.end as usize].to_string(),
                    s.fold_of(i).to_string(),
                    t.flags,
                )
            })
            .collect()
    }

    #[test]
    fn folded_text_unifies_apostrophes_hyphens_and_accents() {
        let cases = [
            ("fr elision", "de l’AES.", " de l aes "),
            ("fr hyphen", "Guinée-Bissau", " guinee bissau "),
            ("fr quotes", "« Sergueï »  Lavrov", " serguei lavrov "),
            ("en possessive", "Mali's minister", " mali s minister "),
            ("cyrillic", "Лавров", " lavrov "),
        ];
        for (name, text, want) in cases {
            assert_eq!(Scan::new(text).folded, want, "case {name}");
        }
    }

    #[test]
    fn tokens_keep_inner_hyphens_and_split_apostrophes() {
        let w = words("le vice-ministre d'Africa Corps, M. N'Diaye.");
        let forms: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            forms,
            vec![
                "le",
                "vice-ministre",
                "d",
                "'",
                "Africa",
                "Corps",
                ",",
                "M",
                ".",
                "N",
                "'",
                "Diaye",
                "."
            ]
        );
        assert_eq!(w[1].1, "vice ministre");
        assert!(w[4].2 & CAP != 0 && w[4].2 & UPPER == 0);
        assert_eq!(w[7].2 & UPPER, 0, "one letter is not all-caps");
        let aes = words("l'AES");
        assert!(aes[2].2 & UPPER != 0);
    }

    #[test]
    fn folded_ranges_map_back_to_text() {
        let text = "À Niamey, l’Alliance des États du Sahel";
        let s = Scan::new(text);
        let f = s.folded.find("alliance des etats du sahel").unwrap();
        let (a, b) = s.text_span(text, f, f + "alliance des etats du sahel".len());
        assert_eq!(&text[a..b], "Alliance des États du Sahel");
        let t = s.token_at_folded(f);
        assert_eq!(
            &text[s.tokens[t].start as usize..s.tokens[t].end as usize],
            "Alliance"
        );
    }

    #[test]
    fn fold_key_matches_scan() {
        for s in [
            "Afrique de l’Ouest",
            "Guinée-Bissau",
            "G5 Sahel",
            "Côte d'Ivoire",
        ] {
            assert_eq!(format!(" {} ", fold_key(s)), Scan::new(s).folded, "{s}");
        }
    }
}
