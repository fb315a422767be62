//! The actors stage.
//!
//! Reads: Sentences. Adds: `Document::actors`.
//! Method: not built yet; this stage currently adds nothing.

use crate::config::Config;
use crate::document::Document;
use crate::pipeline::{Field, PipelineError, Stage};

/// The actors stage, built once and shared across threads.
pub struct ActorsStage {}

impl ActorsStage {
    /// Builds the stage from its `[actors]` configuration section.
    pub fn build(_cfg: &Config) -> Result<Self, PipelineError> {
        Ok(ActorsStage {})
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
    fn process(&self, _doc: &mut Document) {}
}
