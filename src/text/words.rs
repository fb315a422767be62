//! The words of a text (maximal runs of alphanumeric characters), found 64
//! bytes at a time: each block becomes a bit mask of its word bytes,
//! sixteen bytes per test, and words are read off the mask as runs of set bits.
//! Only the characters wider than ASCII are decoded, one by one. This is the
//! word scan of the passes that visit every word of every article (the
//! near-duplicate fingerprint, the date scan), where a byte loop costs
//! several instructions a byte.

use super::bytes16;
use super::chars::is_alnum;

/// The words of `text`, in text order: `(start, end, plain)` for each
/// maximal run of characters for which `char::is_alphanumeric` holds.
/// `plain` is true when each of the word's characters wider than ASCII is
/// its own lowercase (so the word lowercases by lowering ASCII capitals).
// kept for the passes that need an iterator (tests check the scans agree)
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn words(text: &str) -> Words<'_> {
    Words {
        text,
        blocks: Blocks::default(),
        base: 0,
        next_base: 0,
        mask: 0,
        slow: 0,
        open: None,
    }
}

/// Calls `f(start, end, plain)` for each word of `text`, as [`words`]
/// yields them; faster than the iterator where the per-word work is small
/// (the scan's state stays in registers).
#[inline]
pub(crate) fn for_each_word(text: &str, f: impl FnMut(usize, usize, bool)) {
    scan_words::<true>(text, f);
}

/// Calls `f(start, end)` for each word of `text`, as [`words`] yields
/// them, without their plainness (which costs a case lookup per wide
/// letter).
#[inline]
pub(crate) fn for_each_word_span(text: &str, mut f: impl FnMut(usize, usize)) {
    scan_words::<false>(text, |start, end, _| f(start, end));
}

/// The word scan behind [`for_each_word`]: block by block, each word
/// start and end read off the block's mask, `f` called from one place (so
/// that it is inlined).
#[inline(always)]
fn scan_words<const PLAIN: bool>(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let mut blocks = Blocks::default();
    // the word running past the end of the previous block
    let (mut open, mut open_start, mut open_plain) = (false, 0, true);
    let mut base = 0;
    // one block past a text that fills its last block, to end its last word
    while base <= text.len() {
        let (mask, slow) = blocks.masks::<PLAIN>(text, base);
        let before = (mask << 1) | u64::from(open);
        // bit k: a word starts at byte k; a word ends just before byte k
        let mut starts = mask & !before;
        let mut ends = !mask & before;
        while ends != 0 {
            let e = ends.trailing_zeros() as usize;
            let (start, plain) = if open {
                open = false;
                (
                    open_start,
                    open_plain && (slow == 0 || slow & low_bits(e) == 0),
                )
            } else {
                let s = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                // most blocks have no wide capital: no masks to build
                (
                    base + s,
                    slow == 0 || slow & low_bits(e) & !low_bits(s) == 0,
                )
            };
            f(start, base + e, plain);
            ends &= ends - 1;
        }
        if mask >> 63 != 0 {
            if open {
                open_plain &= slow == 0;
            } else {
                let s = starts.trailing_zeros() as usize;
                (open, open_start, open_plain) = (true, base + s, slow >> s == 0);
            }
        }
        base += 64;
    }
}

/// The iterator of [`words`].
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Words<'a> {
    text: &'a str,
    blocks: Blocks,
    /// Where the current block starts, and the next one.
    base: usize,
    next_base: usize,
    /// The current block's word bytes not handed out yet, and the first
    /// bytes of characters that are not their own lowercase.
    mask: u64,
    slow: u64,
    /// The word running to the end of the current block: start, plainness.
    open: Option<(usize, bool)>,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize, bool);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize, bool)> {
        loop {
            if self.mask != 0 {
                let s = self.mask.trailing_zeros() as usize;
                let len = (!(self.mask >> s)).trailing_zeros() as usize;
                let run = low_bits(len) << s;
                let plain = self.slow & run == 0;
                self.mask &= !run;
                if s + len < 64 {
                    return Some((self.base + s, self.base + s + len, plain));
                }
                self.open = Some((self.base + s, plain));
            }
            if self.next_base >= self.text.len() {
                let end = self.text.len();
                return self.open.take().map(|(start, plain)| (start, end, plain));
            }
            self.base = self.next_base;
            self.next_base += 64;
            (self.mask, self.slow) = self.blocks.masks::<true>(self.text, self.base);
            if let Some((start, plain)) = self.open {
                let len = (!self.mask).trailing_zeros() as usize;
                let plain = plain && self.slow & low_bits(len) == 0;
                if len == 64 {
                    self.open = Some((start, plain));
                    self.mask = 0;
                    continue;
                }
                self.open = None;
                self.mask &= !low_bits(len);
                return Some((start, self.base + len, plain));
            }
        }
    }
}

/// The low `n` bits set (`n` <= 64).
#[inline(always)]
fn low_bits(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - n as u32).unwrap_or(0)
}

/// Block state: the bytes of a wide character that started in the
/// previous block.
#[derive(Default)]
struct Blocks {
    /// Leading bytes of the next block that continue a character.
    carried: u64,
    /// Those of them that belong to a word.
    carried_alnum: u64,
}

impl Blocks {
    /// For the 64 bytes from `base` (fewer at the end of `text`): bit `k`
    /// set when byte `base + k` belongs to a word, and bit `k` set when a
    /// wide character that is not its own lowercase starts there.
    #[inline(always)]
    fn masks<const PLAIN: bool>(&mut self, text: &str, base: usize) -> (u64, u64) {
        let bytes = text.as_bytes();
        let (mut alnum, mut wide) = (0u64, 0u64);
        if base + 64 <= bytes.len() {
            for k in 0..4 {
                if let Some(block) = bytes16::load(bytes, base + 16 * k) {
                    alnum |= u64::from(block.ascii_alnum()) << (16 * k);
                    wide |= u64::from(block.non_ascii()) << (16 * k);
                }
            }
        } else {
            for (k, &b) in bytes[base..].iter().enumerate() {
                alnum |= u64::from(b.is_ascii_alphanumeric()) << k;
                wide |= u64::from(!b.is_ascii()) << k;
            }
        }
        let mut mask = alnum | self.carried_alnum;
        wide &= !self.carried;
        (self.carried, self.carried_alnum) = (0, 0);
        let mut slow = 0;
        // each wide character's first byte comes before its other bytes,
        // which are cleared with it
        while wide != 0 {
            let k = wide.trailing_zeros() as usize;
            let (len, alnum, capital) = wide_class::<PLAIN>(text, base + k);
            let bits = low_bits(len) << k;
            let over = (k + len).saturating_sub(64);
            if alnum {
                mask |= bits;
                if PLAIN && capital {
                    slow |= 1 << k;
                }
            }
            if over > 0 {
                self.carried = low_bits(over);
                self.carried_alnum = if alnum { self.carried } else { 0 };
            }
            wide &= !bits;
        }
        (mask, slow)
    }
}

/// The character starting at byte `i` of `text` (wider than ASCII): its
/// length, whether it is alphanumeric, and (when `PLAIN`, for letters)
/// whether it is not its own lowercase. The accented letters of
/// U+00C0..=U+00FF and the punctuation of U+2000..=U+203F (’ “ ” — …), most
/// of the wide characters of news text, are read off their bytes without
/// decoding.
#[inline(always)]
fn wide_class<const PLAIN: bool>(text: &str, i: usize) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    match (bytes[i], bytes.get(i + 1).copied().unwrap_or(0)) {
        // letters but `×` (C3 97) and `÷` (C3 B7); the capitals come
        // before `ß` (C3 9F)
        (0xc3, b) => (2, b != 0x97 && b != 0xb7, b < 0x9f),
        (0xe2, 0x80) => (3, false, false),
        _ => {
            let c = text[i..].chars().next().unwrap_or_default();
            let alnum = is_alnum(c);
            (c.len_utf8(), alnum, PLAIN && alnum && !is_own_lowercase(c))
        }
    }
}

/// Whether `c` lowercases to itself.
#[inline]
pub(crate) fn is_own_lowercase(c: char) -> bool {
    match c {
        // ASCII and the lowercase half of Latin-1 (ß to ÿ, and ÷)
        '\0'..='\x7f' => !c.is_ascii_uppercase(),
        '\u{df}'..='\u{ff}' => true,
        _ => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words by the definition, with their plainness.
    fn reference(text: &str) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (c.is_alphanumeric() && i < text.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let plain = text[s..i]
                        .chars()
                        .all(|c| c.is_ascii() || c.to_lowercase().eq(std::iter::once(c)));
                    out.push((s, i, plain));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn all_words(text: &str) -> Vec<(usize, usize, bool)> {
        let all: Vec<_> = words(text).collect();
        let mut each = Vec::new();
        for_each_word(text, |s, e, plain| each.push((s, e, plain)));
        assert_eq!(each, all, "for_each_word on {text:?}");
        let mut spans = Vec::new();
        for_each_word_span(text, |s, e| spans.push((s, e)));
        let want: Vec<_> = all.iter().map(|&(s, e, _)| (s, e)).collect();
        assert_eq!(spans, want, "for_each_word_span on {text:?}");
        all
    }

    #[test]
    fn words_are_the_runs_of_alphanumeric_characters() {
        let long = "Le ministre a parlé à l'Élysée, jeudi 3 avril. ".repeat(9);
        let cases = [
            ("empty", String::new()),
            ("no_word", " ,;. — ".to_string()),
            ("one_word", "Bamako".to_string()),
            (
                "accents",
                "L'ÉLYSÉE a reçu Sergueï Lavrov à 15h30, jeudi.".to_string(),
            ),
            (
                "scripts",
                "Москва 東京 القاهرة ١٢٣ İstanbul ẞ ǅ Σίσυφος".to_string(),
            ),
            ("blocks", long),
            ("block_of_one_word", "a".repeat(64)),
            (
                "word_over_blocks",
                format!("{} {}", "b".repeat(130), "c".repeat(63)),
            ),
            ("wide_over_block_end", format!("{}éé ÉÉ x", "d".repeat(63))),
            ("wide_gap_over_block_end", format!("{}—x", "e".repeat(62))),
            ("emoji_over_block_end", format!("{}😀x", "f".repeat(61))),
        ];
        for (name, text) in cases {
            assert_eq!(all_words(&text), reference(&text), "case {name}: {text:?}");
        }
    }

    #[test]
    fn wide_classes_agree_with_the_standard_library() {
        for c in ('\u{80}'..='\u{ffff}').chain(['😀', '𝐀']) {
            let text = format!("{c}x");
            let (len, alnum, capital) = wide_class::<true>(&text, 0);
            let want = (c.len_utf8(), c.is_alphanumeric());
            assert_eq!((len, alnum), want, "{c:?}");
            if alnum {
                assert_eq!(capital, !is_own_lowercase(c), "{c:?}");
            }
        }
    }

    #[test]
    fn own_lowercase_shortcut_agrees_with_the_standard_library() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let own = lower.next() == Some(c) && lower.next().is_none();
            assert_eq!(is_own_lowercase(c), own, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_has_the_reference_words(
            text in "[a-zA-Z0-9 .,'\n\u{a0}\u{301}éÉœİẞΣДж東١—😀]{0,200}"
        ) {
            proptest::prop_assert_eq!(all_words(&text), reference(&text));
        }
    }
}
