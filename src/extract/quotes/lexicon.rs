//! The quotes stage's language data, loaded once per language from the files
//! named in `[quotes.languages.<lang>]`: speech verbs (compiled into one
//! Aho-Corasick automaton with the source phrases), function words, speaker
//! nouns and title cues. Lookups by word use [`key`] (lowercase, apostrophes
//! unified, accents kept: French `a` and `à` differ); nouns and title cues use
//! [`fold`] (accent-insensitive).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::Path;

use crate::lexicon::{self, Fnv, LexiconError};
use crate::text::fold::fold;

use super::cue_scan::{Automata, CueScan, WholeText};
use super::keys::{AsciiFilter, KeyKind, PackedWords, with_key};
use super::trie::Trie;

/// A map keyed by words or phrases, looked up for many words of every
/// article: hashed with the fast [`Fnv`].
pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// A set of words or phrases, hashed with [`Fnv`].
pub(crate) type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// Lookup key of a word: lowercase with `’` unified to `'`, accents kept.
pub(crate) fn key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

/// Where a verb counts as a speech cue (column `use`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    /// Anywhere in the sentence of a quotation.
    Any,
    /// Followed by que/that, or right beside a quotation.
    Que,
    /// Only right beside a quotation.
    Incise,
}

/// Whether a verb introduces reported speech (column `que`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Verb + que/that.
    Que,
    /// Verb + short object + que/that.
    Object,
    /// Never.
    None,
}

/// The grammatical form a matched verb was listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    /// A cue on its own.
    Finite,
    /// Needs an auxiliary.
    Participle,
    /// After a modal chain.
    Infinitive,
    /// Present participle.
    Gerund,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// A form of verb `verb` (index into [`LangLexicon::verbs`]).
    Verb {
        /// Index of the verb.
        verb: usize,
        /// Its form.
        form: FormKind,
    },
    /// A source phrase (selon, according to).
    Source,
    /// A source word only at the head of a sentence, its complement followed
    /// by a comma (`Pour l'analyste X, …`, `For Smith, …`).
    SourceInitial,
}

/// One speech verb.
#[derive(Debug, Clone)]
pub(crate) struct Verb {
    /// Where it counts as a cue.
    pub use_: Use,
    /// Whether it takes que/that.
    pub frame: Frame,
}

/// Grammatical roles of a function word (bit flags).
pub(crate) mod role {
    pub const AUX: u32 = 1;
    pub const PASSIVE: u32 = 1 << 1;
    pub const REFLEXIVE: u32 = 1 << 2;
    pub const NEGATION: u32 = 1 << 3;
    pub const COMPLEMENTIZER: u32 = 1 << 4;
    pub const AGENT: u32 = 1 << 5;
    pub const TO: u32 = 1 << 6;
    pub const COORD: u32 = 1 << 7;
    pub const PLURAL_DET: u32 = 1 << 8;
    pub const INDEFINITE: u32 = 1 << 9;
    pub const OF: u32 = 1 << 10;
    pub const ADVERB: u32 = 1 << 11;
    pub const OBJECT_PRONOUN: u32 = 1 << 12;
    pub const DETERMINER: u32 = 1 << 13;
    pub const PREPOSITION: u32 = 1 << 14;
    pub const RELATIVE: u32 = 1 << 15;
    pub const BARE_CLAUSE: u32 = 1 << 16;
    pub const FINITE: u32 = 1 << 17;
}

/// What a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PronounClass {
    /// A person only (he, lui).
    Person,
    /// A person, else a country or organisation (il, elle).
    PersonFirst,
    /// A country or organisation (it).
    Thing,
    /// A plural group (ils, they).
    Plural,
    /// Nobody (on).
    Nobody,
}

/// What a speaker noun refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NounKind {
    /// A named person.
    Person,
    /// An organisation.
    Organization,
    /// A country.
    Country,
    /// An unnamed group: never resolved.
    Group,
    /// A document (communiqué, statement): the organisation that issued
    /// it, named in the same or the previous sentence.
    Document,
}

/// One speaker noun (le diplomate, the minister).
#[derive(Debug, Clone)]
pub(crate) struct Noun {
    /// What it refers to.
    pub kind: NounKind,
    /// Folded role words that make a person compatible; empty: any person.
    pub matches: Vec<String>,
}

/// Folded phrases of one or more words, each with a value, looked up at
/// token positions.
///
/// Most words of a text start or end no phrase; `heads` and `tails` tell
/// so from one folded token, before any phrase is built.
#[derive(Debug, Clone)]
pub(crate) struct PhraseMap<V> {
    /// The phrases, [`fold`]ed, words separated by single spaces.
    phrases: WordMap<V>,
    /// What the first token of a phrase folds to: each phrase cut before a
    /// space or after an apostrophe, and whole.
    heads: WordSet,
    /// What the last token of a phrase folds to: each phrase cut after a
    /// space or an apostrophe, and whole.
    tails: WordSet,
    /// Longest phrase, in words.
    pub max_words: usize,
    /// `heads`, for words that start no phrase.
    head_filter: AsciiFilter,
    /// `tails`, for words that end no phrase.
    tail_filter: AsciiFilter,
}

impl<V> Default for PhraseMap<V> {
    fn default() -> Self {
        PhraseMap {
            phrases: WordMap::default(),
            heads: WordSet::default(),
            tails: WordSet::default(),
            max_words: 0,
            head_filter: AsciiFilter::default(),
            tail_filter: AsciiFilter::default(),
        }
    }
}

impl<V> PhraseMap<V> {
    /// Adds a folded phrase (replacing its value).
    fn insert_folded(&mut self, folded: String, value: V) {
        self.insert_cuts(&folded);
        self.phrases.insert(folded, value);
    }

    /// Files the heads and tails of a folded phrase.
    fn insert_cuts(&mut self, folded: &str) {
        for (i, c) in folded.char_indices() {
            if c == ' ' {
                self.insert_head(&folded[..i]);
            }
            if c == ' ' || c == '\'' {
                self.insert_tail(&folded[i + 1..]);
            }
            if c == '\'' {
                self.insert_head(&folded[..=i]);
            }
        }
        self.insert_head(folded);
        self.insert_tail(folded);
    }

    fn insert_head(&mut self, head: &str) {
        self.head_filter.insert(head);
        self.heads.insert(head.to_string());
    }

    fn insert_tail(&mut self, tail: &str) {
        self.tail_filter.insert(tail);
        self.tails.insert(tail.to_string());
    }

    /// The value of a folded phrase.
    pub fn get(&self, folded: &str) -> Option<&V> {
        self.phrases.get(folded)
    }

    /// False when no phrase starts with a token folding to `folded`.
    pub fn may_start_with(&self, folded: &str) -> bool {
        folded.is_empty() || self.heads.contains(folded)
    }

    /// False when no phrase ends with a token folding to `folded`.
    pub fn may_end_with(&self, folded: &str) -> bool {
        folded.is_empty() || self.tails.contains(folded)
    }

    /// True when surely no phrase starts with token `word` (as written),
    /// told without folding it.
    pub fn cannot_start_with(&self, word: &str) -> bool {
        self.head_filter.rules_out(word, KeyKind::Folded)
    }

    /// True when surely no phrase ends with token `word` (as written).
    pub fn cannot_end_with(&self, word: &str) -> bool {
        self.tail_filter.rules_out(word, KeyKind::Folded)
    }
}

/// A set of folded phrases.
pub(crate) type PhraseSet = PhraseMap<()>;

impl PhraseSet {
    fn insert(&mut self, phrase: &str) {
        self.max_words = self.max_words.max(words_in(phrase));
        self.insert_folded(fold(phrase), ());
    }

    /// True when the set holds the folded phrase.
    pub fn contains(&self, folded: &str) -> bool {
        self.phrases.contains_key(folded)
    }
}

/// Everything the stage knows about one language.
#[derive(Debug, Clone)]
pub(crate) struct LangLexicon {
    /// Verb forms and source phrases, searched anchored, ignoring ASCII
    /// case.
    pub automaton: Trie,
    /// The same patterns, searched over a whole text.
    pub whole_text: WholeText,
    /// Runs `automaton` at token starts only.
    pub scan: CueScan,
    /// What each automaton pattern is.
    pub patterns: Vec<Pattern>,
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// Function words ([`key`]) → role bits.
    pub roles: WordMap<u32>,
    /// The keys of `roles`, for the many words with no role.
    role_filter: AsciiFilter,
    /// The short ASCII entries of `roles`, asked first.
    short_roles: PackedWords<u32>,
    /// Some verb form drops que/that (role `bare_clause`): English, not French.
    pub drops_complementizer: bool,
    /// Inverted-subject suffixes ([`key`], `-t-il`), longest first.
    pub inverted: Vec<String>,
    /// Adverb endings ([`key`]).
    pub adverb_suffixes: Vec<String>,
    /// Endings of a possessive name ([`key`], `'s`): `China's envoy`.
    pub possessive_suffixes: Vec<String>,
    /// Demonyms of the country gazetteer ([`fold`]ed) → the country code
    /// (`algérien` → `DZA`), shared by both languages; set by the stage.
    pub demonyms: WordMap<String>,
    /// Adverbial phrases of several words (`pour sa part`).
    pub adverb_phrases: PhraseSet,
    /// Sentence openings that point back at the quotation before
    /// (`c'est ce qu'`, `this is what`).
    pub refers_back: PhraseSet,
    /// Pronouns ([`key`]).
    pub pronouns: WordMap<PronounClass>,
    /// The keys of `pronouns`.
    pronoun_filter: AsciiFilter,
    /// Speaker nouns (folded phrase) → index into `nouns`; its
    /// `max_words` is the longest noun, in words.
    pub noun_index: PhraseMap<usize>,
    /// Speaker nouns.
    pub nouns: Vec<Noun>,
    /// Title cues.
    pub titles: PhraseSet,
}

/// The data files of one language.
pub(crate) struct LangFiles<'a> {
    pub speech_verbs: &'a Path,
    pub grammar: &'a Path,
    pub speaker_nouns: &'a Path,
    pub title_cues: &'a Path,
}

fn format_error(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Both apostrophe spellings of a pattern.
fn apostrophe_variants(form: &str) -> Vec<String> {
    let straight = form.replace('\u{2019}', "'");
    let curly = straight.replace('\'', "\u{2019}");
    if curly == straight {
        vec![straight]
    } else {
        vec![straight, curly]
    }
}

fn words_in(phrase: &str) -> usize {
    phrase.split_whitespace().count().max(1)
}

/// Automaton patterns being collected: their text and meaning, each form
/// once, in both apostrophe spellings.
#[derive(Default)]
struct Patterns {
    text: Vec<String>,
    meaning: Vec<Pattern>,
    seen: HashSet<String>,
}

impl Patterns {
    fn push(&mut self, form: &str, meaning: Pattern) {
        for v in apostrophe_variants(form.trim()) {
            if !v.is_empty() && self.seen.insert(v.to_lowercase()) {
                self.text.push(v);
                self.meaning.push(meaning);
            }
        }
    }
}

/// The value of a column that must be one of `options`.
fn choice<T: Copy>(
    row: &lexicon::Row,
    column: &str,
    path: &Path,
    options: &[(&str, T)],
) -> Result<T, LexiconError> {
    let v = row.require(column, path)?;
    options
        .iter()
        .find(|(name, _)| *name == v)
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
            format_error(
                path,
                row.line,
                format!("{column} '{v}' is not one of {}", names.join(", ")),
            )
        })
}

/// A filter of `keys`.
fn filter<'k>(keys: impl Iterator<Item = &'k String>) -> AsciiFilter {
    let mut f = AsciiFilter::default();
    keys.for_each(|k| f.insert(k));
    f
}

/// False when the [`key`] of `word` ends with none of `suffixes` (keys),
/// told from its last byte: a word ending in an ASCII byte has a key
/// ending in that byte lowercased (only non-ASCII characters map
/// otherwise, `’` to `'`).
fn may_end_with_one_of(word: &str, suffixes: &[String]) -> bool {
    match word.as_bytes().last() {
        Some(&b) if b.is_ascii() => {
            let b = b.to_ascii_lowercase();
            // an empty suffix ends every key
            suffixes
                .iter()
                .any(|s| s.as_bytes().last().is_none_or(|&l| l == b))
        }
        _ => !suffixes.is_empty(),
    }
}

/// Reads `speech_verbs.tsv` into verbs and automaton patterns.
fn load_verbs(path: &Path, patterns: &mut Patterns) -> Result<Vec<Verb>, LexiconError> {
    let uses = [
        ("any", Use::Any),
        ("que", Use::Que),
        ("incise", Use::Incise),
    ];
    let frames = [
        ("yes", Frame::Que),
        ("object", Frame::Object),
        ("no", Frame::None),
    ];
    let mut verbs = Vec::new();
    for row in &lexicon::read_table(path)?.rows {
        let use_ = choice(row, "use", path, &uses)?;
        let frame = choice(row, "que", path, &frames)?;
        let verb = verbs.len();
        verbs.push(Verb { use_, frame });
        for (column, form) in [
            ("finite", FormKind::Finite),
            ("participles", FormKind::Participle),
            ("infinitive", FormKind::Infinitive),
            ("gerund", FormKind::Gerund),
        ] {
            for f in row.list(column) {
                patterns.push(f, Pattern::Verb { verb, form });
            }
        }
    }
    Ok(verbs)
}

/// What `quote_grammar.tsv` holds besides automaton patterns.
#[derive(Default)]
struct Grammar {
    roles: WordMap<u32>,
    inverted: Vec<String>,
    adverb_suffixes: Vec<String>,
    possessive_suffixes: Vec<String>,
    adverb_phrases: PhraseSet,
    refers_back: PhraseSet,
    pronouns: WordMap<PronounClass>,
}

/// What a grammar role name stands for.
#[derive(Clone, Copy)]
enum GrammarRole {
    Bit(u32),
    Inverted,
    AdverbSuffix,
    PossessiveSuffix,
    Source(Pattern),
    Pronoun(PronounClass),
    RefersBack,
}

const GRAMMAR_ROLES: &[(&str, GrammarRole)] = &[
    ("aux", GrammarRole::Bit(role::AUX)),
    ("passive", GrammarRole::Bit(role::PASSIVE)),
    ("reflexive", GrammarRole::Bit(role::REFLEXIVE)),
    ("negation", GrammarRole::Bit(role::NEGATION)),
    ("complementizer", GrammarRole::Bit(role::COMPLEMENTIZER)),
    ("agent", GrammarRole::Bit(role::AGENT)),
    ("to", GrammarRole::Bit(role::TO)),
    ("coord", GrammarRole::Bit(role::COORD)),
    ("plural_det", GrammarRole::Bit(role::PLURAL_DET)),
    ("indefinite", GrammarRole::Bit(role::INDEFINITE)),
    ("of", GrammarRole::Bit(role::OF)),
    ("adverb", GrammarRole::Bit(role::ADVERB)),
    ("object_pronoun", GrammarRole::Bit(role::OBJECT_PRONOUN)),
    ("determiner", GrammarRole::Bit(role::DETERMINER)),
    ("preposition", GrammarRole::Bit(role::PREPOSITION)),
    ("inverted", GrammarRole::Inverted),
    ("refers_back", GrammarRole::RefersBack),
    ("relative", GrammarRole::Bit(role::RELATIVE)),
    ("bare_clause", GrammarRole::Bit(role::BARE_CLAUSE)),
    ("finite", GrammarRole::Bit(role::FINITE)),
    ("adverb_suffix", GrammarRole::AdverbSuffix),
    ("possessive_suffix", GrammarRole::PossessiveSuffix),
    ("source", GrammarRole::Source(Pattern::Source)),
    (
        "source_initial",
        GrammarRole::Source(Pattern::SourceInitial),
    ),
    ("pronoun_person", GrammarRole::Pronoun(PronounClass::Person)),
    (
        "pronoun_person_first",
        GrammarRole::Pronoun(PronounClass::PersonFirst),
    ),
    ("pronoun_thing", GrammarRole::Pronoun(PronounClass::Thing)),
    ("pronoun_plural", GrammarRole::Pronoun(PronounClass::Plural)),
    ("pronoun_none", GrammarRole::Pronoun(PronounClass::Nobody)),
];

/// Reads `quote_grammar.tsv`; source phrases go to the automaton.
fn load_grammar(path: &Path, patterns: &mut Patterns) -> Result<Grammar, LexiconError> {
    let mut g = Grammar::default();
    for row in &lexicon::read_table(path)?.rows {
        let word = key(row.require("word", path)?);
        match choice(row, "role", path, GRAMMAR_ROLES)? {
            GrammarRole::Inverted => g.inverted.push(word),
            GrammarRole::AdverbSuffix => g.adverb_suffixes.push(word),
            GrammarRole::PossessiveSuffix => g.possessive_suffixes.push(word),
            GrammarRole::Source(p) => patterns.push(&word, p),
            GrammarRole::Pronoun(class) => {
                g.pronouns.insert(word, class);
            }
            GrammarRole::RefersBack => g.refers_back.insert(&word),
            GrammarRole::Bit(role::ADVERB) if word.contains(' ') => g.adverb_phrases.insert(&word),
            GrammarRole::Bit(_) if word.contains(' ') => {
                return Err(format_error(
                    path,
                    row.line,
                    format!(
                        "only adverbs, sources and refers_back may have several words: '{word}'"
                    ),
                ));
            }
            GrammarRole::Bit(bit) => *g.roles.entry(word).or_default() |= bit,
        }
    }
    g.inverted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    Ok(g)
}

/// Reads `speaker_nouns.tsv`: the folded-phrase index and the nouns.
fn load_nouns(path: &Path) -> Result<(PhraseMap<usize>, Vec<Noun>), LexiconError> {
    let kinds = [
        ("person", NounKind::Person),
        ("organization", NounKind::Organization),
        ("country", NounKind::Country),
        ("group", NounKind::Group),
        ("document", NounKind::Document),
    ];
    let mut index = PhraseMap {
        max_words: 1,
        ..PhraseMap::default()
    };
    let mut nouns = Vec::new();
    for row in &lexicon::read_table(path)?.rows {
        let noun = fold(row.require("noun", path)?);
        let kind = choice(row, "kind", path, &kinds)?;
        let matches = row.list("matches").into_iter().map(fold).collect();
        index.max_words = index.max_words.max(words_in(&noun));
        index.insert_folded(noun, nouns.len());
        nouns.push(Noun { kind, matches });
    }
    Ok((index, nouns))
}

impl LangLexicon {
    /// The cue automata, for [`CueScan`].
    pub fn automata(&self) -> Automata<'_> {
        Automata {
            anchored: &self.automaton,
            whole_text: &self.whole_text,
        }
    }

    /// Loads one language's files.
    pub fn load(files: &LangFiles<'_>) -> Result<LangLexicon, LexiconError> {
        let mut patterns = Patterns::default();
        let verbs = load_verbs(files.speech_verbs, &mut patterns)?;
        let grammar = load_grammar(files.grammar, &mut patterns)?;
        let (noun_index, nouns) = load_nouns(files.speaker_nouns)?;
        let mut titles = PhraseSet::default();
        for t in lexicon::read_list(files.title_cues)? {
            titles.insert(&t);
        }
        // a trie for the search at token starts, which runs on every
        // article; the rare whole-text search's automaton is built when needed
        let automaton = Trie::new(&patterns.text)
            .map_err(|e| format_error(files.speech_verbs, 0, e.to_string()))?;
        Ok(LangLexicon {
            automaton,
            scan: CueScan::new(&patterns.text),
            whole_text: WholeText::new(patterns.text),
            patterns: patterns.meaning,
            verbs,
            drops_complementizer: grammar.roles.values().any(|r| r & role::BARE_CLAUSE != 0),
            role_filter: filter(grammar.roles.keys()),
            short_roles: PackedWords::new(grammar.roles.iter()),
            roles: grammar.roles,
            inverted: grammar.inverted,
            adverb_suffixes: grammar.adverb_suffixes,
            possessive_suffixes: grammar.possessive_suffixes,
            demonyms: WordMap::default(),
            adverb_phrases: grammar.adverb_phrases,
            refers_back: grammar.refers_back,
            pronoun_filter: filter(grammar.pronouns.keys()),
            pronouns: grammar.pronouns,
            noun_index,
            nouns,
            titles,
        })
    }

    /// Role bits of a word.
    pub fn role(&self, word: &str) -> u32 {
        if let Some(r) = self.short_roles.get(word) {
            return r;
        }
        if self.role_filter.rules_out(word, KeyKind::Lowered) {
            return 0;
        }
        with_key(word, |k| self.roles.get(k).copied().unwrap_or(0))
    }

    /// True when `word` has role `bit`.
    pub fn is(&self, word: &str, bit: u32) -> bool {
        self.role(word) & bit != 0
    }

    /// True when `word` is a possessive name (`China's`): it ends with a
    /// possessive suffix after at least one letter.
    pub fn is_possessive(&self, word: &str) -> bool {
        may_end_with_one_of(word, &self.possessive_suffixes)
            && with_key(word, |k| {
                self.possessive_suffixes
                    .iter()
                    .any(|s| k.len() > s.len() && k.ends_with(s.as_str()))
            })
    }

    /// True when `word` ends with an adverb suffix (`-ment`, `-ly`) after
    /// at least three letters; with the `adverb` role, what may sit between
    /// an auxiliary and its participle, or between a verb and que.
    pub fn has_adverb_suffix(&self, word: &str) -> bool {
        may_end_with_one_of(word, &self.adverb_suffixes)
            && with_key(word, |k| {
                self.adverb_suffixes
                    .iter()
                    .any(|s| k.len() > s.len() + 2 && k.ends_with(s.as_str()))
            })
    }

    /// True for pronouns that cannot be a verb's subject (`lui`, `him`).
    pub fn is_object_pronoun(&self, word: &str) -> bool {
        self.is(word, role::OBJECT_PRONOUN)
    }

    /// The pronoun class of a word, if it is a pronoun.
    pub fn pronoun(&self, word: &str) -> Option<PronounClass> {
        if self.pronoun_filter.rules_out(word, KeyKind::Lowered) {
            return None;
        }
        with_key(word, |k| self.pronouns.get(k).copied())
    }

    /// Splits an inverted-subject suffix off a token (`a-t-il` → 1 byte of
    /// head `a`, pronoun `il`): returns the head length and the pronoun's
    /// byte offset inside the token.
    pub fn split_inverted(&self, token: &str) -> Option<(usize, usize)> {
        // a suffix without `-` gives `None` below, and keys keep every `-`
        if !token.as_bytes().contains(&b'-') {
            return None;
        }
        with_key(token, |k| {
            // `key` keeps byte lengths except for `’` (3 bytes → 1): compare on chars.
            let suffix = self
                .inverted
                .iter()
                .find(|s| k.len() > s.len() && k.ends_with(s.as_str()))?;
            let suffix_chars = suffix.chars().count();
            let head_chars = token.chars().count().checked_sub(suffix_chars)?;
            let head = token.char_indices().nth(head_chars)?.0;
            let pronoun_rel = suffix.rfind('-').map(|i| i + 1)?;
            Some((head, head + pronoun_rel))
        })
    }
}

/// Reads the demonyms of the country gazetteer (columns `country`, the ISO
/// code actors carry, and `demonyms`, a `|` list in both languages): each
/// [`fold`]ed demonym → its country code; a demonym of two countries is kept
/// for the first.
pub(crate) fn load_demonyms(path: &Path) -> Result<WordMap<String>, LexiconError> {
    let mut map = WordMap::default();
    for row in &lexicon::read_table(path)?.rows {
        let code = row.require("country", path)?;
        for d in row.list("demonyms") {
            map.entry(fold(d)).or_insert_with(|| code.to_string());
        }
    }
    Ok(map)
}
