//! The cue automaton's matches, read at token starts instead of at every
//! byte of the text.
//!
//! `cues::find` keeps only matches that start a token, but the automaton's
//! matches do not overlap, so a match starting inside a word could hide one
//! that starts a token. Running the automaton over every byte cost more
//! than the rest of the stage's setup; this gives the same matches for a
//! fraction of it:
//! - a pattern match starting inside a word ends inside that word unless it
//!   runs over a token boundary, which only a pattern holding a character
//!   that is not a letter or digit can (`fait savoir`, `s'exclame`);
//! - so when no such pattern occurs astride a token start from inside a
//!   word, the leftmost-longest matches starting a token are exactly those
//!   found by trying the automaton, anchored, at each token start not
//!   covered by the previous match, in text order;
//! - when one does (a rare spelling such as `parfait savoir`), the whole
//!   text is searched as before.
//!
//! Most tokens start no pattern, and most word ends are inside no pattern:
//! bit tables of four-byte keys rule them out before any closer look.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Match, MatchKind, StartKind};

use crate::lexicon::Fnv;
use crate::text::chars::is_alnum;

use super::tokens::Tok;
use super::trie::Trie;

/// Folds bytes the way case-insensitive equal bytes stay equal (`A` and
/// `a` alike; a few other bytes meet too, which a filter can afford).
const FOLD: u32 = 0x2020_2020;

/// The four bytes from `at` as a key, folded; bytes past the text end are
/// zero before folding.
#[inline(always)]
fn key4(b: &[u8], at: usize) -> u32 {
    // one bounds test in the usual case (`at` is a byte index, far from overflow)
    let w = match b.get(at..at.wrapping_add(4)) {
        Some(&[x, y, z, t]) => u32::from_le_bytes([x, y, z, t]),
        _ => {
            let mut w = [0u8; 4];
            let tail = b.get(at..).unwrap_or(&[]);
            w[..tail.len()].copy_from_slice(tail);
            u32::from_le_bytes(w)
        }
    };
    w | FOLD
}

/// Words of a [`KeySet`].
const KEY_WORDS: usize = 1 << 12;

/// A Bloom-like set of four-byte keys: false positives, no false negatives.
#[derive(Debug, Clone)]
struct KeySet(Box<[u64; KEY_WORDS]>);

impl KeySet {
    fn new() -> Self {
        KeySet(Box::new([0; KEY_WORDS]))
    }

    /// One of the set's 2^18 bits (its word index is below [`KEY_WORDS`]).
    #[inline(always)]
    fn bit(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 14) as usize
    }

    fn insert(&mut self, key: u32) {
        let b = Self::bit(key);
        self.0[b >> 6] |= 1 << (b & 63);
    }

    #[inline(always)]
    fn contains(&self, key: u32) -> bool {
        let b = Self::bit(key);
        self.0[b >> 6] & (1 << (b & 63)) != 0
    }

    /// Adds the keys of every text whose bytes at the key's place start
    /// with `s` (a short `s` leaves the last bytes free).
    fn insert_prefix(&mut self, s: &[u8]) {
        let mut fixed = [0u8; 4];
        let n = s.len().min(4);
        fixed[..n].copy_from_slice(&s[..n]);
        let fixed = u32::from_le_bytes(fixed) | FOLD;
        let free = 4 - n;
        // folded, a free byte takes 128 values: the low seven bits but 0x20
        for x in 0..1u32 << (7 * free) {
            let mut spread = 0;
            for i in 0..free {
                let b = (x >> (7 * i)) & 0x7f;
                let byte = (b & 0x1f) | ((b & 0x60) << 1);
                spread |= byte << (8 * (n + i));
            }
            self.insert(fixed | spread);
        }
    }
}

/// A place inside a pattern where a word may end: the pattern and the
/// length of its part before.
#[derive(Debug, Clone)]
struct WordEnd {
    pattern: Box<[u8]>,
    head: usize,
}

/// The two bytes at `at`, ASCII lowercased: where the `ends` are filed.
fn pair(b: &[u8], at: usize) -> u16 {
    let byte = |i: usize| u16::from(b.get(i).map_or(0, u8::to_ascii_lowercase));
    byte(at) << 8 | byte(at + 1)
}

/// The tokens a [`CueScan`] must look at closer: those its bit tables did
/// not rule out, by index.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// Tokens that may start a pattern.
    starts: Vec<u32>,
    /// Words whose end may lie inside a pattern.
    word_ends: Vec<u32>,
}

impl Candidates {
    /// Room for the candidates of a usual text of `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> Self {
        Candidates {
            starts: Vec::with_capacity(bytes / 32),
            word_ends: Vec::with_capacity(bytes / 128),
        }
    }
}

/// A match of the cue automaton and, when known, the token it starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// The match.
    pub m: Match,
    /// The token starting where the match starts; `None` from the
    /// whole-text search, whose matches may start inside a word.
    pub tok: Option<usize>,
}

/// Two automata of the same patterns (ASCII case-insensitive,
/// leftmost-longest).
pub(crate) struct Automata<'a> {
    /// The patterns' trie, for the anchored searches: they are short and
    /// many, and the generic search's setup cost more than the walk.
    pub anchored: &'a Trie,
    /// Able to search unanchored.
    pub whole_text: &'a WholeText,
}

/// The unanchored automaton of the cue patterns, built the first time a
/// text needs the whole-text search: most runs never do, and building it
/// cost a quarter of the stage's setup.
#[derive(Debug, Clone)]
pub(crate) struct WholeText {
    patterns: Vec<String>,
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl WholeText {
    /// The search for `patterns`, not built yet.
    pub fn new(patterns: Vec<String>) -> Self {
        WholeText {
            patterns,
            automaton: OnceLock::new(),
        }
    }

    /// The automaton; `None` only if it cannot be built, which the trie of
    /// the same patterns, built at load time, rules out (its node count is
    /// the automaton's state count, far below aho-corasick's limits).
    pub fn get(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .start_kind(StartKind::Unanchored)
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// The patterns searched for.
    #[cfg(test)]
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// What the token-start search needs besides the automaton.
#[derive(Debug, Clone)]
pub(crate) struct CueScan {
    /// Keys of the first bytes of every pattern.
    starts: KeySet,
    /// Keys of the bytes of a pattern from the last one of a word inside it.
    word_ends: KeySet,
    /// The places of `word_ends` by their key, when the pattern has four
    /// bytes from the word's last one.
    ends: HashMap<u32, Vec<WordEnd>, BuildHasherDefault<Fnv>>,
    /// The other places of `word_ends`, by the pair of bytes around the word end.
    short_ends: HashMap<u16, Vec<WordEnd>, BuildHasherDefault<Fnv>>,
    /// A pattern starts with no letter or digit: always search the whole text.
    whole_text: bool,
}

impl CueScan {
    /// Prepares the search for the automaton built from `patterns`.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Self {
        let mut scan = CueScan {
            starts: KeySet::new(),
            word_ends: KeySet::new(),
            ends: HashMap::default(),
            short_ends: HashMap::default(),
            whole_text: false,
        };
        for p in patterns {
            let p = p.as_ref();
            let bytes = p.as_bytes();
            scan.starts.insert_prefix(bytes);
            scan.whole_text |= p.chars().next().is_some_and(|c| !is_alnum(c));
            let chars: Vec<(usize, char)> = p.char_indices().collect();
            for w in chars.windows(2) {
                let ((_, before), (d, at)) = (w[0], w[1]);
                // a word ends only before or after a character that is no
                // letter or digit
                if is_alnum(before) && is_alnum(at) {
                    continue;
                }
                // the key starts at the word's last byte
                scan.word_ends.insert_prefix(&bytes[d - 1..]);
                let place = WordEnd {
                    pattern: bytes.into(),
                    head: d,
                };
                if bytes.len() >= d + 3 {
                    scan.ends.entry(key4(bytes, d - 1)).or_default().push(place);
                } else {
                    let at = pair(bytes, d - 1);
                    scan.short_ends.entry(at).or_default().push(place);
                }
            }
        }
        scan
    }

    /// The matches of `ac` (built from the same patterns) that start a token, in text order, plus
    /// possibly some starting inside a word.
    #[cfg(test)]
    pub fn matches(&self, ac: &Automata<'_>, text: &str, toks: &[Tok]) -> Vec<Match> {
        let mut c = Candidates::default();
        for (i, t) in toks.iter().enumerate() {
            self.visit(text.as_bytes(), i, t, &mut c);
        }
        self.matches_among(ac, text, toks, &c)
            .into_iter()
            .map(|f| f.m)
            .collect()
    }

    /// Files token `i` among the candidates if the bit tables do not rule
    /// it out; the tokenizer calls this on each token as it finds it.
    #[inline(always)]
    pub fn visit(&self, bytes: &[u8], i: usize, t: &Tok, c: &mut Candidates) {
        // every pattern starts with a letter or digit (else `whole_text`),
        // so only a word can start one
        if !t.word {
            return;
        }
        if t.end - t.start > 1 && self.word_ends.contains(key4(bytes, t.end - 1)) {
            c.word_ends.push(i as u32);
        }
        if self.starts.contains(key4(bytes, t.start)) {
            c.starts.push(i as u32);
        }
    }

    /// [`CueScan::matches`] from the candidates [`CueScan::visit`] filed
    /// for every token of `toks`.
    pub fn matches_among(
        &self,
        ac: &Automata<'_>,
        text: &str,
        toks: &[Tok],
        c: &Candidates,
    ) -> Vec<Found> {
        let whole = || {
            ac.whole_text.get().map_or_else(Vec::new, |w| {
                w.find_iter(text).map(|m| Found { m, tok: None }).collect()
            })
        };
        let bytes = text.as_bytes();
        // one crossing anywhere hides matches anywhere after it
        if self.whole_text
            || c.word_ends
                .iter()
                .any(|&i| self.crossed_from_slow(bytes, &toks[i as usize]))
        {
            return whole();
        }
        let mut out = Vec::new();
        let mut covered = 0;
        for &i in &c.starts {
            let t = &toks[i as usize];
            if t.start < covered {
                continue;
            }
            if let Some(m) = ac.anchored.anchored_at(bytes, t.start) {
                covered = m.end();
                out.push(Found {
                    m,
                    tok: Some(i as usize),
                });
            }
        }
        out
    }

    /// True when a pattern occurs starting inside word `t` and running
    /// past its end (over the start of the next token); `t` passed the
    /// `word_ends` bit table.
    #[inline(never)]
    fn crossed_from_slow(&self, bytes: &[u8], t: &Tok) -> bool {
        // a place matches only where the text has its key (bytes equal but
        // for ASCII case have equal keys)
        let crossed = |ends: &Vec<WordEnd>| {
            ends.iter().any(|e| {
                t.end.checked_sub(e.head).is_some_and(|s| {
                    s > t.start
                        && bytes
                            .get(s..s + e.pattern.len())
                            .is_some_and(|b| b.eq_ignore_ascii_case(&e.pattern))
                })
            })
        };
        self.ends.get(&key4(bytes, t.end - 1)).is_some_and(crossed)
            || !self.short_ends.is_empty()
                && self
                    .short_ends
                    .get(&pair(bytes, t.end - 1))
                    .is_some_and(crossed)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn automaton(patterns: &[&str]) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Both)
            .build(patterns)
            .unwrap()
    }

    fn dfa(patterns: &[&str]) -> Trie {
        Trie::new(patterns).unwrap()
    }

    fn whole_text(patterns: &[&str]) -> WholeText {
        WholeText::new(patterns.iter().map(|p| p.to_string()).collect())
    }

    /// The token-start matches of a whole-text search.
    fn starting_tokens(ms: impl IntoIterator<Item = Match>, toks: &[Tok]) -> Vec<Match> {
        ms.into_iter()
            .filter(|m| toks.iter().any(|t| t.start == m.start()))
            .collect()
    }

    const PATTERNS: &[&str] = &[
        "dit",
        "a dit",
        "fait savoir",
        "savoir",
        "s'exclame",
        "exclame",
        "according to",
        "to",
        "selon",
        "é",
        "ée",
    ];

    #[test]
    fn same_token_start_matches_as_the_whole_text_search() {
        let texts = [
            "Il a dit que selon lui",
            "Il parfait savoir, redit-il",
            "Elle fait savoir qu'elle s'exclame",
            "Ils'exclame ou exclame",
            "Reaccording to him, went to",
            "According To SELON",
            "Été ée éé",
            "x",
            "",
        ];
        let ac = automaton(PATTERNS);
        let both = Automata {
            anchored: &dfa(PATTERNS),
            whole_text: &whole_text(PATTERNS),
        };
        let scan = CueScan::new(PATTERNS);
        for text in texts {
            let toks = tokenize(text);
            let whole = starting_tokens(ac.find_iter(text), &toks);
            let fast = starting_tokens(scan.matches(&both, text, &toks), &toks);
            assert_eq!(fast, whole, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_whole_text_search(
            picks in proptest::collection::vec(0..16usize, 0..30),
        ) {
            const PIECES: [&str; 16] = [
                "a", "dit", "fait", "par", "savoir", " ", "'", "s", "exclame", "é", "e",
                "to", "according", "-", ",", "Selon",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let ac = automaton(PATTERNS);
            let both = Automata { anchored: &dfa(PATTERNS), whole_text: &whole_text(PATTERNS) };
            let scan = CueScan::new(PATTERNS);
            let toks = tokenize(&text);
            proptest::prop_assert_eq!(
                starting_tokens(scan.matches(&both, &text, &toks), &toks),
                starting_tokens(ac.find_iter(text.as_str()), &toks),
                "{:?}", text
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_on_the_real_lexicons(
            picks in proptest::collection::vec(0..24usize, 0..40),
            lang in proptest::sample::select(vec!["fr", "en"]),
        ) {
            const PIECES: [&str; 24] = [
                "fait", "par", "savoir", " ", "according", "to", "whereas", "quoted", "by",
                "s'", "s\u{2019}", "exclame", "de", "l'avis", "a", "dit", "déclaré", ",", "-t-il",
                "X", "selon", "se", "félicite", "point",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let stage = super::super::testkit::stage();
            let lex = &stage.languages[lang];
            let toks = tokenize(&text);
            proptest::prop_assert_eq!(
                starting_tokens(lex.scan.matches(&lex.automata(), &text, &toks), &toks),
                starting_tokens(lex.whole_text.get().unwrap().find_iter(text.as_str()), &toks),
                "{:?}", text
            );
        }
    }
}
