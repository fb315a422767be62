//! The cue patterns as a trie, for the leftmost-longest match anchored at
//! a token start ([`super::cue_scan`]), ignoring ASCII case.
//!
//! An anchored search never follows a failure link, so the automaton it
//! walks is the patterns' trie: the longest pattern that is a prefix of the
//! text is the match (the first of equal patterns). The trie is built in a
//! fraction of the time aho-corasick's anchored DFA of the same patterns
//! took (a quarter of the stage's setup), and is walked the same way: one
//! table load per byte.

use aho_corasick::{Match, PatternID};

/// No transition: the walk is over (the root is no node's child).
const DEAD: u32 = 0;

/// The trie of a list of patterns.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Byte → its column in `next` (of its ASCII lowercase form); column 0
    /// for the bytes of no pattern, whose transitions are all [`DEAD`].
    class: [u8; 256],
    /// Columns per node.
    width: usize,
    /// Node × column → child node.
    next: Vec<u32>,
    /// Per node, the first pattern spelling it, plus one (0: none).
    pattern: Vec<u32>,
}

/// Why a trie cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many cue patterns for the cue trie")
    }
}

impl Trie {
    /// The trie of `patterns`, ASCII lowercased.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Result<Trie, TooLarge> {
        let mut class = [0u8; 256];
        let mut width = 1;
        for p in patterns {
            for &b in p.as_ref().as_bytes() {
                let b = b.to_ascii_lowercase();
                if class[usize::from(b)] == 0 {
                    class[usize::from(b)] = u8::try_from(width).map_err(|_| TooLarge)?;
                    width += 1;
                }
            }
        }
        // an uppercase ASCII byte walks as its lowercase form
        for b in b'A'..=b'Z' {
            class[usize::from(b)] = class[usize::from(b.to_ascii_lowercase())];
        }
        let mut trie = Trie {
            class,
            width,
            next: vec![DEAD; width],
            pattern: vec![0],
        };
        for (id, p) in patterns.iter().enumerate() {
            let mut node = 0;
            for &b in p.as_ref().as_bytes() {
                let at = node * width + usize::from(trie.class[usize::from(b)]);
                node = match trie.next[at] {
                    DEAD => {
                        let child = trie.pattern.len();
                        trie.next[at] = u32::try_from(child).map_err(|_| TooLarge)?;
                        trie.next.resize(trie.next.len() + width, DEAD);
                        trie.pattern.push(0);
                        child
                    }
                    child => child as usize,
                };
            }
            if node > 0 && trie.pattern[node] == 0 {
                trie.pattern[node] = u32::try_from(id + 1).map_err(|_| TooLarge)?;
            }
        }
        Ok(trie)
    }

    /// The longest pattern that `bytes[at..]` starts with, ignoring ASCII case.
    #[inline]
    pub fn anchored_at(&self, bytes: &[u8], at: usize) -> Option<Match> {
        let mut node = 0;
        let mut found = None;
        for (i, &b) in bytes[at..].iter().enumerate() {
            node = self.next[node * self.width + usize::from(self.class[usize::from(b)])] as usize;
            if node == DEAD as usize {
                break;
            }
            if let Some(id) = self.pattern[node].checked_sub(1) {
                found = Some(Match::new(
                    PatternID::new_unchecked(id as usize),
                    at..at + i + 1,
                ));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::{Anchored, MatchKind, StartKind};

    use super::*;

    /// The search the trie replaces: aho-corasick's anchored
    /// leftmost-longest DFA of the lowercased patterns, walked over the
    /// lowercased text, keeping match states whose pattern starts at `at`.
    fn dfa_at(dfa: &aho_corasick::dfa::DFA, bytes: &[u8], at: usize) -> Option<Match> {
        let mut sid = dfa.start_state(Anchored::Yes).ok()?;
        let mut found = None;
        for (i, &b) in bytes[at..].iter().enumerate() {
            sid = dfa.next_state(Anchored::Yes, sid, b.to_ascii_lowercase());
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                break;
            }
            if dfa.is_match(sid) {
                let pattern = dfa.match_pattern(sid, 0);
                let end = at + i + 1;
                if end - dfa.pattern_len(pattern) == at {
                    found = Some(Match::new(pattern, at..end));
                }
            }
        }
        found
    }

    fn dfa(patterns: &[String]) -> aho_corasick::dfa::DFA {
        let lowered: Vec<String> = patterns.iter().map(|p| p.to_ascii_lowercase()).collect();
        aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&lowered)
            .unwrap()
    }

    fn same_everywhere(patterns: &[String], text: &str) -> Result<(), String> {
        let (trie, dfa) = (Trie::new(patterns).unwrap(), dfa(patterns));
        for at in 0..=text.len() {
            let (a, b) = (
                trie.anchored_at(text.as_bytes(), at),
                dfa_at(&dfa, text.as_bytes(), at),
            );
            if a != b {
                return Err(format!("{text:?} at {at}: trie {a:?}, dfa {b:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn matches_as_the_anchored_dfa() {
        let patterns: Vec<String> = [
            "dit",
            "a dit",
            "A Dit",
            "dit",
            "fait savoir",
            "savoir",
            "s'exclame",
            "é",
            "ée",
            "Déclaré",
            "to",
            "according to",
            "ÀB",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let texts = [
            "a dit que",
            "A DIT",
            "dites",
            "fait savoir",
            "faits",
            "S'EXCLAME",
            "éée",
            "déclaré",
            "DÉCLARÉ",
            "according to",
            "Àb àB",
            "",
            "x",
        ];
        for text in texts {
            same_everywhere(&patterns, text).unwrap();
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn agrees_on_the_real_lexicons(
            picks in proptest::collection::vec(0..20usize, 0..30),
            lang in proptest::sample::select(vec!["fr", "en"]),
        ) {
            const PIECES: [&str; 20] = [
                "fait", "par", "savoir", " ", "according", "to", "quoted", "by", "s'", "S\u{2019}",
                "exclame", "de", "l'avis", "A", "dit", "déclaré", "SAID", "told", "-t-il", "selon",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let stage = super::super::testkit::stage();
            let patterns = stage.languages[lang].whole_text.patterns().to_vec();
            proptest::prop_assert_eq!(same_everywhere(&patterns, &text), Ok(()));
        }
    }
}
