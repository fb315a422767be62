//! The actors stage: every named person, organisation, country and place of
//! a document, resolved to one actor each, with every mention.
//!
//! Reads: Sentences (text, sentences, language).
//! Adds: `Document::actors` (one [`DocActor`](crate::document::DocActor)
//! per distinct actor; `actor_id` = `resolve::actor_id(key)`, the key being
//! `gz:` + gazetteer id or a normalised name key) and `Document::mentions`
//! (span, sentence, actor, role, metonym).
//! Method: one pass builds tokens and the folded text ([`scan`]) and
//! notes, with one bit test per word, the words that may start a lexicon
//! entry read in the document's language and in that word's case; a trie
//! walked from those ([`matcher`]) finds gazetteer names, capitals,
//! demonyms, titles and descriptors, leftmost-longest, with case checks.
//! Cheap token scans then propose candidates: gazetteer matches read in
//! context (capital as place or government, [`metonyms`]), people from
//! titles, honorifics and first names ([`people`]), organisations and
//! places from head nouns and descriptors ([`orgs`]). The longest
//! candidates win ([`cand`]), and [`resolve`] links short and honorific
//! forms to full names, spellings to the gazetteer, and gives unknown
//! actors a transliteration-normalised key ([`names`]). All language
//! knowledge is data under `pipelines/` ([`lexicon`], [`gazetteer`]).

pub mod cand;
pub mod context;
pub mod gazetteer;
pub mod lexicon;
pub mod matcher;
pub mod metonyms;
pub mod names;
pub mod orgs;
pub mod people;
pub mod resolve;
pub mod scan;
mod scanner;
pub mod trie;

#[cfg(test)]
mod testdata;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::document::Document;
use crate::pipeline::{Field, PipelineError, Stage};

use context::Ctx;
use gazetteer::Gazetteer;
use lexicon::{LangFiles, LangLexicon};
use matcher::Matcher;
use names::Names;

/// The `[actors]` section of the pipeline configuration.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ActorsConfig {
    /// Gazetteer files (countries, places, organisations, people).
    pub gazetteer: Vec<String>,
    /// First-name lists.
    pub first_names: Vec<String>,
    /// Name particles (`ben`, `ould`, `von`).
    pub name_particles: String,
    /// Transliteration rules for name keys.
    pub transliteration: String,
    /// Language of the display names of gazetteer actors (`fr` or `en`);
    /// the other is used when an entry lacks it.
    pub display_language: String,
    /// Word lists per language; documents in other languages get no actors.
    pub lexicons: BTreeMap<String, LangFiles>,
}

impl Default for ActorsConfig {
    fn default() -> Self {
        let gz = |f: &str| format!("gazetteer/{f}.tsv");
        ActorsConfig {
            gazetteer: ["countries", "places", "organizations", "people"]
                .map(gz)
                .to_vec(),
            first_names: vec![
                "lexicons/names/first_names.txt".into(),
                "lexicons/names/first_names_generated.txt".into(),
            ],
            name_particles: "lexicons/names/particles.txt".into(),
            transliteration: "lexicons/names/transliteration.tsv".into(),
            display_language: "fr".into(),
            lexicons: ["fr", "en"]
                .map(|l| (l.to_string(), LangFiles::standard(l)))
                .into_iter()
                .collect(),
        }
    }
}

/// The actors stage, built once and shared across threads.
pub struct ActorsStage {
    gz: Gazetteer,
    names: Names,
    langs: Vec<String>,
    lexicons: Vec<LangLexicon>,
    matcher: Matcher,
    prefer_fr: bool,
}

impl ActorsStage {
    /// Builds the stage from its `[actors]` configuration section: loads
    /// the gazetteer and lexicons and compiles the lexicon trie.
    pub fn build(cfg: &Config) -> Result<Self, PipelineError> {
        let c: ActorsConfig = cfg.stage_section("actors")?;
        Self::from_config(&c, |p| cfg.resolve(p))
    }

    /// Builds the stage from a parsed section, resolving paths with `resolve`.
    pub fn from_config(
        c: &ActorsConfig,
        resolve: impl Fn(&str) -> std::path::PathBuf,
    ) -> Result<Self, PipelineError> {
        if c.display_language != "fr" && c.display_language != "en" {
            return Err(PipelineError::Build {
                stage: "actors".into(),
                message: format!("display_language '{}' must be fr or en", c.display_language),
            });
        }
        let first: Vec<_> = c.first_names.iter().map(|p| resolve(p)).collect();
        let names = Names::load(
            &first,
            &resolve(&c.name_particles),
            &resolve(&c.transliteration),
        )?;
        let files: Vec<_> = c.gazetteer.iter().map(|p| resolve(p)).collect();
        let gz = Gazetteer::load(&files, &names.translit)?;
        let mut langs = Vec::new();
        let mut lexicons = Vec::new();
        for (lang, files) in &c.lexicons {
            langs.push(lang.clone());
            lexicons.push(LangLexicon::load(files, &resolve)?);
        }
        let matcher = Matcher::build(&gz, &lexicons).map_err(|message| PipelineError::Build {
            stage: "actors".into(),
            message,
        })?;
        Ok(ActorsStage {
            gz,
            names,
            langs,
            lexicons,
            matcher,
            prefer_fr: c.display_language == "fr",
        })
    }
}

impl ActorsStage {
    /// Heap memory of the lexicon trie, in bytes.
    pub fn automaton_bytes(&self) -> usize {
        self.matcher.memory_usage()
    }
}

impl Stage for ActorsStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn requires(&self) -> &'static [Field] {
        &[Field::Sentences]
    }
    fn assigns(&self) -> &'static [Field] {
        &[Field::Actors]
    }
    fn process(&self, doc: &mut Document) {
        let Some(l) = self.langs.iter().position(|x| *x == doc.lang) else {
            return;
        };
        let (scan, hits) = self.matcher.find(&doc.text, l as u8);
        let (actors, mentions) = {
            let cx = Ctx::new(doc, &scan, &hits, &self.lexicons[l], &self.names, &self.gz);
            let mut cands = Vec::new();
            metonyms::from_gazetteer(&cx, &mut cands);
            people::from_titles(&cx, &mut cands);
            people::from_first_names(&cx, &mut cands);
            orgs::from_heads(&cx, &mut cands);
            orgs::from_cues(&cx, &mut cands);
            let cands = cand::settle(cands);
            resolve::resolve(&cx, cands, |p| doc.sentence_at(p), self.prefer_fr)
        };
        doc.actors = actors;
        doc.mentions = mentions;
    }
}
