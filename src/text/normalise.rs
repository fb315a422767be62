//! Text normalisation: Unicode NFC, one kind of line break, spaces folded.
//!
//! Typographic apostrophes and quotation marks are kept (they are evidence);
//! only invisible differences are removed: no-break and thin spaces become
//! plain spaces, control characters and zero-width marks are dropped, runs
//! of spaces are folded, and lines are trimmed.
//!
//! Most input is already NFC and its lines already clean, so the text is
//! cleaned as it is, in one pass that also notes the characters that could
//! make it other than NFC; composition runs only when there was one and the
//! NFC quick check says it may change something. A line is copied whole
//! when a byte scan finds nothing to change in it; only the other lines are
//! rebuilt character by character.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::bytes16;

/// Normalises decoded text; the result is what every offset indexes into.
///
/// Every line of the input (broken at `\n`, `\r\n`, `\r`, U+0085, U+2028 or
/// U+2029) gives one line of the output, each ended by `\n`, empty lines
/// included.
pub fn normalise(text: &str) -> String {
    normalise_lines(text).text
}

/// A normalised text and where its lines are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    /// The text as [`normalise`] returns it.
    pub text: String,
    /// The byte range of each line that is not empty (without its `\n`),
    /// in text order.
    pub lines: Vec<(usize, usize)>,
}

/// [`normalise`], with the lines that are not empty: the cleaning finds
/// them anyway, so the caller need not scan the text for line breaks again.
pub fn normalise_lines(text: &str) -> Lines {
    // cleaning commutes with nothing but the identity: a text that may not
    // be NFC is cleaned again once composed
    let (lines, unsure) = clean(text);
    if !unsure {
        return lines;
    }
    match compose(text) {
        Cow::Borrowed(_) => lines,
        Cow::Owned(nfc) => clean(&nfc).0,
    }
}

/// The lines of `text` cleaned (folded spaces, invisible characters
/// dropped), and whether it has a character that is not a starter always
/// left alone by NFC (when it has none, it is NFC).
fn clean(text: &str) -> (Lines, bool) {
    let mut out = Cleaner::with_capacity(text.len());
    let mut i = 0;
    loop {
        if let Some(len) = clean_line(&text[i..], &mut out.unsure) {
            out.text.push_str(&text[i..i + len]);
            out.line_break();
            i += len + 1;
            if i > text.len() {
                break;
            }
        } else if let Some(next) = out.clean(text, i) {
            i = next;
        } else {
            out.line_break();
            break;
        }
    }
    let lines = Lines {
        text: out.text,
        lines: out.lines,
    };
    (lines, out.unsure)
}

/// Whether a character from U+0300 up may change or move under NFC (it is
/// not a starter whose NFC quick check is Yes): the typographic
/// punctuation of U+2002..=U+203F (’ “ ” — …) is ruled out without a
/// table lookup.
#[inline]
fn may_compose(c: char) -> bool {
    c >= '\u{300}'
        && !('\u{2002}'..='\u{203f}').contains(&c)
        && (canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

/// The length of the first line of `s` when it needs no change (the line
/// then ends at `\n` or at the end of `s`): visible characters separated by
/// single plain spaces, nothing to drop. Sets `unsure` when a character of
/// the line read so far [may compose](may_compose).
fn clean_line(s: &str, unsure: &mut bool) -> Option<usize> {
    let bytes = s.as_bytes();
    // a space is clean between two visible characters: not at the start of
    // the line, not after another space, not at the end
    let after_space = |i: usize| i == 0 || bytes[i - 1] == b' ';
    let mut i = 0;
    loop {
        if let Some(block) = bytes16::load(bytes, i) {
            // the bytes before the first one that may need a change: not
            // printable ASCII, nor part of a wide character whose lead byte
            // no special character has (`é`, C3 A9, is plain text) and that
            // is below U+0300 (the characters that may compose)
            let special_lead = block.eq(0xc2) | block.at_least(0xcc);
            let fine = block.printable() | (block.non_ascii() & !special_lead);
            let n = (!fine).trailing_zeros() as usize;
            let spaces = block.eq(b' ') & ((1 << n) - 1);
            let before = u32::from(after_space(i));
            if spaces & ((spaces << 1) | before) != 0 {
                return None;
            }
            i += n;
            if n == 16 {
                continue;
            }
        }
        // one character: not printable ASCII, or among the last fifteen bytes
        // (a wide character found above starts with a lead byte: `i` is on
        // a character boundary)
        match bytes.get(i) {
            None | Some(b'\n') => return (i == 0 || !after_space(i)).then_some(i),
            Some(b'!'..=b'~') => i += 1,
            Some(b' ') if !after_space(i) => i += 1,
            // the rest of a wide character the block test passed over
            Some(0x80..0xc0) => i += 1,
            Some(&b) if b >= 0x80 => {
                let c = s[i..].chars().next().unwrap_or_default();
                if is_special(c) {
                    return None;
                }
                *unsure |= may_compose(c);
                i += c.len_utf8();
            }
            _ => return None, // controls, `\r`, tabs, doubled or leading spaces
        }
    }
}

/// Whether a non-ASCII character is one the cleaning changes.
fn is_special(c: char) -> bool {
    matches!(
        c,
        '\u{80}'..='\u{a0}' // C1 controls, next line, no-break space
            | '\u{ad}'
            | '\u{2000}'..='\u{200d}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2060}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// The NFC form of `text`, borrowed when the quick check proves it is NFC.
fn compose(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(NonAscii::new(text)) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// The characters of a text that the NFC quick check needs to see: each run
/// of characters below U+0300 (ASCII, Latin-1, Latin Extended) or in
/// U+2002..=U+203F (typographic punctuation), all starters that are always
/// NFC, is shortened to one `a`, skipped eight bytes at a
/// time where it is ASCII, without decoding.
struct NonAscii<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> NonAscii<'a> {
    fn new(text: &'a str) -> Self {
        NonAscii { text, i: 0 }
    }
}

impl Iterator for NonAscii<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let bytes = self.text.as_bytes();
        let start = self.i;
        loop {
            if let Some(block) = bytes16::load(bytes, self.i) {
                // continuation bytes are below 0xcc too: a run of
                // characters below U+0300 ends at a lead byte from 0xcc up
                let n = (block.at_least(0xcc) | 1 << 16).trailing_zeros() as usize;
                self.i += n;
                if n == 16 {
                    continue;
                }
            }
            match bytes.get(self.i) {
                // ASCII, and the rest of a character the block test passed
                // over
                Some(0..0xc0) => self.i += 1,
                // lead bytes of U+0080..=U+02FF
                Some(0xc0..0xcc) => self.i += 2,
                // U+2002..=U+203F (’ “ ” — …, frequent in news text): NFC
                // starters too (U+2000 and U+2001 are not NFC)
                Some(0xe2)
                    if bytes.get(self.i + 1) == Some(&0x80)
                        && bytes.get(self.i + 2).is_some_and(|&b| b >= 0x82) =>
                {
                    self.i += 3
                }
                _ => break,
            }
        }
        if self.i > start {
            return Some('a');
        }
        let c = self.text[self.i..].chars().next()?;
        self.i += c.len_utf8();
        Some(c)
    }
}

/// The output being built: lines trimmed, runs of spaces folded to one.
struct Cleaner {
    text: String,
    /// Where the current line starts in `text` (spaces are only written
    /// between two visible characters of a line).
    line_start: usize,
    pending_space: bool,
    /// The lines written so far that are not empty.
    lines: Vec<(usize, usize)>,
    /// Whether a character read so far [may compose](may_compose).
    unsure: bool,
}

impl Cleaner {
    fn with_capacity(n: usize) -> Self {
        Cleaner {
            text: String::with_capacity(n + 1),
            line_start: 0,
            pending_space: false,
            // some two hundred bytes a paragraph
            lines: Vec::with_capacity(n / 200 + 1),
            unsure: false,
        }
    }

    /// Rebuilds the line starting at byte `i` of `text`, up to and including
    /// its break; returns where the next line starts, or `None` when the text
    /// ends first (the line's break is then not written).
    fn clean(&mut self, text: &str, mut i: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                i += 1;
                match b {
                    b'!'..=b'~' => self.push(b as char),
                    b' ' | b'\t' | 0x0b | 0x0c => self.pending_space = true,
                    b'\n' => return Some(self.line_break_at(i)),
                    // `\r\n` is one break, a lone `\r` another
                    b'\r' if bytes.get(i) == Some(&b'\n') => {
                        return Some(self.line_break_at(i + 1));
                    }
                    b'\r' => return Some(self.line_break_at(i)),
                    _ => {} // ASCII control characters
                }
                continue;
            }
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            self.unsure |= may_compose(c);
            match c {
                '\u{a0}' | '\u{202f}' | '\u{2002}'..='\u{200a}' | '\u{205f}' | '\u{3000}' => {
                    self.pending_space = true
                }
                '\u{85}' | '\u{2028}' | '\u{2029}' => return Some(self.line_break_at(i)),
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                c if c.is_control() => {}
                c => self.push(c),
            }
        }
        None
    }

    #[inline]
    fn push(&mut self, c: char) {
        if self.pending_space {
            self.pending_space = false;
            if self.text.len() > self.line_start {
                self.text.push(' ');
            }
        }
        self.text.push(c);
    }

    fn line_break(&mut self) {
        if self.text.len() > self.line_start {
            self.lines.push((self.line_start, self.text.len()));
        }
        self.text.push('\n');
        self.line_start = self.text.len();
        self.pending_space = false;
    }

    /// Ends the line; returns `next`, where the next one starts.
    fn line_break_at(&mut self, next: usize) -> usize {
        self.line_break();
        next
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_folds_spaces() {
        // "e" + combining acute → "é"; NBSP before ':' → space
        let s = normalise("  De\u{301}fense\u{a0}: \t oui  \r\nsuite");
        assert_eq!(s, "Défense : oui\nsuite\n");
    }

    #[test]
    fn drops_invisible_characters_keeps_quotes() {
        let s = normalise("l\u{2019}AES\u{200b} « forte »\u{0}");
        assert_eq!(s, "l\u{2019}AES « forte »\n");
    }

    /// The definition the fast path must reproduce exactly: NFC of the whole
    /// text, then per line (split after `\r\n` → `\n`) spaces folded and
    /// invisible characters dropped.
    fn reference(text: &str) -> String {
        let nfc: String = text.replace("\r\n", "\n").nfc().collect();
        let mut out = String::new();
        for line in nfc.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
            let mut pending_space = false;
            let mut line_out = String::new();
            for c in line.chars() {
                match c {
                    ' '
                    | '\t'
                    | '\u{a0}'
                    | '\u{202f}'
                    | '\u{2002}'..='\u{200a}'
                    | '\u{205f}'
                    | '\u{3000}'
                    | '\u{b}'
                    | '\u{c}' => pending_space = true,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                    c if c.is_control() => {}
                    c => {
                        if pending_space && !line_out.is_empty() {
                            line_out.push(' ');
                        }
                        pending_space = false;
                        line_out.push(c);
                    }
                }
            }
            out.push_str(&line_out);
            out.push('\n');
        }
        out
    }

    #[test]
    fn matches_the_reference_definition() {
        let cases = [
            ("empty", ""),
            ("ascii_fr", "Il est venu.  Elle est partie.\n\nFin."),
            ("ascii_en", "\tThe U.S. Army said so.\r\n\r\nThen it left. "),
            ("lone_cr", "one\rtwo\r\r\nthree\n"),
            ("controls", "a\u{0}b\u{7f}c\u{1b}[0m d\u{9c}e\u{85}f"),
            ("separators", "line\u{2028}next\u{2029}\u{2028}last"),
            (
                "decomposed_fr",
                "Ve\u{301}ronique a\u{300} l\u{2019}e\u{301}cole",
            ),
            ("zero_width_between_marks", "e\u{200b}\u{301} x"),
            (
                "thin_spaces",
                "«\u{202f}oui\u{202f}» \u{2009}\u{3000} non\u{a0}!",
            ),
            ("hangul_jamo", "\u{1100}\u{1161}\u{11a8} 한국"),
            ("other_whitespace", "\u{1680}word\u{1680} end"),
            ("mixed_scripts", "Москва — 東京 — القاهرة\r\n"),
            // a wide character across the end of a 16-byte block, then
            // fewer than 16 bytes
            ("wide_across_block", "aaaaaaaaaaaaaaaé b"),
            ("wide_across_block_nbsp", "aaaaaaaaaaaaaaaé\u{a0}b  c"),
            ("decomposed_across_block", "aaaaaaaaaaaaaaaéme\u{301}e"),
        ];
        for (name, text) in cases {
            assert_eq!(normalise(text), reference(text), "case {name}: {text:?}");
            assert_lines(text);
        }
    }

    /// The lines [`normalise_lines`] lists are the text's lines that are
    /// not empty.
    fn assert_lines(text: &str) {
        let out = normalise_lines(text);
        let want: Vec<&str> = out.text.lines().filter(|l| !l.is_empty()).collect();
        let got: Vec<&str> = out.lines.iter().map(|&(a, b)| &out.text[a..b]).collect();
        assert_eq!(got, want, "lines of {text:?}");
    }

    #[test]
    fn characters_below_u0300_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        // the run ends at U+0300 (a combining mark), U+2000 and U+2001
        // (not NFC); it goes on over the punctuation of U+2002..=U+203F
        let punctuation = '\u{2002}'..='\u{203f}';
        for c in ('\u{80}'..'\u{300}')
            .chain(['\u{300}', '\u{2000}', '\u{2001}'])
            .chain(punctuation.clone())
        {
            let skipped = (c as u32) < 0x300 || punctuation.contains(&c);
            let starter_nfc = canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
            assert_eq!(skipped, starter_nfc, "{c:?}");
        }
    }

    #[test]
    fn may_compose_is_the_quick_check_of_one_character() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\u{0}'..='\u{2ffff}').chain(['\u{e0001}', '\u{10ffff}']) {
            let starter_nfc = canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
            assert_eq!(may_compose(c), !starter_nfc, "{c:?}");
        }
    }

    proptest::proptest! {
        /// Random mixes of the characters the rules single out.
        #[test]
        fn any_text_matches_the_reference(
            text in "[a-zA-Z0-9 .\t\r\n\u{0}\u{b}\u{85}\u{a0}\u{ad}\u{300}\u{301}\u{327}\u{200b}\u{2009}\u{2028}\u{2019}\u{80}\u{2000}\u{feff}\u{3000}\u{1680}éÉçœ]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalise(&text), reference(&text));
            assert_lines(&text);
        }

        /// Mostly words and single spaces, so that whole 8-byte words are
        /// clean and the rest falls in between.
        #[test]
        fn wordy_text_matches_the_reference(
            text in "([a-zA-Z]{1,9}[ .,]{1,2}|é|\u{2019}|\n|  |\u{a0}|\t|\r\n|\u{301}|\u{7f}){0,30}"
        ) {
            proptest::prop_assert_eq!(normalise(&text), reference(&text));
        }
    }
}
