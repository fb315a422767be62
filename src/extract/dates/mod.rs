//! The dates stage: finds temporal expressions and resolves them to ISO
//! 8601 values, and infers a publication date when the input gave none.
//!
//! Reads: Sentences, Published. Adds: `Document::dates`, and
//! `Document::published` (origin `inferred`) when it was empty.
//! Method: per language, a scan over the word starts of the text finds
//! the date words of `pipelines/lexicons/<lang>/dates/*.tsv` (a trie walk)
//! and the numbers, only in the stretches around a number or calendar word
//! (`segment`), and keeps the runs of adjacent items that hold a calendar
//! word or number (`chain`); the
//! patterns of `patterns.tsv` (sequences of word classes, see `pattern`)
//! pick out the expressions, longest match first; all-digit dates come from
//! the regexes of `numeric.tsv`. Each expression is reduced to the fields its
//! words fill (`expr`) and resolved (`resolve`): written years are
//! absolute, relative expressions count from the publication date, years
//! missing from a day-month come from the publication date, the weekday or
//! the text. Without a publication date, the latest fully dated day or month
//! the text mentions (outside future-tense sentences) gives the publication
//! month (`infer`).

mod calendar;
mod chain;
mod class;
mod digits;
mod expr;
mod infer;
mod lexicon;
mod model;
mod pattern;
mod resolve;
mod scan;
mod segment;
mod sweep;
mod tense;
#[cfg(test)]
mod tests;
mod trie;
mod wordtab;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::document::{DateMention, Document};
use crate::pipeline::{Field, PipelineError, Stage};

use model::LangModel;
use resolve::{Reference, resolve, shape_granularity};

/// The data files of one language, relative to the configuration file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LangFiles {
    /// Word files (columns form, class, value, cased).
    pub words: Vec<String>,
    /// Pattern file (columns name, pattern).
    pub patterns: String,
    /// All-digit date formats (columns regex, order).
    pub numeric: String,
    /// Tense markers (columns form, class).
    pub tense: String,
    /// Suffixes that make a number an ordinal day (`er`, `st`), one a line.
    pub ordinal_suffixes: String,
}

impl LangFiles {
    fn standard(lang: &str) -> LangFiles {
        let f = |name: &str| format!("lexicons/{lang}/dates/{name}");
        LangFiles {
            words: [
                "months.tsv",
                "weekdays.tsv",
                "numbers.tsv",
                "relative.tsv",
                "periods.tsv",
                "function_words.tsv",
            ]
            .iter()
            .map(|n| f(n))
            .collect(),
            patterns: f("patterns.tsv"),
            numeric: f("numeric.tsv"),
            tense: f("tense.tsv"),
            ordinal_suffixes: f("ordinal_suffixes.txt"),
        }
    }
}

/// The `[dates]` section.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct DatesConfig {
    /// Smallest four-digit number read as a year (default 1800).
    pub min_year: i64,
    /// Largest four-digit number read as a year (default 2100).
    pub max_year: i64,
    /// Year around which a weekday with day and month is placed when neither
    /// the publication date nor any year in the text gives one (default:
    /// none, such dates stay unresolved).
    pub fallback_year: Option<i32>,
    /// Data files per language code.
    pub languages: BTreeMap<String, LangFiles>,
}

impl Default for DatesConfig {
    fn default() -> Self {
        DatesConfig {
            min_year: 1800,
            max_year: 2100,
            fallback_year: None,
            languages: ["fr", "en"]
                .iter()
                .map(|l| (l.to_string(), LangFiles::standard(l)))
                .collect(),
        }
    }
}

/// The dates stage, built once and shared across threads.
pub struct DatesStage {
    langs: BTreeMap<String, LangModel>,
    fallback_year: Option<i32>,
}

impl DatesStage {
    /// Builds the stage from its `[dates]` configuration section: loads
    /// every language's files and compiles their automata and patterns.
    pub fn build(cfg: &Config) -> Result<Self, PipelineError> {
        let section: DatesConfig = cfg.stage_section("dates")?;
        if section.min_year > section.max_year {
            return Err(PipelineError::Build {
                stage: "dates".into(),
                message: format!(
                    "min_year {} is after max_year {}",
                    section.min_year, section.max_year
                ),
            });
        }
        let mut langs = BTreeMap::new();
        for (lang, files) in &section.languages {
            let model = LangModel::load(cfg, files, section.min_year, section.max_year)?;
            langs.insert(lang.clone(), model);
        }
        Ok(DatesStage {
            langs,
            fallback_year: section.fallback_year,
        })
    }
}

impl Stage for DatesStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn requires(&self) -> &'static [Field] {
        &[Field::Sentences, Field::Published]
    }
    fn assigns(&self) -> &'static [Field] {
        &[Field::Dates]
    }
    fn process(&self, doc: &mut Document) {
        let Some(model) = self.langs.get(&doc.lang) else {
            return;
        };
        let exprs = model.find(doc);
        let no_publication = doc.published.is_none();
        let tenses: Vec<_> = exprs
            .iter()
            .map(|e| {
                if !tense_matters(e, no_publication) {
                    return None;
                }
                let s = doc.sentence_at(e.span.start);
                let sentence = doc.sentences.get(s).copied().unwrap_or(e.span);
                model.tense.near(&doc.text, sentence, e.span)
            })
            .collect();
        let weekday_year = infer::latest_written_year(&exprs, &tenses).or(self.fallback_year);
        if doc.published.is_none() {
            doc.published = infer::published(&exprs, &tenses, weekday_year);
        }
        let mut dates: Vec<DateMention> = Vec::with_capacity(exprs.len());
        let mut context_year = None;
        let mut context_day = None;
        for (e, tense) in exprs.iter().zip(&tenses) {
            let r = Reference {
                published: doc.published,
                context_day,
                context_year,
                weekday_year,
                tense: *tense,
            };
            let o = resolve(e, &r);
            if let Some(y) = e.b.and_then(|b| b.year).or(e.a.year) {
                context_year = Some(y);
            }
            dates.push(DateMention {
                span: e.span,
                sentence: doc.sentence_at(e.span.start),
                value: o.resolved.as_ref().map(|v| v.value.clone()),
                start_date: o.resolved.as_ref().map(|v| v.start),
                end_date: o.resolved.as_ref().map(|v| v.end),
                granularity: o
                    .resolved
                    .as_ref()
                    .map_or_else(|| shape_granularity(e), |v| v.granularity),
                anchor: o.anchor,
            });
            if let Some(day) = dates
                .last()
                .and_then(|d| infer::context_day(d, doc.published))
                && !infer::is_future(e, *tense)
            {
                context_day = Some(day);
            }
        }
        doc.dates = dates;
    }
}

/// Whether the tense near an expression can change anything: it places
/// dates without year, bare weekdays and seasons, and keeps future dates out
/// of the publication inference.
fn tense_matters(e: &expr::Expr, no_publication: bool) -> bool {
    if e.dir.is_some() {
        return false;
    }
    let written = e.a.year.is_some() || e.b.is_some_and(|b| b.year.is_some());
    if written {
        return no_publication;
    }
    e.a.month.is_some() || e.a.weekday.is_some() || e.season.is_some()
}
