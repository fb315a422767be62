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
//! The trie is a double array: the children of a node sit at its `base`
//! plus the code of their byte, and a cell says which node is its parent,
//! so a step reads one cell of eight bytes. The nodes are packed about one
//! per cell (a dense table with one column per byte took 20 MB, and its
//! steps were mostly cache misses: the walks were 3% of a run's time for
//! 0.6% of its instructions), and a chain of single children, the tail of
//! most keys, lies in consecutive cells.

use crate::text::swar;

/// Bit of [`Cell::base`] set when a key ends at the cell's node.
const ENDS_KEY: u32 = 1 << 31;
/// [`Cell::check`] of a cell no node uses.
const FREE: u32 = u32::MAX;
/// [`Cell::check`] of the root (cell 0), which has no parent.
const ROOT: u32 = u32::MAX - 1;

/// One node of the double array.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Where the node's children start (child of code `c` at `base + c`),
    /// with [`ENDS_KEY`].
    base: u32,
    /// The parent node's cell ([`FREE`], [`ROOT`]).
    check: u32,
}

/// The trie, as a double array over the bytes the keys use.
#[derive(Debug, Clone)]
pub struct Trie {
    /// Code of each byte, from 1 (0 for bytes of no key).
    code: [u8; 256],
    /// The nodes; the root is cell 0.
    cells: Vec<Cell>,
    /// Key id + 1 of the key ending at each cell (0: none); read only for
    /// cells with [`ENDS_KEY`].
    key_of: Vec<u32>,
    /// Number of nodes.
    nodes: usize,
    /// What a word of each `word_hash` may start, two bits per hash in
    /// blocks of 64 hashes: the first word of a block has a bit for the
    /// hash of each one-word key ([`Start::Word`]), the second for that of
    /// the first word of each longer key ([`Start::Pair`] when the first
    /// is clear). A match starts with a whole word of the text equal to the
    /// first word of its key, so a word of another hash starts no match:
    /// most words are ruled out in a few instructions instead of a walk of
    /// five steps or so (walks go on as long as the word is a prefix of
    /// some key). 64 KB: with 16-bit hashes (16 KB) about one word in
    /// ten of a text had the bit of some key's word by chance, and half of
    /// the walks were such misses.
    ///
    /// One such table per variant (of [`Trie::with_variants`]), one after
    /// the other: a key counts in the tables of the variants it serves.
    starts: Vec<[u64; 2]>,
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

impl Start {
    /// The start a word with hash bit `bit` has in a `[word, pair]` block
    /// of a start table.
    #[inline(always)]
    fn of([word, pair]: [u64; 2], bit: u64) -> Start {
        if word & bit != 0 {
            Start::Word
        } else if pair & bit != 0 {
            Start::Pair
        } else {
            Start::Nothing
        }
    }
}

/// Two variants' start tables ([`Trie::lang_starts`]), as arrays whose
/// size the hashes fit, so that a lookup needs no bounds check: it is made
/// for every word of a text.
#[derive(Debug, Clone, Copy)]
pub struct LangStarts<'a> {
    trie: &'a Trie,
    tables: [&'a [[u64; 2]; BLOCKS]; 2],
}

impl LangStarts<'_> {
    /// [`Trie::starts`] of the first variant, or of the second when
    /// `second`.
    #[inline(always)]
    pub fn starts(&self, h: usize, second: bool) -> Start {
        Start::of(
            self.tables[usize::from(second)][(h >> 6) & (BLOCKS - 1)],
            1 << (h & 63),
        )
    }

    /// [`Trie::pair_may_start`].
    #[inline(always)]
    pub fn pair_may_start(&self, first: usize, second: usize) -> bool {
        self.trie.pair_may_start(first, second)
    }
}

/// Bits of `word_hash`.
pub(super) const HASH_BITS: u32 = 18;

/// Number of [`Trie::starts`] blocks of one variant.
const BLOCKS: usize = 1 << (HASH_BITS - 6);

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
    head_hash(head, len)
}

/// [`word_hash`] of a word of `len` bytes whose first ones (up to eight,
/// first byte lowest, the others zero) are `head`: the scanner has them in
/// a register.
#[inline]
pub(super) fn head_hash(head: u64, len: usize) -> usize {
    let mixed = (head ^ (len as u64).wrapping_mul(0x9e37_79b9)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - HASH_BITS)) as usize
}

impl Trie {
    /// Builds the trie of `keys`; key `i` is reported as id `i`. Keys must
    /// be distinct; empty ones are ignored.
    pub fn new(keys: &[String]) -> Result<Trie, String> {
        Self::with_variants(keys, 1, |_, _| true)
    }

    /// [`Trie::new`] with `variants` start tables ([`Trie::starts`]): key
    /// `i` may start a match in variant `v` when `serves(i, v)`. (The
    /// matcher has one variant per language and case of the first letter:
    /// a key whose readings all belong to the other language, or all want
    /// a capital, starts no match there, and its words need no walk.)
    pub fn with_variants(
        keys: &[String],
        variants: usize,
        serves: impl Fn(usize, usize) -> bool,
    ) -> Result<Trie, String> {
        let mut code = [0u8; 256];
        let mut codes = 0u8;
        for k in keys {
            for b in k.bytes() {
                if code[usize::from(b)] == 0 {
                    codes = codes
                        .checked_add(1)
                        .ok_or_else(|| "the actor lexicon keys use too many bytes".to_string())?;
                    code[usize::from(b)] = codes;
                }
            }
        }
        let (cells, key_of, nodes) = pack(keys, &code)?;
        let mut starts = vec![[0u64; 2]; variants * BLOCKS];
        let mut pairs: Box<[u64; BLOCKS]> = Box::new([0; BLOCKS]);
        for (i, k) in keys.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
            let b = k.as_bytes();
            let (h, kind) = match k.find(' ') {
                None => (word_hash(b, 0, b.len()), 0),
                Some(end) => {
                    let end2 = k[end + 1..].find(' ').map_or(k.len(), |e| end + 1 + e);
                    let first = word_hash(b, 0, end);
                    let h = pair_hash(first, word_hash(b, end + 1, end2));
                    pairs[h / 64] |= 1 << (h % 64);
                    (first, 1)
                }
            };
            for v in (0..variants).filter(|&v| serves(i, v)) {
                starts[v * BLOCKS + h / 64][kind] |= 1 << (h % 64);
            }
        }
        Ok(Trie {
            code,
            cells,
            key_of,
            nodes,
            starts,
            pairs,
        })
    }

    /// Heap memory, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.cells.len() * std::mem::size_of::<Cell>()
            + (self.key_of.len() + 2 * self.pairs.len()) * std::mem::size_of::<u32>()
            + std::mem::size_of_val(&self.starts[..])
    }

    /// Number of rows (trie nodes).
    pub fn nodes(&self) -> usize {
        self.nodes
    }

    /// Walks from byte `from` of `text` and calls `found(end, id)` for every
    /// key equal to `text[from..end]` with `end` a word end (a space
    /// follows), shortest first.
    #[inline]
    pub fn walk(&self, text: &[u8], from: usize, mut found: impl FnMut(usize, u32)) {
        let (cells, code) = (&self.cells[..], &self.code);
        let (mut node, mut base) = (0u32, cells[0].base);
        let mut i = from;
        while let Some(&b) = text.get(i) {
            let c = code[usize::from(b)];
            let t = (base & !ENDS_KEY) as usize + usize::from(c);
            // A byte of no key (code 0) leads to the cell at `base`, which
            // is no child of this node.
            match cells.get(t) {
                Some(cell) if cell.check == node => {
                    (node, base) = (t as u32, cell.base);
                }
                _ => return,
            }
            i += 1;
            if base & ENDS_KEY != 0 && text.get(i) == Some(&b' ') {
                found(i, self.key_of[t] - 1);
            }
        }
    }

    /// What keys of variant `variant` a word of the text of `word_hash`
    /// `h` may start.
    #[inline]
    pub fn starts(&self, h: usize, variant: usize) -> Start {
        let h = h & ((1 << HASH_BITS) - 1);
        let Some(&block) = self.starts.get(variant * BLOCKS + h / 64) else {
            return Start::Nothing;
        };
        Start::of(block, 1 << (h % 64))
    }

    /// The start tables of variants `variant` and `variant + 1`, for the
    /// scanner (`None` past the last variant).
    pub fn lang_starts(&self, variant: usize) -> Option<LangStarts<'_>> {
        let table = |v: usize| -> Option<&[[u64; 2]; BLOCKS]> {
            self.starts
                .get(v * BLOCKS..(v + 1) * BLOCKS)?
                .try_into()
                .ok()
        };
        Some(LangStarts {
            trie: self,
            tables: [table(variant)?, table(variant + 1)?],
        })
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

/// Lays out the trie of `keys` (bytes coded by `code`) as a double array:
/// its cells, the key id + 1 ending at each, and its number of nodes.
///
/// The keys are sorted, so the keys below a node are a range of them and
/// its children the groups of that range by their next byte. Nodes are
/// placed depth first, each child group at the lowest base where all its
/// cells are free: a node with one child gets the lowest free cell, near
/// the cells just placed.
fn pack(keys: &[String], code: &[u8; 256]) -> Result<(Vec<Cell>, Vec<u32>, usize), String> {
    // Sorted on their first eight bytes as one number first (zeros past
    // the end: keys have no zero byte, so this is the order of the bytes),
    // which decides nearly every comparison without a memcmp call.
    let mut by_head: Vec<(u64, &[u8], u32)> = (keys.iter().enumerate())
        .filter(|(_, k)| !k.is_empty())
        .map(|(i, k)| {
            let b = k.as_bytes();
            let head = (b.iter().take(8).enumerate())
                .fold(0u64, |h, (j, &c)| h | u64::from(c) << (56 - 8 * j));
            (head, b, i as u32)
        })
        .collect();
    by_head.sort_unstable();
    let sorted: Vec<(&[u8], u32)> = by_head.into_iter().map(|(_, k, i)| (k, i)).collect();
    let free = Cell {
        base: 0,
        check: FREE,
    };
    let mut cells = vec![Cell {
        base: 0,
        check: ROOT,
    }];
    let mut key_of = vec![0u32];
    let mut nodes = 1;
    let (mut lowest_free, mut multi_from) = (1usize, 0usize);
    // (first key, end of its keys, depth, cell) of the nodes to place.
    let mut todo = vec![(0usize, sorted.len(), 0usize, 0usize)];
    let mut children: Vec<(usize, usize, usize)> = Vec::new();
    while let Some((mut lo, hi, depth, mut at)) = todo.pop() {
        if hi == lo + 1 {
            // The rest of one key (most nodes): a chain of single children,
            // each in the lowest free cell.
            let (key, id) = sorted[lo];
            for &b in &key[depth..] {
                let c = usize::from(code[usize::from(b)]);
                let p = lowest_free.max(c);
                if cells.len() <= p {
                    cells.resize(p + 1, free);
                    key_of.resize(p + 1, 0);
                }
                cells[at].base |= (p - c) as u32;
                cells[p].check = at as u32;
                at = p;
                nodes += 1;
                while cells.get(lowest_free).is_some_and(|c| c.check != FREE) {
                    lowest_free += 1;
                }
            }
            if at >= ENDS_KEY as usize {
                return Err("the actor lexicon trie is too large".to_string());
            }
            cells[at].base |= ENDS_KEY;
            key_of[at] = id + 1;
            continue;
        }
        if lo < hi && sorted[lo].0.len() == depth {
            cells[at].base |= ENDS_KEY;
            key_of[at] = sorted[lo].1 + 1;
            lo += 1;
        }
        // Groups of the keys by their byte at `depth`: (code, first, end).
        children.clear();
        while lo < hi {
            let b = sorted[lo].0[depth];
            let end = lo + sorted[lo..hi].partition_point(|(k, _)| k[depth] == b);
            children.push((usize::from(code[usize::from(b)]), lo, end));
            lo = end;
        }
        let Some(&(first, _, _)) = children.first() else {
            continue;
        };
        let last = children.iter().map(|c| c.0).max().unwrap_or(first);
        // A node of several children is tried from where the last one was
        // placed: below it, free cells are mostly single holes, which the
        // many nodes of one child fill (trying them all cost more than the
        // rest of the build).
        let mut p = lowest_free.max(first);
        if children.len() > 1 {
            p = p.max(multi_from);
        }
        let base = loop {
            let b = p - first;
            if cells.len() <= b + last {
                cells.resize(b + last + 1, free);
                key_of.resize(b + last + 1, 0);
            }
            if children.iter().all(|c| cells[b + c.0].check == FREE) {
                break b;
            }
            p += 1;
        };
        if base + last >= ENDS_KEY as usize {
            return Err("the actor lexicon trie is too large".to_string());
        }
        if children.len() > 1 {
            multi_from = p;
        }
        cells[at].base |= base as u32;
        for &(c, ..) in &children {
            cells[base + c].check = at as u32;
        }
        nodes += children.len();
        // Pushed last first, so the first child is placed next.
        for &(c, clo, chi) in children.iter().rev() {
            todo.push((clo, chi, depth + 1, base + c));
        }
        while cells.get(lowest_free).is_some_and(|c| c.check != FREE) {
            lowest_free += 1;
        }
    }
    Ok((cells, key_of, nodes))
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
                let may = match trie.starts(h, 0) {
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
        assert_eq!(trie.starts(hash("guinee"), 0), Start::Pair);
        assert!(trie.pair_may_start(hash("guinee"), hash("bissau")));
        assert!(!trie.pair_may_start(hash("guinee"), hash("et")));
        assert_eq!(trie.starts(hash("mali"), 0), Start::Word);
        assert_eq!(trie.starts(hash("bamako"), 0), Start::Nothing);
    }

    #[test]
    fn walks_agree_with_a_plain_search_over_many_keys() {
        // Keys sharing prefixes at every depth, with many and few children,
        // so that nodes are packed around each other.
        let mut keys: Vec<String> = Vec::new();
        for a in ["", "a", "ab", "abc", "b", "ba", "z9", "m n"] {
            for b in ["", "x", "xy", "y", " q", "0", "aa"] {
                let k = format!("{a}{b}");
                if !k.is_empty() && !k.starts_with(' ') && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        keys.push(String::new());
        let trie = Trie::new(&keys).unwrap();
        let texts = [
            " a ab abc abcx abxy b ba baaa z9 z90 m n q mx m nxy ",
            " abc q ab q a q aa ba y bx z9xy c cc ",
            " m n q abq abx ",
        ];
        for text in texts {
            let t = text.as_bytes();
            for from in (1..t.len()).filter(|&i| t[i - 1] == b' ') {
                let mut want = Vec::new();
                for end in from + 1..t.len() {
                    if t[end] == b' '
                        && let Some(id) = keys.iter().position(|k| k.as_bytes() == &t[from..end])
                    {
                        want.push((end, id as u32));
                    }
                }
                let mut got = Vec::new();
                trie.walk(t, from, |end, id| got.push((end, id)));
                assert_eq!(got, want, "{text:?} from {from}");
            }
        }
        let prefixes: std::collections::BTreeSet<&str> = keys
            .iter()
            .flat_map(|k| (0..=k.len()).map(move |i| &k[..i]))
            .collect();
        assert_eq!(trie.nodes(), prefixes.len());
    }
}
