//! The pipeline configuration: `pipelines/*.toml` → [`Config`].
//!
//! The file names the stages to run (in order), the languages, the batch
//! size, and one section per stage with that stage's data files. Paths in the
//! file are relative to the file's own folder. The CLI overrides some values
//! after loading (see `cli::run`). This module reads the file and validates
//! its shape; stages parse their own sections when they are built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A configuration file that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error(
        "cannot read configuration '{path}' (run gazette from the folder that holds \
         pipelines/, or pass --config FILE)"
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or mistyped keys.
    #[error("configuration '{path}' is invalid: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What the TOML parser said.
        message: String,
    },
    /// A stage's section is invalid.
    #[error("configuration section [{stage}] is invalid: {message}")]
    Stage {
        /// The stage name.
        stage: String,
        /// What is wrong.
        message: String,
    },
}

/// The `[pipeline]` section.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineSection {
    /// Extraction stages to run, in order (default: actors, dates, quotes, events).
    pub stages: Vec<String>,
    /// Languages the extractors support; articles in other languages are kept
    /// in `articles` but not extracted from (default: fr, en).
    pub languages: Vec<String>,
    /// Articles per batch: the unit of parallel work and of output row groups
    /// (default 256).
    pub batch_size: usize,
}

impl Default for PipelineSection {
    fn default() -> Self {
        PipelineSection {
            stages: ["actors", "dates", "quotes", "events"]
                .map(String::from)
                .to_vec(),
            languages: vec!["fr".into(), "en".into()],
            batch_size: 256,
        }
    }
}

/// The `[prepare]` section: text normalisation and deduplication.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PrepareConfig {
    /// Paragraphs shorter than this (in characters) are never dropped as
    /// repeats: short lines such as "Lire aussi" legitimately recur (default 40).
    pub min_duplicate_paragraph_chars: usize,
    /// Two articles whose text fingerprints (64-bit SimHash over word
    /// shingles) differ in at most this many bits are near-duplicates (default 3).
    pub near_duplicate_bits: u32,
    /// Articles larger than this many bytes are rejected (default 50 MiB).
    pub max_article_bytes: usize,
    /// File holding sentence-splitter abbreviations, relative to the config file.
    pub abbreviations: Vec<String>,
    /// Per language code, the file of its function words, which decide an
    /// article's language without whatlang when they clearly dominate it.
    pub function_words: BTreeMap<String, String>,
}

impl Default for PrepareConfig {
    fn default() -> Self {
        PrepareConfig {
            min_duplicate_paragraph_chars: 40,
            near_duplicate_bits: 3,
            max_article_bytes: 50 * 1024 * 1024,
            abbreviations: vec![
                "lexicons/fr/abbreviations.txt".into(),
                "lexicons/en/abbreviations.txt".into(),
            ],
            function_words: BTreeMap::from([
                ("en".into(), "lexicons/en/function_words.txt".into()),
                ("fr".into(), "lexicons/fr/function_words.txt".into()),
            ]),
        }
    }
}

/// The `[output]` section.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Formats to write: `parquet`, `csv` (default both).
    pub formats: Vec<String>,
}

impl Default for OutputConfig {
    fn default() -> Self {
        OutputConfig {
            formats: vec!["parquet".into(), "csv".into()],
        }
    }
}

/// The whole configuration file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct Config {
    /// `[pipeline]`: stage order, languages, batch size.
    pub pipeline: PipelineSection,
    /// `[prepare]`: normalisation and deduplication.
    pub prepare: PrepareConfig,
    /// `[output]`: formats.
    pub output: OutputConfig,
    /// One raw section per stage (`[actors]`, `[dates]`, ...), parsed by the
    /// stage itself when it is built.
    #[serde(flatten)]
    pub stages: BTreeMap<String, toml::Table>,
    /// Folder that relative paths in the file are resolved against.
    #[serde(skip)]
    pub base_dir: PathBuf,
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let mut cfg = Config::parse(&text).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })?;
        cfg.base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(cfg)
    }

    /// Parses configuration text (relative paths then resolve against the
    /// current folder).
    pub fn parse(text: &str) -> Result<Config, String> {
        let cfg: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if cfg.pipeline.batch_size == 0 {
            return Err("[pipeline] batch_size must be at least 1".into());
        }
        for f in &cfg.output.formats {
            if f != "parquet" && f != "csv" {
                return Err(format!(
                    "[output] formats: unknown format '{f}' (use parquet, csv)"
                ));
            }
        }
        Ok(cfg)
    }

    /// Resolves a path from the file against [`Config::base_dir`].
    pub fn resolve(&self, relative: &str) -> PathBuf {
        self.base_dir.join(relative)
    }

    /// Parses a stage's section into its typed configuration; a missing
    /// section gives the type's defaults.
    pub fn stage_section<T: serde::de::DeserializeOwned + Default>(
        &self,
        stage: &str,
    ) -> Result<T, ConfigError> {
        match self.stages.get(stage) {
            None => Ok(T::default()),
            Some(table) => {
                table
                    .clone()
                    .try_into()
                    .map_err(|e: toml::de::Error| ConfigError::Stage {
                        stage: stage.to_string(),
                        message: e.to_string(),
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_parses_and_round_trips() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/default.toml");
        let cfg = Config::load(&path).expect("pipelines/default.toml loads");
        assert_eq!(
            cfg.pipeline.stages,
            vec!["actors", "dates", "quotes", "events"]
        );
        let text = toml::to_string(&cfg).unwrap();
        let back = Config::parse(&text).unwrap();
        assert_eq!(back.pipeline, cfg.pipeline);
        assert_eq!(back.stages, cfg.stages);
    }

    #[test]
    fn unknown_key_is_rejected_with_its_name() {
        let err = Config::parse("[pipeline]\nstagez = []\n").unwrap_err();
        assert!(err.contains("stagez"), "{err}");
    }

    #[test]
    fn zero_batch_size_is_rejected() {
        assert!(Config::parse("[pipeline]\nbatch_size = 0\n").is_err());
    }
}
