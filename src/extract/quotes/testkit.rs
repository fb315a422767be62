//! Test helpers: documents prepared from text like the pipeline does, with
//! actors and mentions given by hand, so the quotes stage is tested on its own.

use std::path::Path;
use std::sync::OnceLock;

use crate::config::Config;
use crate::document::{ActorKind, DocActor, Document, Mention, QuoteKind, Span};
use crate::ingest::RawArticle;
use crate::lexicon;
use crate::pipeline::Stage;
use crate::text::Preparer;

use super::QuotesStage;

/// An actor given by hand: name, kind, surface forms (the name when empty), role.
pub(crate) type ActorSpec<'a> = (&'a str, ActorKind, &'a [&'a str], Option<&'a str>);

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn preparer() -> &'static Preparer {
    static P: OnceLock<Preparer> = OnceLock::new();
    P.get_or_init(|| {
        let mut abbreviations = Vec::new();
        for lang in ["fr", "en"] {
            let path = manifest().join(format!("pipelines/lexicons/{lang}/abbreviations.txt"));
            abbreviations.extend(lexicon::read_list(&path).expect("abbreviations load"));
        }
        Preparer::with_abbreviations(abbreviations, 40)
    })
}

/// The preparer the tests use (the pipeline's abbreviation lists).
pub(crate) fn preparer_for_eval() -> &'static Preparer {
    preparer()
}

/// The stage built from `pipelines/default.toml`, with the real lexicons.
pub(crate) fn stage() -> &'static QuotesStage {
    static S: OnceLock<QuotesStage> = OnceLock::new();
    S.get_or_init(|| {
        let cfg = Config::load(&manifest().join("pipelines/default.toml")).expect("config loads");
        QuotesStage::build(&cfg).expect("quotes stage builds")
    })
}

/// A prepared document in language `lang` (normalised, paragraphs, sentences).
pub(crate) fn document(lang: &str, text: &str) -> Document {
    preparer()
        .prepare(RawArticle::for_test(lang, text))
        .expect("test text prepares")
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Adds actors and a mention for every word-bounded occurrence of their
/// surface forms (longest forms first, never overlapping).
pub(crate) fn with_actors(mut doc: Document, actors: &[ActorSpec<'_>]) -> Document {
    let mut forms: Vec<(&str, usize)> = Vec::new();
    for (i, (name, kind, aliases, _)) in actors.iter().enumerate() {
        doc.actors.push(DocActor {
            actor_id: format!("A{i}"),
            key: name.to_lowercase(),
            name: name.to_string(),
            kind: *kind,
            country: None,
            sector: None,
            known_aliases: Vec::new(),
            wikidata: None,
        });
        if aliases.is_empty() {
            forms.push((name, i));
        }
        forms.extend(aliases.iter().map(|a| (*a, i)));
    }
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut taken: Vec<Span> = Vec::new();
    for (form, actor) in forms {
        for (start, _) in doc.text.match_indices(form) {
            let span = Span::new(start, start + form.len());
            if word_bounded(&doc.text, span.start, span.end)
                && !taken.iter().any(|t| t.overlaps(span))
            {
                taken.push(span);
                doc.mentions.push(Mention {
                    span,
                    sentence: doc.sentence_at(start),
                    actor,
                    role: actors[actor].3.map(str::to_string),
                    metonym: false,
                });
            }
        }
    }
    doc.mentions.sort_by_key(|m| m.span.start);
    doc
}

/// Runs the stage on a text with hand-given actors, giving those named in
/// `countries` their country code.
fn run_with_countries(
    lang: &str,
    text: &str,
    actors: &[ActorSpec<'_>],
    countries: &[(&str, &str)],
) -> Document {
    let mut doc = with_actors(document(lang, text), actors);
    for a in &mut doc.actors {
        if let Some((_, code)) = countries.iter().find(|(name, _)| *name == a.name) {
            a.country = Some(code.to_string());
        }
    }
    stage().process(&mut doc);
    doc
}

/// An expected quote: text, kind, speaker name, cue.
pub(crate) type Expect<'a> = (&'a str, QuoteKind, Option<&'a str>, Option<&'a str>);

/// One table-driven case.
pub(crate) struct Case<'a> {
    /// Shown when the case fails.
    pub name: &'a str,
    /// Language code.
    pub lang: &'a str,
    /// The article text.
    pub text: &'a str,
    /// Its actors.
    pub actors: &'a [ActorSpec<'a>],
    /// Every quote the stage must find, in text order.
    pub expect: &'a [Expect<'a>],
}

/// Runs every case and fails listing each case whose quotes differ.
pub(crate) fn check(cases: &[Case<'_>]) {
    check_with_countries(cases, &[]);
}

/// [`check`], giving actors named in `countries` their country code
/// (actor name, ISO code), as the actors stage does from the gazetteer.
pub(crate) fn check_with_countries(cases: &[Case<'_>], countries: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for case in cases {
        let doc = run_with_countries(case.lang, case.text, case.actors, countries);
        let got: Vec<(String, QuoteKind, Option<String>, Option<String>)> = doc
            .quotes
            .iter()
            .map(|q| {
                (
                    doc.slice(q.span).to_string(),
                    q.kind,
                    q.speaker.map(|s| doc.actors[s].name.clone()),
                    q.cue.clone(),
                )
            })
            .collect();
        let want: Vec<(String, QuoteKind, Option<String>, Option<String>)> = case
            .expect
            .iter()
            .map(|(t, k, s, c)| {
                (
                    t.to_string(),
                    *k,
                    s.map(str::to_string),
                    c.map(str::to_string),
                )
            })
            .collect();
        if got != want {
            failures.push(format!(
                "case {} ({}): {}\n   want {:?}\n    got {:?}",
                case.name, case.lang, case.text, want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
