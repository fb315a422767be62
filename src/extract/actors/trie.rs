//! A byte trie over the folded lexicon keys, walked from each word start of
//! a document's folded text.
//!
//! Every key starts at a word start, so walking the trie from each word
//! start until no key continues finds every match, with no failure links:
//! the trie is built in a few million instructions, where the equivalent
//! Aho-Corasick DFA took close to 300 million (more than the stage spends
//! on a corpus of 600 articles), and a step costs one table lookup. A walk
//! usually ends within the first word (about five steps per word start).
//!
//! Each row of the table holds the id of the key ending at that node, then
//! one column per byte that occurs in some key; rows are addressed by their
//! offset in the table so a step needs no multiplication, and a transition
//! says whether a key ends at its target, so most steps read one cell.

use crate::text::swar;

/// Column of a row holding its key id + 1 (0: no key ends here).
const KEY: usize = 0;
/// Column that is always 0, for bytes that occur in no key.
const NONE: usize = 1;
/// Bit of a transition set when a key ends at its target row.
const ENDS_KEY: u32 = 1 << 31;

/// The trie, as a dense table over the bytes the keys use.
#[derive(Debug, Clone)]
pub struct Trie {
    /// Column of each byte ([`NONE`] for bytes of no key).
    column: [u8; 256],
    /// Row length.
    stride: usize,
    /// The rows; the root is the row at offset 0, and an entry of 0 means
    /// no transition (no row leads back to the root).
    table: Vec<u32>,
    /// What a word of each `word_hash` may start: [`Start::Word`] for the
    /// hash of a one-word key, else [`Start::Pair`] for that of the first
    /// word of a longer key. A match starts with a whole word of the text
    /// equal to the first word of its key, so a word of another hash starts
    /// no match: most words are ruled out in a few instructions instead of
    /// a walk of five steps or so (walks go on as long as the word is a
    /// prefix of some key). One byte per hash, read without a bounds check.
    starts: Box<[Start; 1 << HASH_BITS]>,
    /// One bit per [`pair_hash`] of the first two words of each key of
    /// several words: a common word that starts some key (`de`, `the`)
    /// starts a match only when the next word is that key's second word.
    pairs: Box<[u64; 1 << (HASH_BITS - 6)]>,
}

/// A hash of two consecutive words from their `word_hash`es.
fn pair_hash(first: usize, second: usize) -> usize {
    let mixed = ((first << HASH_BITS | second) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - HASH_BITS)) as usize
}

/// What a word of the text may start, from its `word_hash`
/// ([`Trie::starts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Start {
    /// No key.
    Nothing,
    /// Possibly a one-word key (and longer ones): walk from it.
    Word,
    /// Only keys of several words: walk from it when the next word passes
    /// [`Trie::pair_may_start`].
    Pair,
}

/// Bits of `word_hash`.
pub(super) const HASH_BITS: u32 = 16;

/// A hash of a word (bytes up to the next space) from its length and first
/// eight bytes; `at` holds the word's bytes at `from..to` (8 bytes from
/// `from` are read when there are).
pub(super) fn word_hash(at: &[u8], from: usize, to: usize) -> usize {
    let len = to - from;
    let n = len.min(8);
    let head = match swar::load(at, from) {
        Some(w) => w & swar::low_bytes(n),
        // A word at the end of `at` (a lexicon word passed alone): a few
        // shifts cost less than a copy through a buffer.
        None => at[from..from + n]
            .iter()
            .rev()
            .fold(0, |h, &b| h << 8 | u64::from(b)),
    };
    let mixed = (head ^ (len as u64).wrapping_mul(0x9e37_79b9)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - HASH_BITS)) as usize
}

impl Trie {
    /// Builds the trie of `keys`; key `i` is reported as id `i`. Keys must
    /// be distinct; empty ones are ignored.
    pub fn new(keys: &[String]) -> Result<Trie, String> {
        let mut column = [NONE as u8; 256];
        let mut stride = NONE + 1;
        for k in keys {
            for b in k.bytes() {
                if column[usize::from(b)] == NONE as u8 {
                    column[usize::from(b)] = u8::try_from(stride)
                        .map_err(|_| "the actor lexicon keys use too many bytes".to_string())?;
                    stride += 1;
                }
            }
        }
        let mut table = vec![0u32; stride];
        for (id, k) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
            let (mut row, mut last) = (0usize, 0usize);
            for b in k.bytes() {
                let cell = row + usize::from(column[usize::from(b)]);
                if table[cell] == 0 {
                    let next = u32::try_from(table.len())
                        .ok()
                        .filter(|n| n & ENDS_KEY == 0)
                        .ok_or_else(|| "the actor lexicon trie is too large".to_string())?;
                    table[cell] = next;
                    table.resize(table.len() + stride, 0);
                }
                last = cell;
                row = (table[cell] & !ENDS_KEY) as usize;
            }
            table[row + KEY] = id as u32 + 1;
            table[last] |= ENDS_KEY;
        }
        table.shrink_to_fit();
        let mut starts: Box<[Start; 1 << HASH_BITS]> = vec![Start::Nothing; 1 << HASH_BITS]
            .into_boxed_slice()
            .try_into()
            .expect("one entry per hash");
        let mut pairs: Box<[u64; 1 << (HASH_BITS - 6)]> = Box::new([0; 1 << (HASH_BITS - 6)]);
        for k in keys.iter().filter(|k| !k.is_empty()) {
            let b = k.as_bytes();
            let Some(end) = k.find(' ') else {
                starts[word_hash(b, 0, b.len())] = Start::Word;
                continue;
            };
            let end2 = k[end + 1..].find(' ').map_or(k.len(), |e| end + 1 + e);
            let first = word_hash(b, 0, end);
            if starts[first] == Start::Nothing {
                starts[first] = Start::Pair;
            }
            let h = pair_hash(first, word_hash(b, end + 1, end2));
            pairs[h / 64] |= 1 << (h % 64);
        }
        Ok(Trie {
            column,
            stride,
            table,
            starts,
            pairs,
        })
    }

    /// Heap memory, in bytes.
    pub fn memory_usage(&self) -> usize {
        (self.table.len() + 2 * self.pairs.len()) * std::mem::size_of::<u32>() + self.starts.len()
    }

    /// Number of rows (trie nodes).
    pub fn nodes(&self) -> usize {
        self.table.len() / self.stride
    }

    /// Walks from byte `from` of `text` and calls `found(end, id)` for every
    /// key equal to `text[from..end]` with `end` a word end (a space
    /// follows), shortest first.
    #[inline]
    pub fn walk(&self, text: &[u8], from: usize, mut found: impl FnMut(usize, u32)) {
        let (table, column) = (&self.table[..], &self.column);
        let mut row = 0usize;
        let mut i = from;
        while let Some(&b) = text.get(i) {
            let next = table[row + usize::from(column[usize::from(b)])];
            if next == 0 {
                return;
            }
            row = (next & !ENDS_KEY) as usize;
            i += 1;
            if next & ENDS_KEY != 0 && text.get(i) == Some(&b' ') {
                found(i, table[row + KEY] - 1);
            }
        }
    }

    /// What keys a word of the text of `word_hash` `h` may start.
    #[inline]
    pub fn starts(&self, h: usize) -> Start {
        self.starts[h & ((1 << HASH_BITS) - 1)]
    }

    /// False when no key starts with the two words of `word_hash`es
    /// `first` and `second`.
    #[inline]
    pub fn pair_may_start(&self, first: usize, second: usize) -> bool {
        let h = pair_hash(first, second) & ((1 << HASH_BITS) - 1);
        self.pairs[h / 64] & 1 << (h % 64) != 0
    }

    /// [`Trie::walk`] that appends `(end, id)` to `out`. Kept apart from
    /// what is done with the matches, its loop keeps its state in registers.
    #[inline(never)]
    pub fn walk_into(&self, text: &[u8], from: usize, out: &mut Vec<(u32, u32)>) {
        self.walk(text, from, |end, id| out.push((end as u32, id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_find_keys_that_end_at_word_ends() {
        let keys: Vec<String> = ["mali", "mali bamako", "niger", "nigeria", "u s", "de"]
            .map(String::from)
            .to_vec();
        let trie = Trie::new(&keys).unwrap();
        // (name, text, start of the walk, expected (end, key))
        type Case<'a> = (&'a str, &'a str, usize, &'a [(usize, &'a str)]);
        let cases: &[Case] = &[
            (
                "fr two keys",
                " mali bamako ",
                1,
                &[(5, "mali"), (12, "mali bamako")],
            ),
            ("fr key inside a longer word", " malien ", 1, &[]),
            ("fr longer key only", " nigeria ", 1, &[(8, "nigeria")]),
            (
                "en acronym with a space",
                " the u s said ",
                5,
                &[(8, "u s")],
            ),
            ("en no key", " the ", 1, &[]),
            ("fr key at the text end without a space", " de", 1, &[]),
            ("fr byte of no key", " d'x ", 1, &[]),
        ];
        for (name, text, from, want) in cases {
            let mut got = Vec::new();
            trie.walk(text.as_bytes(), *from, |end, id| {
                got.push((end, keys[id as usize].as_str()))
            });
            assert_eq!(got, *want, "case {name}");
        }
        assert_eq!(
            trie.nodes(),
            1 + "mali bamako".len() + "nigeria".len() + 3 + 2
        );
    }

    #[test]
    fn words_that_start_a_key_may_start_one() {
        let keys: Vec<String> = [
            "mali",
            "mali bamako",
            "u s",
            "guinee bissau",
            "abcdefghij k",
        ]
        .map(String::from)
        .to_vec();
        let trie = Trie::new(&keys).unwrap();
        let cases = [
            ("fr", " le mali bamako et la guinee bissau "),
            ("fr pair without the second word", " la guinee et mali "),
            ("en", " the u s and malian mali "),
            ("long words", " abcdefghij k abcdefghijk abcdefgh "),
            ("short tail", " x u"),
        ];
        for (name, text) in cases {
            let text = text.as_bytes();
            for from in (1..text.len()).filter(|&i| text[i - 1] == b' ') {
                let end = (from..text.len())
                    .find(|&i| text[i] == b' ')
                    .unwrap_or(text.len());
                let mut want = Vec::new();
                trie.walk(text, from, |e, id| want.push((e as u32, id)));
                let h = word_hash(text, from, end);
                let second = (end + 1..text.len())
                    .find(|&i| text[i] == b' ')
                    .map(|end2| word_hash(text, end + 1, end2));
                let may = match trie.starts(h) {
                    Start::Nothing => false,
                    Start::Word => true,
                    Start::Pair => second.is_some_and(|h2| trie.pair_may_start(h, h2)),
                };
                if !want.is_empty() {
                    assert!(may, "case {name}: {from}");
                }
                let mut got = Vec::new();
                trie.walk_into(text, from, &mut got);
                assert_eq!(got, want, "case {name}: {from}");
            }
        }
        // Words that start only longer keys are ruled out by the next word.
        let hash = |w: &str| word_hash(w.as_bytes(), 0, w.len());
        assert_eq!(trie.starts(hash("guinee")), Start::Pair);
        assert!(trie.pair_may_start(hash("guinee"), hash("bissau")));
        assert!(!trie.pair_may_start(hash("guinee"), hash("et")));
        assert_eq!(trie.starts(hash("mali")), Start::Word);
        assert_eq!(trie.starts(hash("bamako")), Start::Nothing);
    }
}
