//! The words of a text (maximal runs of alphanumeric characters), found 64
//! bytes at a time: each block becomes a bit mask of its word bytes, eight
//! bytes per test, and words are read off the mask as runs of set bits.
//! Only the characters wider than ASCII are decoded, one by one. This is the
//! word scan of the passes that visit every word of every article (the
//! near-duplicate fingerprint, the date scan), where a byte loop costs
//! several instructions a byte.

use super::chars::is_alnum;
use super::swar;

/// The words of `text`, in text order: `(start, end, plain)` for each
/// maximal run of characters for which `char::is_alphanumeric` holds.
/// `plain` is true when each of the word's characters wider than ASCII is
/// its own lowercase (so the word lowercases by lowering ASCII capitals).
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

/// The iterator of [`words`].
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
            (self.mask, self.slow) = self.blocks.masks(self.text, self.base);
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
    fn masks(&mut self, text: &str, base: usize) -> (u64, u64) {
        let bytes = text.as_bytes();
        let (mut alnum, mut wide) = (0u64, 0u64);
        if let Some(block) = bytes.get(base..base + 64) {
            for (k, chunk) in block.chunks_exact(8).enumerate() {
                let w = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                alnum |= swar::high_bits(swar::ascii_alnum(w)) << (8 * k);
                wide |= swar::high_bits(swar::non_ascii(w)) << (8 * k);
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
            let c = text[base + k..].chars().next().unwrap_or_default();
            let len = c.len_utf8();
            let bits = low_bits(len) << k;
            let over = (k + len).saturating_sub(64);
            let alnum = is_alnum(c);
            if alnum {
                mask |= bits;
                if !is_own_lowercase(c) {
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
        words(text).collect()
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
