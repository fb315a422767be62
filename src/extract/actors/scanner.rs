//! The byte-level pass behind [`Scan::new`]: tokens and folded text in
//! one go over the document.
//!
//! Most of a text is ASCII letters, digits and spaces, so each byte is
//! first classified with one table lookup, and runs of ASCII letters and
//! digits are copied and lowercased at once. Other characters are decoded;
//! those below [`WIDE_END`] (Latin, Greek, Cyrillic, Arabic, typographic
//! punctuation) are classified by a table built once from the standard
//! library's Unicode tests, the rest by the tests themselves. The rules are
//! those described in [`super::scan`].

use std::sync::atomic::{AtomicU8, Ordering};

use crate::text::swar;

use super::scan::{
    ALPHA, CAP, HYPHEN, NON_ASCII, Scan, Token, UPPER, WORD, is_hyphen, push_folded_bytes,
};
use super::trie::{LangStarts, Start, head_hash};

/// Class bit: letter or digit ([`char::is_alphanumeric`]).
const ALNUM_B: u8 = 1;
/// Class bit: letter ([`char::is_alphabetic`]).
const LETTER_B: u8 = 2;
/// Class bit: uppercase ([`char::is_uppercase`]). `UPPER_B << 3` is the
/// ASCII case bit, so `b | (class & UPPER_B) << 3` lowercases a byte.
const UPPER_B: u8 = 4;
/// Class bit: whitespace ([`char::is_whitespace`]).
const SPACE_B: u8 = 8;

/// The class bits of every byte (none for non-ASCII bytes).
static CLASS: [u8; 256] = classes();

/// Characters below this get their class from [`WIDE`].
const WIDE_END: usize = 0x2100;

/// Marks an entry of [`WIDE`] as computed (a class may be 0).
const KNOWN: u8 = 0x80;

/// The class bits of the characters below [`WIDE_END`], each computed the
/// first time it is met, `| KNOWN` (0: not yet). Filling the whole table up
/// front cost 17 M instructions per run, for the few hundred characters an
/// article set actually uses. Threads may compute an entry twice; they
/// store the same value.
static WIDE: [AtomicU8; WIDE_END] = [const { AtomicU8::new(0) }; WIDE_END];

/// The class bits of a character, from the standard library.
fn class_by_std(c: char) -> u8 {
    let bit = |yes: bool, b: u8| if yes { b } else { 0 };
    bit(c.is_alphanumeric(), ALNUM_B)
        | bit(c.is_alphabetic(), LETTER_B)
        | bit(c.is_uppercase(), UPPER_B)
        | bit(c.is_whitespace(), SPACE_B)
}

/// The class bits of a character.
fn class_of(c: char) -> u8 {
    let Some(slot) = WIDE.get(c as usize) else {
        return class_by_std(c);
    };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let class = class_by_std(c);
            slot.store(class | KNOWN, Ordering::Relaxed);
            class
        }
        known => known & !KNOWN,
    }
}

const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM_B | LETTER_B | UPPER_B
        } else if c.is_ascii_lowercase() {
            ALNUM_B | LETTER_B
        } else if c.is_ascii_digit() {
            ALNUM_B
        } else if matches!(c, 9..=13 | b' ') {
            SPACE_B
        } else {
            0
        };
        b += 1;
    }
    t
}

/// A character of U+00C0 to U+00FF (the accented letters of French and
/// most Western languages): its class bits, folded length and folded bytes.
type Latin1 = (u8, u8, [u8; 2]);

/// The [`Latin1`] entries of U+00C0 to U+00FF, built once from the same
/// class and fold functions as other characters.
static LATIN1: std::sync::LazyLock<[Latin1; 64]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|k| {
        let c = char::from(0xC0 + k as u8);
        let mut fold = Vec::new();
        push_folded_bytes(c, &mut fold);
        let mut bytes = [0u8; 2];
        let len = fold.len().min(2);
        bytes[..len].copy_from_slice(&fold[..len]);
        assert!(fold.len() <= 2, "U+00C0..U+00FF fold to two bytes at most");
        (class_by_std(c), len as u8, bytes)
    })
});

/// The [`Latin1`] entry of the character at byte `i` when it is one of
/// U+00C0 to U+00FF (UTF-8 `C3 80` to `C3 BF`).
#[inline(always)]
fn latin1(bytes: &[u8], i: usize) -> Option<&'static Latin1> {
    if bytes[i] != 0xC3 {
        return None;
    }
    let second = *bytes.get(i + 1)?;
    LATIN1.get(usize::from(second.wrapping_sub(0x80)))
}

/// The flags of a word whose first character is an ASCII lowercase letter:
/// not capitalised, not all-caps, with a letter.
const LOWER_WORD: u8 = WORD | ALPHA;

/// The state of the pass. `folded` is kept as bytes (always ASCII) and
/// becomes a `String` once at the end.
struct Scanner<'t> {
    text: &'t str,
    folded: Vec<u8>,
    tokens: Vec<Token>,
    named: Vec<u32>,
    /// The word being built, meaningful while `open`.
    word: Token,
    open: bool,
    /// Letters of the open word so far, and whether one of them is not
    /// uppercase: the word is all-caps ([`UPPER`]) when it has two letters
    /// or more and no such one.
    letters: u32,
    mixed: bool,
    /// The start tables of the document's language, which tell which
    /// words may start a key (the second table for words starting with an
    /// ASCII lowercase letter).
    lexicon: Option<LangStarts<'t>>,
    /// Words that may start a key ([`Scan::starts`]).
    starts: Vec<(u32, u32)>,
    /// A word that may start only keys of several words, waiting for the
    /// next word: its hash ([`NO_PAIR`]: none), token and folded start.
    pending: usize,
    pending_at: (u32, u32),
}

/// [`Scanner::pending`] when no word waits.
const NO_PAIR: usize = usize::MAX;

/// Scans a document text into its tokens and folded text; with `lexicon`,
/// also notes the words that may start one of its keys.
pub(super) fn scan<'t>(text: &'t str, lexicon: Option<LangStarts<'t>>) -> Scan {
    let bytes = text.as_bytes();
    let mut s = Scanner {
        text,
        folded: Vec::with_capacity(text.len() + 2),
        tokens: Vec::with_capacity(text.len() / 5),
        named: Vec::with_capacity(text.len() / 32),
        word: Token {
            start: 0,
            end: 0,
            fstart: 0,
            fend: 0,
            flags: 0,
            punct: '\0',
        },
        open: false,
        letters: 0,
        mixed: false,
        lexicon,
        starts: Vec::new(),
        pending: NO_PAIR,
        pending_at: (0, 0),
    };
    s.folded.push(b' ');
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let class = CLASS[usize::from(b)];
        if class & ALNUM_B != 0 {
            i = match s.short_word(i) {
                Some(j) => j,
                None => s.ascii_run(i),
            };
        } else if class & SPACE_B != 0 {
            s.close();
            s.space();
            i += 1;
        } else if b.is_ascii() {
            s.separator(char::from(b), false, i);
            i += 1;
        } else if let Some(entry) = latin1(bytes, i) {
            s.latin1_char(entry, i);
            i += 2;
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            let class = class_of(c);
            if class & ALNUM_B != 0 {
                s.other_alnum(c, class, i);
            } else {
                s.separator(c, class & SPACE_B != 0, i);
            }
            i += c.len_utf8();
        }
    }
    s.close();
    s.space();
    Scan {
        folded: String::from_utf8(s.folded).expect("the folded text is ASCII"),
        tokens: s.tokens,
        named: s.named,
        starts: s.starts,
    }
}

impl Scanner<'_> {
    /// Appends one separator space unless the folded text ends with one.
    fn space(&mut self) {
        if self.folded.last() != Some(&b' ') {
            self.folded.push(b' ');
        }
    }

    /// Opens a word at byte `i` unless one is open.
    fn open(&mut self, i: usize, upper_first: bool) {
        if self.open {
            return;
        }
        self.space();
        self.word = Token {
            start: i as u32,
            end: 0,
            fstart: self.folded.len() as u32,
            fend: 0,
            flags: WORD | if upper_first { CAP } else { 0 },
            punct: '\0',
        };
        self.open = true;
        self.letters = 0;
        self.mixed = false;
    }

    /// Closes the open word, if any, and records its token.
    fn close(&mut self) {
        if self.open {
            self.open = false;
            if self.letters >= 2 && !self.mixed {
                self.word.flags |= UPPER;
            }
            if self.word.flags & (CAP | HYPHEN) != 0 {
                self.named.push(self.tokens.len() as u32);
            }
            if self.lexicon.is_some() {
                self.word_starts();
            }
            self.tokens.push(self.word);
        }
    }

    /// Notes the words of the open word's folded form (its parts when it
    /// has inner hyphens; parts folded to nothing are no words) that may
    /// start a key.
    #[inline(never)]
    fn word_starts(&mut self) {
        let (fs, fe) = (self.word.fstart as usize, self.word.fend as usize);
        let lower = self.text.as_bytes()[self.word.start as usize].is_ascii_lowercase();
        let t = self.tokens.len() as u32;
        if self.word.flags & HYPHEN == 0 {
            // No inner hyphen, no space in the fold: one word.
            if fs < fe {
                let load = swar::load(self.text.as_bytes(), self.word.start as usize);
                let h = match load {
                    // ASCII: the fold is the word lowercased, byte for byte.
                    Some(w) if self.word.flags & NON_ASCII == 0 => {
                        let head = swar::ascii_lowercase(w) & swar::low_bytes((fe - fs).min(8));
                        head_hash(head, fe - fs)
                    }
                    _ => self.folded_hash(fs, fe),
                };
                self.word_start(t, fs as u32, h, lower);
            }
            return;
        }
        let mut start = fs;
        for p in fs..=fe {
            if p == fe || self.folded[p] == b' ' {
                if start < p {
                    let h = self.folded_hash(start, p);
                    self.word_start(t, start as u32, h, lower && start == fs);
                }
                start = p + 1;
            }
        }
    }

    /// The `word_hash` of the folded word at `fs..fe`, which may be the
    /// last bytes of the folded text so far.
    fn folded_hash(&self, fs: usize, fe: usize) -> usize {
        let n = (fe - fs).min(8);
        let mut head = [0u8; 8];
        head[..n].copy_from_slice(&self.folded[fs..fs + n]);
        head_hash(u64::from_le_bytes(head), fe - fs)
    }

    /// Notes whether the word of hash `h` at folded byte `fs`, in token
    /// `t`, may start a key (`lower`: it starts the token with an ASCII
    /// lowercase letter), or completes the two words that may.
    #[inline(always)]
    fn word_start(&mut self, t: u32, fs: u32, h: usize, lower: bool) {
        let Some(lexicon) = self.lexicon else {
            return;
        };
        if self.pending != NO_PAIR {
            self.complete_pair(h);
        }
        match lexicon.starts(h, lower) {
            Start::Nothing => {}
            Start::Word => self.starts.push((t, fs)),
            Start::Pair => {
                self.pending = h;
                self.pending_at = (t, fs);
            }
        }
    }

    /// The word of hash `h` follows one that may start only keys of
    /// several words: that one is noted when a key starts with both.
    #[inline(never)]
    fn complete_pair(&mut self, h: usize) {
        let first = std::mem::replace(&mut self.pending, NO_PAIR);
        if self.lexicon.is_some_and(|l| l.pair_may_start(first, h)) {
            self.starts.push(self.pending_at);
        }
    }

    /// The common word: fewer than eight ASCII letters and digits starting
    /// at byte `i` outside a word, then an ASCII character that is not a
    /// hyphen (so the word ends there). It is recorded at once from bit
    /// masks of its eight bytes, with the space after it if there is one;
    /// returns where the scan goes on. `None` for other words, left to
    /// [`Scanner::ascii_run`].
    #[inline]
    fn short_word(&mut self, i: usize) -> Option<usize> {
        if self.open {
            return None;
        }
        let bytes = self.text.as_bytes();
        let w = swar::load(bytes, i)?;
        let lower = swar::ascii_lowercase(w);
        let high = swar::splat(0x80);
        let n = swar::before_first(!swar::ascii_lower_alnum(lower) & high);
        if n == 8 {
            return self.medium_word(i, w, lower);
        }
        let next = *bytes.get(i + n)?;
        if !next.is_ascii() || next == b'-' {
            return None;
        }
        let head = lower & swar::low_bytes(n);
        if (w as u8).is_ascii_lowercase() {
            // Most words: a lowercase first letter makes the flags known.
            return Some(self.push_ascii_word((i, n), &[lower], head, LOWER_WORD, next, true));
        }
        let run = swar::low_bytes(n) & high;
        let capitals = (w ^ lower) << 2 & run;
        let letters = !swar::ascii_digits(lower) & run;
        let mut flags = WORD;
        if capitals & 0x80 != 0 {
            flags |= CAP;
        }
        if letters != 0 {
            flags |= ALPHA;
        }
        if letters.count_ones() >= 2 && letters & !capitals == 0 {
            flags |= UPPER;
        }
        Some(self.push_ascii_word((i, n), &[lower], head, flags, next, false))
    }

    /// [`Scanner::short_word`] for a word of eight to fifteen bytes, whose
    /// first eight are `w` (`lower` lowercased): a second block of eight,
    /// kept out of the common path, where it cost more than it saved.
    #[inline(never)]
    fn medium_word(&mut self, i: usize, w: u64, lower: u64) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let high = swar::splat(0x80);
        let w2 = swar::load(bytes, i + 8)?;
        let lower2 = swar::ascii_lowercase(w2);
        let n2 = swar::before_first(!swar::ascii_lower_alnum(lower2) & high);
        let len = 8 + n2;
        let next = *bytes.get(i + len)?;
        if n2 == 8 || !next.is_ascii() || next == b'-' {
            return None;
        }
        if (w as u8).is_ascii_lowercase() {
            let blocks = [lower, lower2];
            return Some(self.push_ascii_word((i, len), &blocks, lower, LOWER_WORD, next, true));
        }
        let run2 = swar::low_bytes(n2) & high;
        let capitals = (w ^ lower) << 2 & high;
        let capitals2 = (w2 ^ lower2) << 2 & run2;
        let letters = !swar::ascii_digits(lower) & high;
        let letters2 = !swar::ascii_digits(lower2) & run2;
        let mut flags = WORD;
        if capitals & 0x80 != 0 {
            flags |= CAP;
        }
        if letters | letters2 != 0 {
            flags |= ALPHA;
        }
        // Both blocks' letter marks in one mask (0x80 and 0x40 bits): two
        // letters or more when clearing its lowest bit leaves one.
        let both = letters | letters2 >> 1;
        if both & both.wrapping_sub(1) != 0
            && letters & !capitals == 0
            && letters2 & !capitals2 == 0
        {
            flags |= UPPER;
        }
        Some(self.push_ascii_word((i, len), &[lower, lower2], lower, flags, next, false))
    }

    /// Records the ASCII word of `len` bytes at byte `i`, whose lowercased
    /// bytes are the first `len` of `blocks` (`head`: its first eight at
    /// most, the rest zero), and the space after it when `next` is one;
    /// `lower_first` when it starts with a lowercase letter. Returns where
    /// the scan goes on.
    #[inline(always)]
    fn push_ascii_word(
        &mut self,
        (i, len): (usize, usize),
        blocks: &[u64],
        head: u64,
        flags: u8,
        next: u8,
        lower_first: bool,
    ) -> usize {
        if flags & CAP != 0 {
            self.named.push(self.tokens.len() as u32);
        }
        self.space();
        let fstart = self.folded.len();
        if self.lexicon.is_some() {
            let t = self.tokens.len() as u32;
            self.word_start(t, fstart as u32, head_hash(head, len), lower_first);
        }
        for block in blocks {
            self.folded.extend_from_slice(&block.to_le_bytes());
        }
        self.folded.truncate(fstart + len);
        self.tokens.push(Token {
            start: i as u32,
            end: (i + len) as u32,
            fstart: fstart as u32,
            fend: (fstart + len) as u32,
            flags,
            punct: '\0',
        });
        if next == b' ' {
            self.folded.push(b' ');
            return i + len + 1;
        }
        i + len
    }

    /// The run of ASCII letters and digits starting at byte `i`; returns
    /// where it ends.
    fn ascii_run(&mut self, i: usize) -> usize {
        let bytes = self.text.as_bytes();
        let class = |b: &u8| CLASS[usize::from(*b)];
        self.open(i, class(&bytes[i]) & UPPER_B != 0);
        // Eight bytes at a time: all eight are lowered and appended, then
        // the folded text is cut back to the letters and digits among them
        // (a fixed-size copy is cheaper than a loop or a sized one).
        let mut j = i;
        while let Some(w) = swar::load(bytes, j) {
            let lower = swar::ascii_lowercase(w);
            let n = swar::before_first(!swar::ascii_lower_alnum(lower) & swar::splat(0x80));
            let len = self.folded.len();
            self.folded.extend_from_slice(&lower.to_le_bytes());
            self.folded.truncate(len + n);
            j += n;
            if n < 8 {
                break;
            }
        }
        if swar::load(bytes, j).is_none() {
            // Fewer than eight bytes left.
            let rest = &bytes[j..];
            let n = rest
                .iter()
                .position(|b| class(b) & ALNUM_B == 0)
                .unwrap_or(rest.len());
            self.folded
                .extend(rest[..n].iter().map(|b| b | (class(b) & UPPER_B) << 3));
            j += n;
        }
        if !self.mixed {
            // Counting letters matters only until one is lowercase, which
            // is usually the second byte.
            for b in &bytes[i..j] {
                let c = class(b);
                if c & LETTER_B != 0 {
                    self.letters += 1;
                    self.word.flags |= ALPHA;
                    if c & UPPER_B == 0 {
                        self.mixed = true;
                        break;
                    }
                }
            }
        }
        self.word.end = j as u32;
        self.word.fend = self.folded.len() as u32;
        j
    }

    /// One non-ASCII letter or digit `c` (of class bits `class`) at byte `i`.
    fn other_alnum(&mut self, c: char, class: u8, i: usize) {
        self.open(i, class & UPPER_B != 0);
        self.word.flags |= NON_ASCII;
        push_folded_bytes(c, &mut self.folded);
        self.letter(class);
        self.word.end = (i + c.len_utf8()) as u32;
        self.word.fend = self.folded.len() as u32;
    }

    /// One character of U+00C0 to U+00FF at byte `i`, of table entry
    /// `entry`: class and fold from a small table, not the general decode
    /// and fold.
    #[inline(always)]
    fn latin1_char(&mut self, &(class, len, fold): &Latin1, i: usize) {
        if class & ALNUM_B != 0 {
            self.open(i, class & UPPER_B != 0);
            self.word.flags |= NON_ASCII;
            // Both bytes, then cut back: cheaper than a sized copy.
            let at = self.folded.len();
            self.folded.extend_from_slice(&fold);
            self.folded.truncate(at + usize::from(len));
            self.letter(class);
            self.word.end = (i + 2) as u32;
            self.word.fend = self.folded.len() as u32;
        } else {
            let c = char::from(0x40 + self.text.as_bytes()[i + 1]);
            self.separator(c, class & SPACE_B != 0, i);
        }
    }

    /// Counts a letter of class bits `class` (if it is one) in the open word.
    #[inline(always)]
    fn letter(&mut self, class: u8) {
        if class & LETTER_B != 0 {
            self.letters += 1;
            self.word.flags |= ALPHA;
            self.mixed |= class & UPPER_B == 0;
        }
    }

    /// A character `c` at byte `i` that is neither a letter nor a digit
    /// (nor ASCII whitespace); `space` when it is whitespace.
    fn separator(&mut self, c: char, space: bool, i: usize) {
        let next = i + c.len_utf8();
        if is_hyphen(c) && self.open && self.alnum_at(next) {
            // Inner hyphen: the word goes on, its parts split in the fold.
            self.word.flags |= if c.is_ascii() {
                HYPHEN
            } else {
                HYPHEN | NON_ASCII
            };
            self.folded.push(b' ');
            return;
        }
        self.close();
        self.space();
        if !space {
            let f = self.folded.len() as u32;
            self.tokens.push(Token {
                start: i as u32,
                end: next as u32,
                fstart: f,
                fend: f,
                flags: 0,
                punct: c,
            });
        }
    }

    /// True when the character at byte `i` (if any) is a letter or digit.
    fn alnum_at(&self, i: usize) -> bool {
        match self.text.as_bytes().get(i) {
            None => false,
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => self.text[i..]
                .chars()
                .next()
                .is_some_and(|c| class_of(c) & ALNUM_B != 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::scan::push_folded;
    use super::*;

    #[test]
    fn class_table_agrees_with_std_for_ascii() {
        for b in 0u8..128 {
            assert_eq!(
                CLASS[usize::from(b)],
                class_by_std(char::from(b)),
                "byte {b}"
            );
        }
    }

    /// The straightforward char-by-char scan the fast one must agree with.
    fn reference(text: &str) -> (Scan, Vec<u32>) {
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
                if !c.is_ascii() {
                    tok.flags |= NON_ASCII;
                }
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
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
                && let Some(w) = word.as_mut()
            {
                w.0.flags |= HYPHEN;
                if !c.is_ascii() {
                    w.0.flags |= NON_ASCII;
                }
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
        let named = (tokens.iter().enumerate())
            .filter(|(_, t)| t.is_cap() || t.flags & HYPHEN != 0)
            .map(|(i, _)| i as u32)
            .collect();
        (
            Scan {
                folded,
                tokens,
                named,
                starts: Vec::new(),
            },
            src,
        )
    }

    #[test]
    fn fast_scan_agrees_with_the_char_by_char_scan() {
        let cases = [
            ("empty", ""),
            ("spaces only", "  \t\n "),
            (
                "fr sentence",
                "Le ministre Sergueï Lavrov, à Niamey : « Très bien ! »",
            ),
            (
                "en sentence",
                "Mali's U.S.-backed FOREIGN minister said (on 3 May) no.",
            ),
            ("hyphens", "a-b -a a- a--b a - b é-é A‐B x‑Y 9-11"),
            ("apostrophes", "l’AES d'Africa N'Diaye O’Brien"),
            ("control spaces", "a\u{b}b\u{c}c\u{a0}d\u{2009}e\r\nf"),
            ("letters without ascii fold", "Ⅻ ǅemal ß Straße ﬁn"),
            ("other scripts", "Лавров 中国 ΑΘΗΝΑ عبد"),
            ("symbols and marks", "e\u{301}t\u{301} 😀 x😀y €5 ½"),
            ("digits", "G5 1er 2e 10,5 ٣"),
            (
                "all caps",
                "ÉTATS-UNIS UE A B2B ABc A1B AB-cd ÀÉ Éa 中国 ΑΘΗΝΑ ǅ",
            ),
            ("latin-1", "ª º ² µ ¼ × ÷ ÿ Ÿ Ĳ ĳ ſ"),
            (
                "short words",
                "Le Mali, l'AES et UN G5 x9 ABC-d ÉTAT Niger.\nOK\tab cd ÉTé AbcdefgH Abcdefghi a\u{2010}b",
            ),
            ("word at the end", "un deux trois quatre Niger"),
        ];
        for (name, text) in cases {
            check_against_reference(name, text);
        }
    }

    #[test]
    fn long_texts_at_every_block_offset() {
        // Stretches of spaced ASCII words long enough for whole 64-byte
        // blocks, with what ends them: punctuation, accents, hyphens,
        // double spaces, newlines, all-caps and digit words, a word longer
        // than a block.
        let cases = [
            (
                "fr",
                "Le président du Mali a reçu le ministre des Affaires étrangères \
                 de la Russie Sergueï Lavrov à Bamako mardi  dans la soirée pour \
                 un entretien sur la coopération militaire entre les deux pays et \
                 la situation au Sahel. Le G5 Sahel et la CEDEAO ont été évoqués \
                 selon un communiqué de la présidence publié le 12 mai 2024 à 18h\n",
            ),
            (
                "en",
                "The foreign minister of Mali met the Russian envoy in Bamako on \
                 Tuesday evening to discuss military cooperation between the two \
                 countries and the situation in the Sahel region where ECOWAS and \
                 the UN have long been present with about 13000 peacekeepers from \
                 MINUSMA Antidisestablishmentarianismisaverylongwordindeedforsure \
                 x-ray vice-president al-Qaeda's U.S. A1B 5G ABc aBC Xy X y",
            ),
            (
                "long words",
                "INTERNATIONAL Internationale coopération ABCDEFGHIJ Abcdefghijklmno \
                 ABCDEFGH1234567 12345678901234 abcdefgh- ABCDEFGHIJKLMNOP, \
                 abcdefghijklmnop Ministerial-level AbcdefghI. A2345678 12345678 \
                 abcdefghé Abcdefghijklmnoé ABCDEFGHIJKLMNOé ABCDEFGH'S 1234567A",
            ),
        ];
        for (name, text) in cases {
            for pad in 0..70 {
                let padded = format!("{}{text}", "a ".repeat(pad / 2) + &" ".repeat(pad % 2));
                check_against_reference(&format!("{name} +{pad}"), &padded);
                let cut = &text[..text.floor_char_boundary(text.len() - pad)];
                check_against_reference(&format!("{name} -{pad}"), cut);
            }
        }
    }

    fn check_against_reference(name: &str, text: &str) {
        let (got, (want, src)) = (scan(text, None), reference(text));
        assert_eq!(got.folded, want.folded, "case {name}: folded");
        assert_eq!(got.tokens, want.tokens, "case {name}: tokens");
        assert_eq!(got.named, want.named, "case {name}: named");
        // Every folded letter of a word maps back to its character.
        for (t, tok) in got.tokens.iter().enumerate() {
            let (fstart, fend) = (tok.fstart as usize, tok.fend as usize);
            let letters = got.folded.as_bytes()[fstart..fend].iter();
            for ((f, &byte), &origin) in (fstart..).zip(letters).zip(&src[fstart..fend]) {
                if byte != b' ' {
                    let at = got.locate(text, f, f + 1);
                    assert_eq!(at.start, origin as usize, "case {name}: byte {f}");
                    assert_eq!((at.t0, at.t1), (t, t + 1), "case {name}: byte {f}");
                }
            }
        }
    }
}
