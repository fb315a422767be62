//! The events stage: codes who did what to whom, when and where, with the
//! PLOVER 2.0 categories (`shared/spec/events.md`), in French and English.
//!
//! Reads: sentences, actors and mentions, dates, quotes (when the quotes
//! stage ran). Adds: `Document::events` (and, when an event's participant
//! is a country known only from a demonym, that country to
//! `Document::actors`).
//! Method: trigger patterns per language and category (data:
//! `pipelines/lexicons/{fr,en}/event_triggers.tsv`, verbs expanded through
//! a conjugation table) are found by looking each folded word up once in a
//! word index and checked word by word around their anchor; controllers
//! (`promettre de`, `threaten to`, `refuse`, `demand that`, `prévoit de`)
//! are linked to the act they govern; source and target come from the
//! prepositions around the trigger and the trigger's frame (visit, host,
//! reciprocal, ...); status from tense and cue words, with the PLOVER tense
//! rule (a promised visit is AGREE); the date from the trigger's clause.
//! Repeated mentions of one event in an article give one row.
//!
//! Coding choices where the manual leaves room (`events.md` asks to write
//! them down): deliveries of arms and equipment to a government are AID
//! (not a commercial COOPERATE); expelling diplomats, inspectors,
//! observers or peacekeepers is SANCTION `expel`, individuals COERCE
//! `deport`; an announced or planned SANCTION keeps its category (leaving
//! an organisation is announced before it takes effect) with status
//! `planned`, while planned or supposed force or coercion is THREATEN and
//! planned cooperation AGREE (tense rule, [`crate::plover::tense_rule`]);
//! a coercive act announced under a condition (`unless`, `si`) is THREATEN;
//! a host receiving a visitor is CONSULT `visit` with the visitor as source;
//! a meeting needs two identifiable parties; force with no named victim
//! targets the country where it happened; what protesters demand is not
//! coded apart from the protest; an attack noun and the verb of its toll
//! (`airstrikes on X killed five`) are one event, the victims from the
//! verb's object; `strikes` on a target, that kill or that are carried
//! out are ASSAULT, a workers' strike PROTEST; a measure ordered, decreed
//! or announced as a noun (`a ordonné la fermeture des frontières`, `the
//! recall of its ambassador`) is the act of the verb's subject.

mod build;
mod chain;
mod classes;
mod clause;
mod dates;
mod dedup;
mod index;
mod inflect;
mod lexicon;
mod matcher;
mod nouns;
mod participants;
mod status;
mod structure;
mod tokens;
mod usage;

#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::config::Config;
use crate::document::{ActorIdx, ActorKind, DocActor, Document, Event};
use crate::lexicon::{LexiconError, read_table};
use crate::pipeline::{Field, PipelineError, Stage};

use build::{Ctx, Draft, Memory};
use clause::Sent;
use lexicon::LangLex;
use structure::Part;
use tokens::{Folded, fold_entry};

/// The data files of one language.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LangFiles {
    /// Trigger patterns (`event_triggers.tsv`).
    pub triggers: String,
    /// Grammar word classes (`event_grammar.tsv`).
    pub grammar: String,
    /// Verb paradigms (`verb_inflection.tsv`).
    pub verbs: String,
    /// Noun plural rules (`noun_plurals.tsv`).
    pub nouns: String,
}

impl LangFiles {
    fn standard(lang: &str) -> Self {
        let f = |name: &str| format!("lexicons/{lang}/{name}");
        LangFiles {
            triggers: f("event_triggers.tsv"),
            grammar: f("event_grammar.tsv"),
            verbs: f("verb_inflection.tsv"),
            nouns: f("noun_plurals.tsv"),
        }
    }
}

/// The `[events]` section.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct EventsConfig {
    /// Data files per language (`[events.lang.fr]`); default: the standard
    /// files under `lexicons/fr` and `lexicons/en`.
    pub lang: BTreeMap<String, LangFiles>,
    /// The country gazetteer with demonyms (`gazetteer/countries.tsv`), so
    /// that `la délégation russe` or `Israeli troops` give a country
    /// participant. Optional.
    pub countries: Option<String>,
    /// Events found with a lower confidence are dropped (default 0).
    pub min_confidence: f32,
}

impl Default for EventsConfig {
    fn default() -> Self {
        EventsConfig {
            lang: ["fr", "en"]
                .iter()
                .map(|l| (l.to_string(), LangFiles::standard(l)))
                .collect(),
            countries: None,
            min_confidence: 0.0,
        }
    }
}

/// A country an event may name by its demonym only.
#[derive(Debug, Clone, Default)]
pub struct CountryEntry {
    /// Gazetteer key (`gz:country:RUS`), the same the actors stage gives it.
    pub key: String,
    /// French name.
    pub name_fr: String,
    /// English name.
    pub name_en: String,
    /// ISO alpha-3 code of the state it belongs to.
    pub country: String,
}

/// Country names and demonyms, for participants known by demonym only.
#[derive(Debug, Default)]
pub struct Countries {
    /// Folded demonym (singular and plural) → ISO alpha-3 code.
    pub demonyms: lexicon::WordMap<String>,
    /// ISO alpha-3 code → entry.
    pub names: HashMap<String, CountryEntry>,
}

impl Countries {
    /// Reads the country gazetteer (`pipelines/gazetteer/countries.tsv`:
    /// columns `id` = `country:CODE`, `name_fr`, `name_en`, `country`,
    /// `demonyms`). A demonym shared by two countries is dropped.
    pub fn load(
        path: &std::path::Path,
        langs: &BTreeMap<String, LangLex>,
    ) -> Result<Self, LexiconError> {
        let table = read_table(path)?;
        let mut c = Countries::default();
        let mut ambiguous: Vec<String> = Vec::new();
        for row in &table.rows {
            let id = row.require("id", path)?;
            let code = id.strip_prefix("country:").unwrap_or(id).to_string();
            let country = row.get("country").unwrap_or(&code).to_string();
            for d in row.list("demonyms") {
                let d = fold_entry(d);
                for lex in langs.values() {
                    for form in lex.inflector.noun_forms(&d) {
                        match c.demonyms.get(&form) {
                            Some(other) if *other != country => ambiguous.push(form),
                            // (already there with the same country)
                            Some(_) => {}
                            None => {
                                c.demonyms.insert(form, country.clone());
                            }
                        }
                    }
                }
            }
            let name_fr = row.get("name_fr").unwrap_or(&code).to_string();
            let name_en = row.get("name_en").unwrap_or(&name_fr).to_string();
            // the state itself, not a dependency, stands for its code
            if country == code || !c.names.contains_key(&country) {
                c.names.insert(
                    country.clone(),
                    CountryEntry {
                        key: format!("gz:{id}"),
                        name_fr,
                        name_en,
                        country,
                    },
                );
            }
        }
        for a in ambiguous {
            c.demonyms.remove(&a);
        }
        Ok(c)
    }
}

/// The events stage, built once and shared across threads.
pub struct EventsStage {
    langs: BTreeMap<String, LangLex>,
    countries: Countries,
    min_confidence: f32,
}

impl EventsStage {
    /// Builds the stage from its `[events]` configuration section.
    pub fn build(cfg: &Config) -> Result<Self, PipelineError> {
        let ec: EventsConfig = cfg.stage_section("events")?;
        let mut langs = BTreeMap::new();
        for (lang, f) in &ec.lang {
            let lex = LangLex::load(
                lang,
                &cfg.resolve(&f.grammar),
                &cfg.resolve(&f.triggers),
                &cfg.resolve(&f.verbs),
                &cfg.resolve(&f.nouns),
            )?;
            langs.insert(lang.clone(), lex);
        }
        let countries = match &ec.countries {
            Some(p) => Countries::load(&cfg.resolve(p), &langs)?,
            None => Countries::default(),
        };
        let mut stage = EventsStage {
            langs,
            countries: Countries::default(),
            min_confidence: ec.min_confidence,
        };
        stage.set_countries(countries);
        Ok(stage)
    }

    /// Sets the country gazetteer, and flags its demonyms in each
    /// language's word index (so that a sentence looks up only those).
    fn set_countries(&mut self, countries: Countries) {
        for lex in self.langs.values_mut() {
            lex.mark_demonyms(countries.demonyms.keys());
        }
        self.countries = countries;
    }

    /// Codes the events of one document (the body of [`Stage::process`]).
    fn events(&self, doc: &Document) -> Vec<Draft> {
        let Some(lex) = self.langs.get(&doc.lang) else {
            return Vec::new();
        };
        let folded = Folded::new(&doc.text);
        let ctx = Ctx {
            doc,
            folded: &folded,
            lex,
        };
        let mut mem = Memory::new(&ctx, &self.countries.demonyms);
        let mut drafts = Vec::new();
        // the first actor mention of each sentence
        let mut first_mention: Vec<Option<ActorIdx>> = vec![None; doc.sentences.len()];
        for m in &doc.mentions {
            if let Some(slot @ None) = first_mention.get_mut(m.sentence) {
                *slot = Some(m.actor);
            }
        }
        // one sentence view and anchor and match lists for the whole
        // document: their buffers are reused from sentence to sentence
        let mut sent = Sent::default();
        let mut here = Vec::new();
        let mut raw = Vec::new();
        let mut scratch = build::Scratch::default();
        for (si, (&span, first)) in doc.sentences.iter().zip(&first_mention).enumerate() {
            let (fs, fe) = (folded.folded(span.start), folded.folded(span.end));
            sent.tokenize(&folded, fs, fe, lex);
            tokens::anchors(
                &sent.toks,
                &sent.info,
                sent.anchor_words(),
                &folded.text,
                lex,
                &mut here,
            );
            if here.is_empty() {
                // the cheap guess for a later pronoun: the sentence's first actor
                if let Some(actor) = *first {
                    mem.set(&[Part::Actor(actor)]);
                }
                continue;
            }
            // the sentence is only analysed when some pattern matches
            // around an anchor
            build::raw_matches(lex, &sent, &here, &mut raw);
            if raw.is_empty() {
                mem.defer(si);
                continue;
            }
            sent.analyse(doc, &folded, si, lex, &self.countries.demonyms);
            let matches = build::find_matches(&ctx, &sent, &raw);
            let before = drafts.len();
            build::sentence_drafts(&ctx, &sent, &matches, &mem, &mut drafts, &mut scratch);
            match drafts[before..].iter().find(|d| !d.sources.is_empty()) {
                Some(d) => mem.set(&d.sources),
                None => mem.defer(si),
            }
        }
        dedup::merge(drafts, doc)
    }

    /// The document actor for a participant: places standing for their
    /// country become the country, demonym countries are looked up (and
    /// added when the article never names them).
    fn resolve(&self, doc: &mut Document, p: &Part) -> Option<ActorIdx> {
        let country_actor = |doc: &Document, code: &str| {
            doc.actors
                .iter()
                .position(|a| a.kind == ActorKind::Country && a.country.as_deref() == Some(code))
        };
        match p {
            Part::Actor(i) => {
                let a = doc.actors.get(*i)?;
                if a.kind == ActorKind::Place
                    && let Some(code) = a.country.clone()
                {
                    return Some(country_actor(doc, &code).unwrap_or(*i));
                }
                Some(*i)
            }
            Part::Country(code) => {
                if let Some(i) = country_actor(doc, code) {
                    return Some(i);
                }
                let e = self.countries.names.get(code)?;
                let name = if doc.lang == "fr" {
                    &e.name_fr
                } else {
                    &e.name_en
                };
                doc.actors.push(DocActor {
                    actor_id: crate::resolve::actor_id(&e.key),
                    key: e.key.clone(),
                    name: name.clone(),
                    kind: ActorKind::Country,
                    country: Some(e.country.clone()),
                    sector: None,
                    known_aliases: Vec::new(),
                    wikidata: None,
                });
                Some(doc.actors.len() - 1)
            }
        }
    }
}

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> &'static [Field] {
        &[Field::Sentences, Field::Actors, Field::Dates]
    }
    fn assigns(&self) -> &'static [Field] {
        &[Field::Events]
    }
    fn process(&self, doc: &mut Document) {
        let drafts = self.events(doc);
        let mut events = Vec::with_capacity(drafts.len());
        for d in drafts {
            if d.confidence < self.min_confidence {
                continue;
            }
            let mut side = |parts: &[Part]| {
                let mut v: Vec<ActorIdx> = Vec::new();
                for p in parts {
                    if let Some(i) = self.resolve(doc, p)
                        && !v.contains(&i)
                    {
                        v.push(i);
                    }
                }
                v
            };
            let sources = side(&d.sources);
            let mut targets = side(&d.targets);
            // a government repressing, fighting or protested in its own
            // country is its own target; other acts are not self-directed
            if crate::plover::quad_class(&d.event_type) != Some("material_conflict") {
                targets.retain(|t| !sources.contains(t));
            }
            if sources.is_empty() && targets.is_empty() {
                continue;
            }
            events.push(Event {
                sentence: d.sentence,
                event_type: d.event_type,
                mode: d.mode,
                sources,
                targets,
                location: d.location,
                date: d.date,
                status: d.status,
                trigger: d.trigger,
                span: d.span,
                confidence: (d.confidence * 100.0).round() / 100.0,
            });
        }
        events.sort_by_key(|e| (e.span.start, e.span.end));
        doc.events = events;
    }
}
