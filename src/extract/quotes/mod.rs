//! The quotes stage: every quotation of an article, with who said it.
//!
//! Reads: Sentences, Actors (`Document::actors`, `Document::mentions` and
//! their roles). Adds: `Document::quotes`.
//! Method: quotation marks are paired into quoted spans (`marks.rs`); speech
//! cues (verb forms with their auxiliary, inverted pronoun and voice, and
//! source phrases such as `selon`) are found with one Aho-Corasick automaton
//! per language (`cues.rs`); each quoted span is classed as direct, partial or
//! not a quotation (titles, names, scare quotes) and attributed to the cue
//! beside it (`direct.rs`); reported speech is read from cue + que/that +
//! clause (`indirect.rs`), or cue + clause where English drops `that`
//! (`bare.rs`); a cue's subject (name, pronoun, `le diplomate`) is
//! resolved to an actor of the actors stage (`speaker.rs`). A quotation
//! interrupted by its attribution (`« A, a-t-il dit, B »`) gives two quotes
//! with the same speaker; quotation marks nested in a quotation are part of
//! it. Identical quotations repeated in an article are kept once. All language knowledge
//! is in `pipelines/lexicons/{fr,en}/` (speech_verbs, quote_grammar,
//! speaker_nouns, quote_title_cues); demonyms come from the country
//! gazetteer (`[quotes] countries`).

mod bare;
mod context;
mod cue_scan;
mod cues;
mod direct;
mod indirect;
mod keys;
mod lexicon;
mod marks;
mod resolve;
mod speaker;
mod tokens;
mod trie;

#[cfg(test)]
mod seed_eval;
#[cfg(test)]
mod testkit;

use std::collections::BTreeMap;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::document::{Document, Quote, QuoteKind};
use crate::pipeline::{Field, PipelineError, Stage};
use crate::text::fold::{fold, fold_bytes};

use context::Ctx;
use lexicon::{LangFiles, LangLexicon};

/// The data files of one language, relative to the configuration file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuotesLanguage {
    /// Speech verbs and their forms (`speech_verbs.tsv`).
    pub speech_verbs: String,
    /// Function words: auxiliaries, pronouns, que/that, selon (`quote_grammar.tsv`).
    pub grammar: String,
    /// Nouns that refer back to a speaker (`speaker_nouns.tsv`).
    pub speaker_nouns: String,
    /// Words that introduce a title in quotation marks (`quote_title_cues.txt`).
    pub title_cues: String,
}

impl QuotesLanguage {
    fn default_for(lang: &str) -> Self {
        QuotesLanguage {
            speech_verbs: format!("lexicons/{lang}/speech_verbs.tsv"),
            grammar: format!("lexicons/{lang}/quote_grammar.tsv"),
            speaker_nouns: format!("lexicons/{lang}/speaker_nouns.tsv"),
            title_cues: format!("lexicons/{lang}/quote_title_cues.txt"),
        }
    }
}

/// The `[quotes]` section.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct QuotesConfig {
    /// A quoted span of at most this many words with no speech cue is a
    /// scare quote or a name, not a quotation (default 3).
    pub scare_max_words: usize,
    /// A quotation may run over at most this many paragraphs (default 6).
    pub max_quote_paragraphs: usize,
    /// Pronouns look this many sentences back for their actor (default 3).
    pub pronoun_window_sentences: usize,
    /// Words allowed between a subject and its cue (default 5).
    pub max_subject_gap: usize,
    /// The country gazetteer, for demonyms beside a speaker noun (`le
    /// ministère algérien` → Algeria); default `gazetteer/countries.tsv`.
    pub countries: String,
    /// Actor sectors of news media, which a document noun (`le
    /// communiqué`) never stands for (default `["JRN"]`).
    pub media_sectors: Vec<String>,
    /// Data files per language code.
    pub languages: BTreeMap<String, QuotesLanguage>,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig {
            scare_max_words: 3,
            max_quote_paragraphs: 6,
            pronoun_window_sentences: 3,
            max_subject_gap: 5,
            countries: "gazetteer/countries.tsv".to_string(),
            media_sectors: vec!["JRN".to_string()],
            languages: ["fr", "en"]
                .into_iter()
                .map(|l| (l.to_string(), QuotesLanguage::default_for(l)))
                .collect(),
        }
    }
}

/// The numeric settings the rules read.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub scare_max_words: usize,
    pub max_quote_paragraphs: usize,
    pub pronoun_window_sentences: usize,
    pub max_subject_gap: usize,
    pub media_sectors: Vec<String>,
}

/// The quotes stage, built once and shared across threads.
pub struct QuotesStage {
    languages: HashMap<String, LangLexicon>,
    settings: Settings,
}

impl QuotesStage {
    /// Builds the stage from its `[quotes]` configuration section, loading
    /// each language's data files.
    pub fn build(cfg: &Config) -> Result<Self, PipelineError> {
        let section: QuotesConfig = cfg.stage_section("quotes")?;
        let mut languages = HashMap::new();
        let demonyms = lexicon::load_demonyms(&cfg.resolve(&section.countries))?;
        for (lang, files) in &section.languages {
            let (verbs, grammar, nouns, titles) = (
                cfg.resolve(&files.speech_verbs),
                cfg.resolve(&files.grammar),
                cfg.resolve(&files.speaker_nouns),
                cfg.resolve(&files.title_cues),
            );
            let mut lex = LangLexicon::load(&LangFiles {
                speech_verbs: &verbs,
                grammar: &grammar,
                speaker_nouns: &nouns,
                title_cues: &titles,
            })?;
            lex.demonyms = demonyms.clone();
            languages.insert(lang.clone(), lex);
        }
        Ok(QuotesStage {
            languages,
            settings: Settings {
                scare_max_words: section.scare_max_words,
                max_quote_paragraphs: section.max_quote_paragraphs.max(1),
                pronoun_window_sentences: section.pronoun_window_sentences,
                max_subject_gap: section.max_subject_gap,
                media_sectors: section.media_sectors,
            },
        })
    }

    /// The quotations of a document, without storing them.
    fn extract(&self, doc: &Document) -> Vec<Quote> {
        let Some(lex) = self.languages.get(&doc.lang) else {
            return Vec::new();
        };
        if doc.text.is_empty() || doc.paragraphs.is_empty() {
            return Vec::new();
        }
        let ctx = Ctx::new(doc, lex, &self.settings);
        let mut quotes = direct::quotes(&ctx);
        quotes.extend(indirect::quotes(&ctx));
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        let mut quotes = dedup(doc, quotes);
        borrow_speakers(doc, &mut quotes);
        quotes
    }
}

/// Words a quotation needs to take its speaker from another one.
const BORROW_MIN_WORDS: usize = 4;

/// A quotation with no speech cue (a headline `Niger-Chine : « … »`, a
/// quotation read without attribution) whose words recur, as written,
/// inside a quotation attributed through a cue takes that speaker: the
/// same words said again. Compared as written, not folded: folding every
/// quotation costs more than the rest of this rule.
fn borrow_speakers(doc: &Document, quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        let q = &quotes[i];
        if q.cue.is_some() || q.kind == QuoteKind::Indirect {
            continue;
        }
        let words = doc.slice(q.span);
        if words.split_whitespace().nth(BORROW_MIN_WORDS - 1).is_none() {
            continue;
        }
        // set up once, on the first quotation long enough to hold the words
        // (`str::contains` set its search up again for every one)
        let mut finder = None;
        let said_again = quotes.iter().find(|o| {
            o.cue.is_some()
                && o.speaker.is_some()
                && o.span.end - o.span.start > words.len()
                && finder
                    .get_or_insert_with(|| memchr::memmem::Finder::new(words))
                    .find(doc.slice(o.span).as_bytes())
                    .is_some()
        });
        if let Some(o) = said_again {
            quotes[i].speaker = o.speaker;
        }
    }
}

/// Keeps the first of identical quotations (same kind class, same folded
/// text), taking a speaker from a later copy when the first has none.
///
/// Folding every quotation whole cost more than finding them, so only
/// quotations whose first folded bytes ([`fold_head`]) are shared with
/// another one are compared, and only within their group (equal folds
/// have equal heads); quotations written alike are alike without folding.
fn dedup(doc: &Document, quotes: Vec<Quote>) -> Vec<Quote> {
    let heads: Vec<(bool, Head)> = quotes
        .iter()
        .map(|q| (q.kind == QuoteKind::Indirect, fold_head(doc.slice(q.span))))
        .collect();
    let copy_of = copies(doc, &quotes, &heads);
    // where each quotation went in `out`
    let mut at: Vec<usize> = Vec::with_capacity(quotes.len());
    let mut out: Vec<Quote> = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.into_iter().enumerate() {
        match copy_of[i] {
            Some(first) => {
                let o = &mut out[at[first]];
                if o.speaker.is_none() && q.speaker.is_some() {
                    o.speaker = q.speaker;
                    o.cue = q.cue;
                }
                at.push(at[first]);
            }
            None => {
                at.push(out.len());
                out.push(q);
            }
        }
    }
    out
}

/// For each quotation, the first earlier one identical to it ([`dedup`]),
/// if any.
fn copies(doc: &Document, quotes: &[Quote], heads: &[(bool, Head)]) -> Vec<Option<usize>> {
    let mut copy_of = vec![None; quotes.len()];
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_unstable_by_key(|&i| (heads[i], i));
    let mut folded: Vec<Option<String>> = vec![None; quotes.len()];
    // the first quotation of each fold in the group, in text order
    let mut firsts: Vec<usize> = Vec::new();
    for group in order.chunk_by(|&a, &b| heads[a] == heads[b]) {
        if group.len() < 2 {
            continue;
        }
        firsts.clear();
        for &i in group {
            let text = doc.slice(quotes[i].span);
            let mut mine: Option<String> = None;
            // the firsts' folds differ, so at most one is equal to this one
            let same = firsts.iter().copied().find(|&f| {
                let other = doc.slice(quotes[f].span);
                other == text || {
                    let mine = mine.get_or_insert_with(|| fold(text));
                    *folded[f].get_or_insert_with(|| fold(other)) == *mine
                }
            });
            match same {
                Some(f) => copy_of[i] = Some(f),
                None => {
                    folded[i] = mine;
                    firsts.push(i);
                }
            }
        }
    }
    copy_of
}

/// The first [`HEAD_BYTES`] bytes of a fold (`fold` writes only ASCII)
/// and how many of them are used.
type Head = ([u8; HEAD_BYTES], u8);

/// The first [`HEAD_BYTES`] bytes of `fold(text)` (all of it when shorter),
/// folded in place from the first characters only: `fold` reads text left
/// to right and writes only ASCII, so the fold of a prefix is a prefix of
/// the fold, and most quotations differ within a few words.
fn fold_head(text: &str) -> Head {
    let mut out = [0; HEAD_BYTES];
    let mut n = 0;
    fold_bytes(text, |b| {
        out[n] = b;
        n += 1;
        n < HEAD_BYTES
    });
    (out, n as u8)
}

/// Length of the [`fold_head`] key that tells quotations apart.
const HEAD_BYTES: usize = 12;

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Field] {
        &[Field::Sentences, Field::Actors]
    }
    fn assigns(&self) -> &'static [Field] {
        &[Field::Quotes]
    }
    fn process(&self, doc: &mut Document) {
        doc.quotes = self.extract(doc);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::QuotesStage;
    use super::testkit::{ActorSpec, document, stage, with_actors};
    use crate::document::ActorKind;
    use crate::pipeline::Stage;

    fn build(toml: &str) -> Result<QuotesStage, String> {
        let mut cfg = crate::config::Config::parse(toml)?;
        cfg.base_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
        QuotesStage::build(&cfg).map_err(|e| e.to_string())
    }

    #[test]
    fn configuration_errors_name_the_problem() {
        let err = build("[quotes]\nscare_max_word = 3\n").err().unwrap();
        assert!(err.contains("scare_max_word"), "{err}");
        let missing = "[quotes.languages.fr]\nspeech_verbs = \"nowhere.tsv\"\n\
                       grammar = \"lexicons/fr/quote_grammar.tsv\"\n\
                       speaker_nouns = \"lexicons/fr/speaker_nouns.tsv\"\n\
                       title_cues = \"lexicons/fr/quote_title_cues.txt\"\n";
        let err = build(missing).err().unwrap();
        assert!(err.contains("nowhere.tsv"), "{err}");
        let stage = build("[quotes]\n").unwrap();
        assert_eq!(
            stage
                .languages
                .keys()
                .collect::<std::collections::BTreeSet<_>>(),
            ["en", "fr"]
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .iter()
                .collect()
        );
    }

    #[test]
    fn fold_heads_are_prefixes_of_the_fold() {
        let cases = [
            "",
            "Oui",
            "  «  Nous   viendrons  »  ",
            "L’ŒUVRE DES ÉTATS D’AFRIQUE DE L’OUEST ET DU CENTRE",
            "a\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}\u{300}b c d",
            "We will come back, and we will stay as long as needed",
            "  We  \t will\ncome",
            "Abc defgh  ijkl",
            "Abc defghijk  lmn",
            "Abc defghijkl",
            "Say `yes` now, please",
            "Tout va très bien",
            "\u{a0}Oui",
            "Short \n",
        ];
        for text in cases {
            let folded = crate::text::fold::fold(text);
            let n = super::HEAD_BYTES.min(folded.len());
            let (head, len) = super::fold_head(text);
            assert_eq!(
                &head[..usize::from(len)],
                &folded.as_bytes()[..n],
                "{text:?}"
            );
        }
    }

    #[test]
    fn identical_quotations_are_kept_once() {
        use crate::document::{Quote, QuoteKind, Span};
        use crate::text::fold::fold;
        // (name, language, text, quoted pieces: (start, kind, speaker), expected kept indices
        // and the speaker each kept one ends with)
        type Piece = (&'static str, QuoteKind, Option<usize>);
        let cases: &[(&str, &str, &str, &[Piece])] = &[
            (
                "same_words_fr",
                "fr",
                "Nous resterons au Sahel. Nous resterons au Sahel. Nous resterons au Mali.",
                &[
                    ("Nous resterons au Sahel", QuoteKind::Direct, None),
                    ("Nous resterons au Sahel", QuoteKind::Direct, Some(1)),
                    ("Nous resterons au Mali", QuoteKind::Direct, Some(0)),
                ],
            ),
            (
                "same_fold_other_spelling_fr",
                "fr",
                "L'été sera calme. l'ete sera CALME. L'été sera chaud.",
                &[
                    ("L'été sera calme", QuoteKind::Partial, None),
                    ("l'ete sera CALME", QuoteKind::Direct, Some(0)),
                    ("L'été sera chaud", QuoteKind::Direct, None),
                ],
            ),
            (
                "indirect_apart_from_direct_en",
                "en",
                "the talks will go on. The talks will go on. the talks will go on.",
                &[
                    ("the talks will go on", QuoteKind::Indirect, None),
                    ("The talks will go on", QuoteKind::Direct, Some(0)),
                    ("the talks will go on", QuoteKind::Indirect, Some(1)),
                ],
            ),
            (
                "short_and_distinct_en",
                "en",
                "Yes. No. yes.",
                &[
                    ("Yes", QuoteKind::Direct, Some(0)),
                    ("No", QuoteKind::Direct, None),
                    ("yes", QuoteKind::Direct, Some(1)),
                ],
            ),
        ];
        for (name, lang, text, pieces) in cases {
            let doc = super::testkit::document(lang, text);
            let mut from = 0;
            let quotes: Vec<Quote> = pieces
                .iter()
                .map(|&(words, kind, speaker)| {
                    let start = from + doc.text[from..].find(words).unwrap();
                    from = start + words.len();
                    Quote {
                        span: Span::new(start, from),
                        sentence: 0,
                        kind,
                        speaker,
                        cue: speaker.map(|s| s.to_string()),
                    }
                })
                .collect();
            // the definition: the first of each (kind class, fold) is kept,
            // and takes the first speaker a copy has when it has none
            let mut expected: Vec<Quote> = Vec::new();
            let mut keys: Vec<(bool, String)> = Vec::new();
            for q in &quotes {
                let k = (q.kind == QuoteKind::Indirect, fold(doc.slice(q.span)));
                match keys.iter().position(|x| *x == k) {
                    Some(i) if expected[i].speaker.is_none() && q.speaker.is_some() => {
                        expected[i].speaker = q.speaker;
                        expected[i].cue = q.cue.clone();
                    }
                    Some(_) => {}
                    None => {
                        keys.push(k);
                        expected.push(q.clone());
                    }
                }
            }
            let got = super::dedup(&doc, quotes);
            assert_eq!(got, expected, "case {name}");
        }
    }

    #[test]
    fn quotations_said_again_borrow_the_speaker() {
        use super::testkit::{Case, check};
        use crate::document::ActorKind::{Country, Person};
        use crate::document::QuoteKind::Direct;
        const DUPONT: ActorSpec = ("Jean Dupont", Person, &[], None);
        const CHINE: ActorSpec = ("Chine", Country, &[], None);
        check(&[
            Case {
                name: "headline_quote_repeated_in_the_body",
                lang: "fr",
                text: "Niger-Chine : « Nous ne sommes plus des vassaux »\n\n« Nous ne sommes plus des vassaux. Le pays décide seul », lâche le ministre Jean Dupont.",
                actors: &[DUPONT, CHINE],
                expect: &[
                    (
                        "Nous ne sommes plus des vassaux",
                        Direct,
                        Some("Jean Dupont"),
                        None,
                    ),
                    (
                        "Nous ne sommes plus des vassaux. Le pays décide seul",
                        Direct,
                        Some("Jean Dupont"),
                        Some("lâche"),
                    ),
                ],
            },
            Case {
                name: "other_words_keep_their_own_speaker",
                lang: "en",
                text: "China: \"We will not be lectured again\"\n\n\"Trade must go on as before,\" said Jean Dupont.",
                actors: &[DUPONT, ("China", Country, &[], None)],
                expect: &[
                    ("We will not be lectured again", Direct, Some("China"), None),
                    (
                        "Trade must go on as before",
                        Direct,
                        Some("Jean Dupont"),
                        Some("said"),
                    ),
                ],
            },
        ]);
    }

    #[test]
    fn other_languages_get_no_quotes() {
        let mut doc = document("de", "« Wir kommen », sagte er.");
        doc.lang = "de".into();
        stage().process(&mut doc);
        assert!(doc.quotes.is_empty());
    }

    /// Words and marks that exercise every rule, glued at random.
    const PIECES: &[&str] = &[
        "«",
        "»",
        "« ",
        " »",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "’’",
        "''",
        "„",
        "‹",
        "›",
        ",",
        ".",
        ":",
        " ",
        " ",
        " ",
        "\n",
        "-",
        "–",
        "Lavrov",
        "Mali",
        "il",
        "elle",
        "he",
        "a",
        "a-t-il",
        "déclaré",
        "dit-elle",
        "said",
        "told",
        "que",
        "that",
        "selon",
        "according to",
        "lui",
        "le ministre",
        "the minister",
        "un diplomate",
        "de",
        "du",
        "Pour",
        "l'",
        "qu'",
        "été",
        "par",
        "s'est",
        "intitulée",
        "n'",
        "pas",
        "et",
        "É",
        "İ",
        "ǅ",
        "x-t-il",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_and_spans_are_sound(
            picks in prop::collection::vec(0..PIECES.len(), 1..80),
            lang in prop::sample::select(vec!["fr", "en"]),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            if text.trim().is_empty() {
                return Ok(());
            }
            let Ok(doc) = std::panic::catch_unwind(|| document(lang, &text)) else {
                return Ok(()); // a text the preparer rejects
            };
            let mut doc = with_actors(
                doc,
                &[("Lavrov", ActorKind::Person, &[], None), ("Mali", ActorKind::Country, &[], None)],
            );
            stage().process(&mut doc);
            for q in &doc.quotes {
                prop_assert!(q.span.start < q.span.end && q.span.end <= doc.text.len());
                prop_assert!(doc.text.is_char_boundary(q.span.start));
                prop_assert!(doc.text.is_char_boundary(q.span.end));
                prop_assert!(q.speaker.is_none_or(|s| s < doc.actors.len()));
            }
        }
    }
}
