//! The extraction pipeline: named stages built once from the configuration,
//! then run on each [`Document`] in order.
//!
//! As in spaCy, a stage is a component with one entry point
//! ([`Stage::process`]) that reads what earlier stages added to the document
//! and adds its own records. Each stage declares the fields it requires and
//! assigns; [`Pipeline::build`] checks the configured order as a whole and
//! reports every unmet requirement at once, naming the stage that would
//! provide it. Stages are shared read-only across rayon threads.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use thiserror::Error;

use crate::config::{Config, ConfigError};
use crate::document::Document;
use crate::lexicon::LexiconError;

/// A document field that a stage reads or fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Normalised text, paragraphs, sentences, language (always present after preparation).
    Sentences,
    /// The publication date (present when known after preparation; the dates
    /// stage may infer it).
    Published,
    /// `Document::actors` and `Document::mentions`.
    Actors,
    /// `Document::dates`.
    Dates,
    /// `Document::quotes`.
    Quotes,
    /// `Document::events`.
    Events,
}

/// An extraction stage.
pub trait Stage: Send + Sync {
    /// The stage's name: its TOML section, table and manifest key.
    fn name(&self) -> &'static str;
    /// Fields that must be filled before this stage runs.
    fn requires(&self) -> &'static [Field];
    /// Fields this stage fills.
    fn assigns(&self) -> &'static [Field];
    /// Adds this stage's records to one document. Never does file I/O and
    /// never panics on any text.
    fn process(&self, doc: &mut Document);
}

/// A pipeline that cannot be built.
#[derive(Debug, Error)]
pub enum PipelineError {
    /// A stage name in `[pipeline] stages` is unknown.
    #[error("unknown stage '{0}' in [pipeline] stages (known: actors, dates, quotes, events)")]
    UnknownStage(String),
    /// Stages are configured in an order that leaves requirements unmet.
    #[error("stage order is invalid:\n{0}")]
    Order(String),
    /// A stage's configuration section is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A stage's data file is missing or malformed.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// Any other build error, with its stage.
    #[error("stage '{stage}': {message}")]
    Build {
        /// The stage name.
        stage: String,
        /// What went wrong and how to fix it.
        message: String,
    },
}

/// Names of the known stages, in their natural order.
pub const KNOWN_STAGES: [&str; 4] = ["actors", "dates", "quotes", "events"];

/// Which stage assigns a field, for error messages.
fn provider_of(field: Field) -> &'static str {
    match field {
        Field::Sentences | Field::Published => "prepare",
        Field::Actors => "actors",
        Field::Dates => "dates",
        Field::Quotes => "quotes",
        Field::Events => "events",
    }
}

/// Builds one stage from its configuration section.
pub fn build_stage(name: &str, cfg: &Config) -> Result<Box<dyn Stage>, PipelineError> {
    Ok(match name {
        "actors" => Box::new(crate::extract::actors::ActorsStage::build(cfg)?),
        "dates" => Box::new(crate::extract::dates::DatesStage::build(cfg)?),
        "quotes" => Box::new(crate::extract::quotes::QuotesStage::build(cfg)?),
        "events" => Box::new(crate::extract::events::EventsStage::build(cfg)?),
        other => return Err(PipelineError::UnknownStage(other.to_string())),
    })
}

/// Checks that every stage's requirements are assigned by preparation or an
/// earlier stage; collects every problem before failing.
pub fn check_order(stages: &[&dyn Stage]) -> Result<(), PipelineError> {
    let mut available = vec![Field::Sentences, Field::Published];
    let mut problems = Vec::new();
    for stage in stages {
        for need in stage.requires() {
            if !available.contains(need) {
                problems.push(format!(
                    "  - stage '{}' needs {:?}, which stage '{}' provides: list '{}' before '{}'",
                    stage.name(),
                    need,
                    provider_of(*need),
                    provider_of(*need),
                    stage.name()
                ));
            }
        }
        available.extend_from_slice(stage.assigns());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(PipelineError::Order(problems.join("\n")))
    }
}

/// The configured stages, ready to run, with per-stage CPU time counters.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    nanos: Vec<AtomicU64>,
    languages: Vec<String>,
}

impl Pipeline {
    /// Builds every configured stage (loading lexicons and compiling
    /// matchers once) and checks their order.
    pub fn build(cfg: &Config) -> Result<Pipeline, PipelineError> {
        let stages = cfg
            .pipeline
            .stages
            .iter()
            .map(|name| build_stage(name, cfg))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&dyn Stage> = stages.iter().map(|s| s.as_ref()).collect();
        check_order(&refs)?;
        let nanos = stages.iter().map(|_| AtomicU64::new(0)).collect();
        Ok(Pipeline {
            stages,
            nanos,
            languages: cfg.pipeline.languages.clone(),
        })
    }

    /// Runs every stage on one document, when its language is supported.
    pub fn process(&self, doc: &mut Document) {
        if !self.languages.contains(&doc.lang) {
            return;
        }
        for (stage, nanos) in self.stages.iter().zip(&self.nanos) {
            let t = Instant::now();
            stage.process(doc);
            nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Seconds of CPU time spent in each stage so far (summed over threads).
    pub fn stage_seconds(&self) -> Vec<(&'static str, f64)> {
        self.stages
            .iter()
            .zip(&self.nanos)
            .map(|(s, n)| (s.name(), n.load(Ordering::Relaxed) as f64 / 1e9))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Field], &'static [Field]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Field] {
            self.1
        }
        fn assigns(&self) -> &'static [Field] {
            self.2
        }
        fn process(&self, _doc: &mut Document) {}
    }

    #[test]
    fn quotes_before_actors_is_reported_with_both_names() {
        let quotes = Fake("quotes", &[Field::Actors], &[Field::Quotes]);
        let actors = Fake("actors", &[Field::Sentences], &[Field::Actors]);
        let err = check_order(&[&quotes, &actors]).unwrap_err().to_string();
        assert!(
            err.contains("'quotes'") && err.contains("'actors'"),
            "{err}"
        );
        assert!(check_order(&[&actors, &quotes]).is_ok());
    }

    #[test]
    fn every_problem_is_reported() {
        let events = Fake("events", &[Field::Actors, Field::Dates], &[Field::Events]);
        let err = check_order(&[&events]).unwrap_err().to_string();
        assert_eq!(err.matches("  - ").count(), 2, "{err}");
    }

    #[test]
    fn shared_types_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Document>();
    }
}
