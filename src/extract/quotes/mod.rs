//! The quotes stage.
//!
//! Reads: Sentences, Actors. Adds: `Document::quotes`.
//! Method: not built yet; this stage currently adds nothing.

use crate::config::Config;
use crate::document::Document;
use crate::pipeline::{Field, PipelineError, Stage};

/// The quotes stage, built once and shared across threads.
pub struct QuotesStage {}

impl QuotesStage {
    /// Builds the stage from its `[quotes]` configuration section.
    pub fn build(_cfg: &Config) -> Result<Self, PipelineError> {
        Ok(QuotesStage {})
    }
}

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
    fn process(&self, _doc: &mut Document) {}
}
