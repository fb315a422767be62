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
/// The word has inner hyphens (its folded form has spaces).
pub const HYPHEN: u8 = 16;

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
    /// [`CAP`], [`UPPER`], [`WORD`], [`ALPHA`], [`HYPHEN`] bits.
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

/// The word being built by [`Scan::new`]: its token so far and its letter
/// counts, which decide [`UPPER`] when it closes.
struct OpenWord {
    tok: Token,
    letters: u32,
    upper: u32,
}

/// The state of the one pass of [`Scan::new`]. `folded` is kept as bytes
/// (always ASCII) and turned into a `String` once at the end.
struct Scanner {
    folded: Vec<u8>,
    src: Vec<u32>,
    tokens: Vec<Token>,
    word: Option<OpenWord>,
}

impl Scanner {
    /// Appends one separator space for the character at `i`, unless the
    /// folded text already ends with one.
    #[inline]
    fn space(&mut self, i: usize) {
        if self.folded.last() != Some(&b' ') {
            self.folded.push(b' ');
            self.src.push(i as u32);
        }
    }

    /// Opens a word at byte `i` if none is open.
    #[inline]
    fn open(&mut self, i: usize, upper_first: bool) -> &mut OpenWord {
        if self.word.is_none() {
            self.space(i);
            let fstart = self.folded.len() as u32;
            self.word = Some(OpenWord {
                tok: Token {
                    start: i as u32,
                    end: 0,
                    fstart,
                    fend: 0,
                    flags: WORD | if upper_first { CAP } else { 0 },
                    punct: '\0',
                },
                letters: 0,
                upper: 0,
            });
        }
        self.word.as_mut().expect("a word was just opened")
    }

    /// Closes the open word, if any, and records its token.
    #[inline]
    fn close(&mut self) {
        if let Some(OpenWord {
            mut tok,
            letters,
            upper,
        }) = self.word.take()
        {
            if letters >= 2 && letters == upper {
                tok.flags |= UPPER;
            }
            self.tokens.push(tok);
        }
    }

    /// A run of ASCII letters and digits `bytes[i..j]`, the common case,
    /// without decoding characters.
    fn ascii_run(&mut self, bytes: &[u8], i: usize, j: usize) {
        let w = self.open(i, bytes[i].is_ascii_uppercase());
        let (mut letters, mut upper) = (0, 0);
        for &b in &bytes[i..j] {
            letters += u32::from(b.is_ascii_alphabetic());
            upper += u32::from(b.is_ascii_uppercase());
        }
        if letters > 0 {
            w.tok.flags |= ALPHA;
        }
        w.letters += letters;
        w.upper += upper;
        w.tok.end = j as u32;
        self.folded
            .extend(bytes[i..j].iter().map(u8::to_ascii_lowercase));
        self.src.extend((i..j).map(|k| k as u32));
        let fend = self.folded.len() as u32;
        self.word.as_mut().expect("the run's word is open").tok.fend = fend;
    }

    /// One non-ASCII letter or digit `c` at byte `i`.
    fn other_alnum(&mut self, c: char, i: usize) {
        self.open(i, c.is_uppercase());
        let b = self.folded.len();
        push_folded_bytes(c, &mut self.folded);
        self.src
            .extend(std::iter::repeat_n(i as u32, self.folded.len() - b));
        let fend = self.folded.len() as u32;
        let w = self.word.as_mut().expect("the letter's word is open");
        if c.is_alphabetic() {
            w.letters += 1;
            w.tok.flags |= ALPHA;
            if c.is_uppercase() {
                w.upper += 1;
            }
        }
        w.tok.end = (i + c.len_utf8()) as u32;
        w.tok.fend = fend;
    }

    /// A character `c` at byte `i` of `text` that is neither a letter nor
    /// a digit.
    fn separator(&mut self, text: &str, c: char, i: usize) {
        if is_hyphen(c)
            && let Some(w) = self.word.as_mut()
            && alnum_at(text, i + c.len_utf8())
        {
            // Inner hyphen: the word goes on, its parts split in the fold.
            w.tok.flags |= HYPHEN;
            self.folded.push(b' ');
            self.src.push(i as u32);
            return;
        }
        self.close();
        self.space(i);
        if !c.is_whitespace() {
            let f = self.folded.len() as u32;
            self.tokens.push(Token {
                start: i as u32,
                end: (i + c.len_utf8()) as u32,
                fstart: f,
                fend: f,
                flags: 0,
                punct: c,
            });
        }
    }
}

/// [`push_folded`] on bytes.
fn push_folded_bytes(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() {
        out.push((c as u8).to_ascii_lowercase());
    } else if let Some(s) = deunicode::deunicode_char(c) {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|d| d.to_ascii_lowercase()),
        );
    }
}

/// True when the character starting at byte `i` of `text` (if any) is a
/// letter or digit.
fn alnum_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[i..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

impl Scan {
    /// Scans a document text.
    ///
    /// Runs of ASCII letters and digits (most of any text) are copied and
    /// lowercased without decoding characters; other characters go through
    /// the Unicode tests one by one.
    pub fn new(text: &str) -> Scan {
        let bytes = text.as_bytes();
        let mut s = Scanner {
            folded: Vec::with_capacity(text.len() + 2),
            src: Vec::with_capacity(text.len() + 2),
            tokens: Vec::with_capacity(text.len() / 5),
            word: None,
        };
        s.folded.push(b' ');
        s.src.push(0);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                let j = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                s.ascii_run(bytes, i, j);
                i = j;
                continue;
            }
            if b == b' ' && s.word.is_none() {
                // A space after a separator adds nothing.
                if s.folded.last() == Some(&b' ') {
                    i += 1;
                    continue;
                }
            }
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                text[i..].chars().next().expect("i is a char boundary")
            };
            let next = i + c.len_utf8();
            if !b.is_ascii() && c.is_alphanumeric() {
                s.other_alnum(c, i);
            } else {
                s.separator(text, c, i);
            }
            i = next;
        }
        s.close();
        s.space(text.len());
        Scan {
            folded: String::from_utf8(s.folded).expect("the folded text is ASCII"),
            src: s.src,
            tokens: s.tokens,
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

    /// The straightforward char-by-char scan the fast one must agree with.
    fn reference(text: &str) -> Scan {
        let mut folded = String::from(" ");
        let mut src = vec![0u32];
        let mut tokens = Vec::new();
        let mut word: Option<(Token, u32, u32)> = None;
        let mut chars = text.char_indices().peekable();
        let close = |w: Option<(Token, u32, u32)>, tokens: &mut Vec<Token>| {
            if let Some((mut tok, letters, upper)) = w {
                if letters >= 2 && letters == upper {
                    tok.flags |= UPPER;
                }
                tokens.push(tok);
            }
        };
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if word.is_none() {
                    if !folded.ends_with(' ') {
                        folded.push(' ');
                        src.push(i as u32);
                    }
                    let flags = WORD | if c.is_uppercase() { CAP } else { 0 };
                    let fstart = folded.len() as u32;
                    let tok = Token {
                        start: i as u32,
                        end: 0,
                        fstart,
                        fend: 0,
                        flags,
                        punct: '\0',
                    };
                    word = Some((tok, 0, 0));
                }
                let b = folded.len();
                push_folded(c, &mut folded);
                src.extend(std::iter::repeat_n(i as u32, folded.len() - b));
                let (tok, letters, upper) = word.as_mut().unwrap();
                if c.is_alphabetic() {
                    *letters += 1;
                    tok.flags |= ALPHA;
                    *upper += u32::from(c.is_uppercase());
                }
                tok.end = (i + c.len_utf8()) as u32;
                tok.fend = folded.len() as u32;
                continue;
            }
            if is_hyphen(c)
                && word.is_some()
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            {
                word.as_mut().unwrap().0.flags |= HYPHEN;
                folded.push(' ');
                src.push(i as u32);
                continue;
            }
            close(word.take(), &mut tokens);
            if !folded.ends_with(' ') {
                folded.push(' ');
                src.push(i as u32);
            }
            if !c.is_whitespace() {
                let f = folded.len() as u32;
                let end = (i + c.len_utf8()) as u32;
                let tok = Token {
                    start: i as u32,
                    end,
                    fstart: f,
                    fend: f,
                    flags: 0,
                    punct: c,
                };
                tokens.push(tok);
            }
        }
        close(word.take(), &mut tokens);
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

    #[test]
    fn fast_scan_agrees_with_the_char_by_char_scan() {
        let cases = [
            ("empty", ""),
            ("spaces only", "  \t\n "),
            ("fr sentence", "Le ministre Sergueï Lavrov, à Niamey : « Très bien ! »"),
            ("en sentence", "Mali's U.S.-backed FOREIGN minister said (on 3 May) no."),
            ("hyphens", "a-b -a a- a--b a - b é-é A‐B x‑Y 9-11"),
            ("apostrophes", "l’AES d'Africa N'Diaye O’Brien"),
            ("control spaces", "a\u{b}b\u{c}c\u{a0}d\u{2009}e\r\nf"),
            ("letters without ascii fold", "Ⅻ ǅemal ß Straße ﬁn"),
            ("other scripts", "Лавров 中国 ΑΘΗΝΑ عبد"),
            ("symbols and marks", "e\u{301}t\u{301} 😀 x😀y €5 ½"),
            ("digits", "G5 1er 2e 10,5 ٣"),
        ];
        for (name, text) in cases {
            let (got, want) = (Scan::new(text), reference(text));
            assert_eq!(got.folded, want.folded, "case {name}: folded");
            assert_eq!(got.src, want.src, "case {name}: src");
            assert_eq!(got.tokens, want.tokens, "case {name}: tokens");
        }
    }

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
