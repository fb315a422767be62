//! Grammar word classes (`event_grammar.tsv`): the word lists the
//! structural rules read (prepositions, auxiliaries, cues, pronouns ...),
//! looked up by first or last word, with [`C`] naming the ones the code
//! reads so that a sentence can hold, per token, the bit set of its classes.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::tokens::{fold_entry, tokenize_str};
use crate::lexicon::{LexiconError, read_table};

/// A hash map keyed by words, with the fast [`crate::lexicon::Fnv`] hash.
pub type WordMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<crate::lexicon::Fnv>>;

/// A set of word sequences (a grammar class), looked up by first or last word.
#[derive(Debug, Clone, Default)]
pub struct Class {
    by_first: WordMap<Vec<Vec<String>>>,
    by_last: WordMap<Vec<Vec<String>>>,
}

impl Class {
    fn add(&mut self, seq: Vec<String>) {
        if seq.is_empty() {
            return;
        }
        // (keys copied only when new: most first and last words repeat)
        let first = &seq[0];
        match self.by_first.get_mut(first) {
            Some(seqs) => seqs.push(seq.clone()),
            None => {
                self.by_first.insert(first.clone(), vec![seq.clone()]);
            }
        }
        let last = &seq[seq.len() - 1];
        match self.by_last.get_mut(last) {
            Some(seqs) => seqs.push(seq),
            None => {
                self.by_last.insert(last.clone(), vec![seq]);
            }
        }
    }

    /// Length of the longest sequence of the class starting at word `i`.
    pub fn at(&self, words: &[&str], i: usize) -> Option<usize> {
        let seqs = self.by_first.get(*words.get(i)?)?;
        seqs.iter()
            .filter(|s| {
                i + s.len() <= words.len() && s.iter().zip(&words[i..]).all(|(a, b)| a == b)
            })
            .map(Vec::len)
            .max()
    }

    /// Start of the longest sequence of the class ending just before word `end`.
    pub fn ending_at(&self, words: &[&str], end: usize) -> Option<usize> {
        let last = *words.get(end.checked_sub(1)?)?;
        let seqs = self.by_last.get(last)?;
        seqs.iter()
            .filter(|s| {
                s.len() <= end
                    && s.iter()
                        .zip(&words[end - s.len()..end])
                        .all(|(a, b)| a == b)
            })
            .map(|s| end - s.len())
            .min()
    }

    /// Every word sequence of the class.
    pub fn sequences(&self) -> impl Iterator<Item = &Vec<String>> {
        self.by_first.values().flatten()
    }

    /// True when the class has no words (a language without such words).
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// True when the single word `w` is in the class.
    pub fn has(&self, w: &str) -> bool {
        self.by_first
            .get(w)
            .is_some_and(|v| v.iter().any(|s| s.len() == 1))
    }
}

macro_rules! classes {
    ($($variant:ident = $name:literal,)*) => {
        /// The grammar classes the stage code reads: each is a `class` of
        /// `event_grammar.tsv`, which must define every one (possibly with no words).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum C {
            $(
                #[doc = concat!("The `", $name, "` class.")]
                $variant,
            )*
        }

        impl C {
            /// Every class, in declaration order.
            pub const ALL: &'static [C] = &[$(C::$variant,)*];

            /// The class's name in the data file.
            pub fn name(self) -> &'static str {
                match self {
                    $(C::$variant => $name,)*
                }
            }

            /// The class named `name`, if the stage reads one by that name.
            pub fn named(name: &str) -> Option<C> {
                C::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

// (at most 64 classes: they index the bits of a `u64` mask)
classes! {
    Refl = "refl",
    AuxBe = "aux_be",
    AuxHave = "aux_have",
    Det = "det",
    PronSubj = "pron_subj",
    PronWe = "pron_we",
    Poss = "poss",
    PossCountry = "poss_country",
    PrepDest = "prep_dest",
    PrepLoc = "prep_loc",
    PrepWith = "prep_with",
    PrepBetween = "prep_between",
    PrepAgent = "prep_agent",
    PrepAgainst = "prep_against",
    PrepGen = "prep_gen",
    PrepFrom = "prep_from",
    PrepOblique = "prep_oblique",
    AdjunctEvent = "adjunct_event",
    AdjunctBackground = "adjunct_background",
    ClauseBreak = "clause_break",
    Conj = "conj",
    NegPre = "neg_pre",
    Neg = "neg",
    Speech = "speech",
    LedBy = "led_by",
    FutureWord = "future_word",
    Purpose = "purpose",
    InfMarker = "inf_marker",
    That = "that",
    CondIf = "cond_if",
    CuePlanned = "cue_planned",
    CueHyp = "cue_hyp",
    CueWould = "cue_would",
    LightVerb = "light_verb",
    NounMarker = "noun_marker",
    Relative = "relative",
    AuxNonfinite = "aux_nonfinite",
    RelativeSubject = "relative_subject",
    EventContainer = "event_container",
    CompoundHead = "compound_head",
    GerVerbalBefore = "ger_verbal_before",
    Demonstrative = "demonstrative",
    PronObj = "pron_obj",
    GerundMarker = "gerund_marker",
    Pronoun = "pronoun",
    TheTwo = "the_two",
    TheCountry = "the_country",
    TheseCountries = "these_countries",
    Possessive = "possessive",
    BareOf = "bare_of",
    FirstTo = "first_to",
    Forces = "forces",
    AidObj = "aid_obj",
    Crowd = "crowd",
    Captives = "captives",
}

/// Reads `event_grammar.tsv`: columns `class`, `words` (`|`-separated).
pub fn load_classes(path: &Path) -> Result<BTreeMap<String, Class>, LexiconError> {
    let table = read_table(path)?;
    let mut classes: BTreeMap<String, Class> = BTreeMap::new();
    for row in &table.rows {
        let name = row.require("class", path)?.to_string();
        let class = classes.entry(name).or_default();
        for w in row.list("words") {
            class.add(tokenize_str(&fold_entry(w)));
        }
    }
    for name in C::ALL.iter().map(|c| c.name()) {
        if !classes.contains_key(name) {
            return Err(super::lexicon::format_err(
                path,
                1,
                format!("class '{name}' is missing (add a row, possibly with no words)"),
            ));
        }
    }
    Ok(classes)
}
