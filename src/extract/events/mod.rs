//! The events stage.
//!
//! Reads: Sentences, Actors, Dates. Adds: `Document::events`.
//! Method: not built yet; this stage currently adds nothing.

use crate::config::Config;
use crate::document::Document;
use crate::pipeline::{Field, PipelineError, Stage};

/// The events stage, built once and shared across threads.
pub struct EventsStage {}

impl EventsStage {
    /// Builds the stage from its `[events]` configuration section.
    pub fn build(_cfg: &Config) -> Result<Self, PipelineError> {
        Ok(EventsStage {})
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
    fn process(&self, _doc: &mut Document) {}
}
