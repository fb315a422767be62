//! The one per-character pass of the actors stage: tokens with their case
//! flags, and the folded text the lexicon trie is walked over.
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

use super::trie::Trie;

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
/// The word has a non-ASCII character (else each of its bytes folds to one
/// byte, which makes mapping folded bytes back to the text trivial).
pub const NON_ASCII: u8 = 32;

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
    /// [`CAP`], [`UPPER`], [`WORD`], [`ALPHA`], [`HYPHEN`], [`NON_ASCII`] bits.
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
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Indices of the capitalised or hyphenated word tokens, in order
    /// (recorded as they are made, which costs less than a pass over all
    /// tokens).
    pub named: Vec<u32>,
    /// The word starts where a lexicon key may begin, in text order: the
    /// token and folded byte of each (filled by [`Scan::for_lexicon`]).
    pub starts: Vec<(u32, u32)>,
}

/// Characters that join two word parts into one token (hyphens).
pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Appends the folded form of one letter or digit to `out`.
pub(super) fn push_folded(c: char, out: &mut String) {
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
    if s.is_ascii() {
        return fold_ascii_key(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut sep = false;
    for c in s.chars() {
        if crate::text::chars::is_alnum(c) {
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

/// [`fold_key`] of ASCII text (most entries): each word is copied whole
/// and lowercased in place, with no character decoding, no push per byte
/// and no UTF-8 check of the result (the key build folds some 30,000
/// entries).
fn fold_ascii_key(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    loop {
        let gap = i;
        while b.get(i).is_some_and(|c| !c.is_ascii_alphanumeric()) {
            i += 1;
        }
        if i == b.len() {
            return out;
        }
        if i > gap && !out.is_empty() {
            out.push(' ');
        }
        let word = i;
        while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        }
        let at = out.len();
        out.push_str(&s[word..i]);
        out[at..].make_ascii_lowercase();
    }
}

/// [`fold_key`] of an owned entry, which most list entries already are
/// (one lowercase ASCII word): then it is kept as is, not copied.
pub fn fold_owned(s: String) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        s
    } else {
        fold_key(&s)
    }
}

/// [`push_folded`] on bytes, for the scanner.
#[inline]
pub(super) fn push_folded_bytes(c: char, out: &mut Vec<u8>) {
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

/// Number of folded bytes a character inside a word stands for: one for
/// an ASCII letter or digit and for a joining hyphen (one space), the
/// length of its transliteration for other letters (possibly zero).
fn folded_len(c: char) -> usize {
    if c.is_ascii() || !c.is_alphanumeric() {
        1
    } else {
        deunicode::deunicode_char(c)
            .map_or(0, |s| s.bytes().filter(u8::is_ascii_alphanumeric).count())
    }
}

/// A folded range located in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte in the text.
    pub end: usize,
    /// Token the range starts in.
    pub t0: usize,
    /// One past the token it ends in.
    pub t1: usize,
}

impl Scan {
    /// Scans a document text (one pass over its bytes, in the `scanner` module).
    pub fn new(text: &str) -> Scan {
        super::scanner::scan(text, None)
    }

    /// [`Scan::new`] that also notes, in [`Scan::starts`], the words that
    /// may start a key of `trie` in variant `variant` or `variant + 1`
    /// (for a word starting with an ASCII lowercase letter): the test is
    /// made while the word's bytes are at hand, and a second pass over the
    /// words is saved.
    pub fn for_lexicon(text: &str, trie: &Trie, variant: usize) -> Scan {
        super::scanner::scan(text, trie.lang_starts(variant))
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

    /// Locates the folded range `[fs, fe)`, whose first and last bytes lie
    /// in words (as lexicon matches do): its byte span and tokens.
    pub fn locate(&self, text: &str, fs: usize, fe: usize) -> Located {
        self.locate_in(text, self.token_at_folded(fs), fs, fe)
    }

    /// [`Scan::locate`] when the range is known to start in token `t0`
    /// (as the walks from [`Scan::starts`] are): the last token is
    /// found by stepping from `t0`, usually a step or two.
    pub fn locate_in(&self, text: &str, t0: usize, fs: usize, fe: usize) -> Located {
        let mut t1 = t0;
        while self
            .tokens
            .get(t1)
            .is_some_and(|tok| (tok.fend as usize) < fe)
        {
            t1 += 1;
        }
        let start = self.source_of(text, t0, fs);
        let last = self.source_of(text, t1, fe - 1);
        let len = match text.as_bytes().get(last) {
            Some(b) if b.is_ascii() => 1,
            _ => text[last..].chars().next().map_or(0, char::len_utf8),
        };
        Located {
            start,
            end: last + len,
            t0,
            t1: t1 + 1,
        }
    }

    /// Calls `f(token, start, end)` for every word of the folded text (a
    /// run of letters and digits after a space, up to the next space), in
    /// order: the fold of each word token, or each of its parts when it has
    /// inner hyphens. The scanner notes [`Scan::starts`] among these words
    /// as it makes them; this second pass is the plain statement of what
    /// they are, for tests.
    #[cfg(test)]
    pub fn for_each_word(&self, mut f: impl FnMut(usize, usize, usize)) {
        let folded = self.folded.as_bytes();
        for (t, tok) in self.tokens.iter().enumerate() {
            let (fs, fe) = (tok.fstart as usize, tok.fend as usize);
            if fs == fe {
                continue;
            }
            if tok.flags & HYPHEN == 0 {
                f(t, fs, fe);
                continue;
            }
            // Parts may be empty (a part folded to nothing): skipped.
            let mut start = fs;
            for (p, &b) in folded.iter().enumerate().take(fe + 1).skip(fs) {
                if p == fe || b == b' ' {
                    if start < p {
                        f(t, start, p);
                    }
                    start = p + 1;
                }
            }
        }
    }

    /// Byte offset in `text` of the character that folded byte `f`, inside
    /// word token `t`, comes from.
    #[inline]
    fn source_of(&self, text: &str, t: usize, f: usize) -> usize {
        let tok = self.tokens[t];
        if tok.flags & NON_ASCII == 0 {
            // One folded byte per byte (letters, digits, hyphens).
            let len = (tok.end - tok.start) as usize;
            return tok.start as usize + f.saturating_sub(tok.fstart as usize).min(len);
        }
        self.wide_source_of(text, tok, f)
    }

    /// [`Scan::source_of`] in a word with non-ASCII characters: the token
    /// is folded again up to `f`, which is cheaper than remembering the
    /// source of every folded byte.
    #[inline(never)]
    fn wide_source_of(&self, text: &str, tok: Token, f: usize) -> usize {
        let start = tok.start as usize;
        let word = &text[start..tok.end as usize];
        let mut fo = tok.fstart as usize;
        for (ci, c) in word.char_indices() {
            fo += folded_len(c);
            if f < fo {
                return start + ci;
            }
        }
        tok.end as usize
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
        let at = s.locate(text, f, f + "alliance des etats du sahel".len());
        assert_eq!(&text[at.start..at.end], "Alliance des États du Sahel");
        let (first, last) = (s.tokens[at.t0], s.tokens[at.t1 - 1]);
        assert_eq!(&text[first.start as usize..first.end as usize], "Alliance");
        assert_eq!(&text[last.start as usize..last.end as usize], "Sahel");
    }

    #[test]
    fn words_start_at_the_letters_after_spaces() {
        let cases = [
            (
                "fr",
                "Le vice-Premier ministre de Guinée-Bissau, M. N'Diaye.",
            ),
            ("en", "U.S.-backed forces (the G5) -- al-Qaeda's x-y-z a--b"),
            ("other", "ǃ ǃx x-ǃ-y ǃ-x Лавров 中国 -a- 10,5"),
            ("empty", ""),
        ];
        for (name, text) in cases {
            let s = Scan::new(text);
            let f = s.folded.as_bytes();
            let want: Vec<usize> = (1..f.len())
                .filter(|&i| f[i - 1] == b' ' && f[i] != b' ')
                .collect();
            let mut got = Vec::new();
            s.for_each_word(|t, fs, fe| {
                assert_eq!(t, s.token_at_folded(fs), "case {name}: {fs}");
                assert_eq!(f[fe], b' ', "case {name}: {fs}");
                assert!(!f[fs..fe].contains(&b' '), "case {name}: {fs}");
                got.push(fs);
            });
            assert_eq!(got, want, "case {name}");
        }
    }

    #[test]
    fn fold_owned_is_fold_key() {
        for s in [
            "moussa",
            "jean-marie",
            "Ould",
            "ben",
            "x2",
            "",
            "élysée",
            "al baghdadi",
        ] {
            assert_eq!(fold_owned(s.to_string()), fold_key(s), "{s:?}");
        }
    }

    #[test]
    fn fold_key_matches_scan() {
        for s in [
            "Afrique de l’Ouest",
            "Guinée-Bissau",
            "G5 Sahel",
            "Côte d'Ivoire",
            "  U.S.-backed -- x ",
            "",
            "--",
            "Bank of England (BoE)",
            "F-16 2024",
            "nations unies.",
            "Nations Unies",
        ] {
            let want = Scan::new(s).folded;
            let want = if want == " " { "  ".to_string() } else { want };
            assert_eq!(format!(" {} ", fold_key(s)), want, "{s}");
        }
    }
}
