//! The dates stage.
//!
//! Reads: Sentences. Adds: `Document::dates`.
//! Method: not built yet; this stage currently adds nothing.

use crate::config::Config;
use crate::document::Document;
use crate::pipeline::{Field, PipelineError, Stage};

/// The dates stage, built once and shared across threads.
pub struct DatesStage {}

impl DatesStage {
    /// Builds the stage from its `[dates]` configuration section.
    pub fn build(_cfg: &Config) -> Result<Self, PipelineError> {
        Ok(DatesStage {})
    }
}

impl Stage for DatesStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn requires(&self) -> &'static [Field] {
        &[Field::Sentences]
    }
    fn assigns(&self) -> &'static [Field] {
        &[Field::Dates]
    }
    fn process(&self, _doc: &mut Document) {}
}
