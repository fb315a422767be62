//! Document preparation: from a [`RawArticle`] to a [`Document`] with
//! normalised text, paragraphs (repeats dropped), sentences, language and a
//! stable id.
//!
//! Reads: the raw article. Adds: `id`, `lang`, `text`, `paragraphs`,
//! `sentences`, `n_duplicate_paragraphs`, metadata. Near-duplicate articles
//! are linked later, in input order, by the run (a corpus-level step).

pub(crate) mod bytes16;
pub(crate) mod chars;
pub mod dedup;
pub mod fold;
pub mod ids;
pub mod language;
pub mod normalise;
pub mod sentences;
pub(crate) mod swar;
pub(crate) mod words;

use xxhash_rust::xxh3::xxh3_128;

use crate::config::Config;
use crate::document::{Document, Span};
use crate::ingest::{RawArticle, Reject};
use crate::lexicon::{self, LexiconError};
use sentences::SentenceSplitter;

/// Builds documents from raw articles; created once per run.
#[derive(Debug, Clone)]
pub struct Preparer {
    splitter: SentenceSplitter,
    min_duplicate_paragraph_chars: usize,
    function_words: language::FunctionWords,
}

/// The stable article id of a normalised text: 16 hex digits of its XXH3-128.
pub fn article_id(text: &str) -> String {
    format!("{:016x}", (xxh3_128(text.as_bytes()) >> 64) as u64)
}

impl Preparer {
    /// Loads the abbreviation and function-word lists named in `[prepare]`.
    pub fn build(cfg: &Config) -> Result<Preparer, LexiconError> {
        let mut abbreviations = Vec::new();
        for file in &cfg.prepare.abbreviations {
            abbreviations.extend(lexicon::read_list(&cfg.resolve(file))?);
        }
        let mut function_words = language::FunctionWords::default();
        for (lang, file) in &cfg.prepare.function_words {
            let path = cfg.resolve(file);
            let text = lexicon::read_text(&path)?;
            for (line, word) in lexicon::content_lines(&text) {
                function_words
                    .add(lang, word.trim())
                    .map_err(|message| LexiconError::Format {
                        path: path.clone(),
                        line,
                        message,
                    })?;
            }
        }
        Ok(Preparer {
            splitter: SentenceSplitter::new(abbreviations),
            min_duplicate_paragraph_chars: cfg.prepare.min_duplicate_paragraph_chars,
            function_words,
        })
    }

    /// A preparer with the given abbreviations and no function words (for
    /// tests and tools): languages are detected by whatlang alone.
    pub fn with_abbreviations(
        abbreviations: Vec<String>,
        min_duplicate_paragraph_chars: usize,
    ) -> Self {
        Preparer {
            splitter: SentenceSplitter::new(abbreviations),
            min_duplicate_paragraph_chars,
            function_words: language::FunctionWords::default(),
        }
    }

    /// Normalises, deduplicates paragraphs, splits sentences, detects the
    /// language and derives the id. Rejects articles with no text left.
    pub fn prepare(&self, raw: RawArticle) -> Result<Document, Reject> {
        let normalised = normalise::normalise_lines(&raw.text);
        let lines: Vec<&str> = normalised
            .lines
            .iter()
            .map(|&(start, end)| trim_wide(&normalised.text[start..end]))
            .filter(|l| !l.is_empty())
            .collect();
        let (kept, dropped) = dedup::dedup_paragraphs(&lines, self.min_duplicate_paragraph_chars);
        if kept.is_empty() {
            return Err(Reject::new(
                &raw.source,
                "prepare",
                "no text left after normalisation (empty or only control characters)",
            ));
        }
        let mut text = String::with_capacity(normalised.text.len());
        let mut paragraphs = Vec::with_capacity(kept.len());
        for (i, p) in kept.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(p);
            paragraphs.push(Span::new(start, text.len()));
        }
        // some hundred bytes a sentence
        let mut sentences = Vec::with_capacity(text.len() / 100 + 1);
        for p in &paragraphs {
            self.splitter.split_into(&text, *p, &mut sentences);
        }
        let lang = match raw.lang.as_deref() {
            Some(l) if !l.trim().is_empty() => language::normalise_code(l),
            _ => language::detect_with(&self.function_words, &text),
        };
        Ok(Document {
            id: article_id(&text),
            source: raw.source,
            url: raw.url,
            lang,
            title: raw.title,
            published: raw.published,
            text,
            paragraphs,
            sentences,
            n_duplicate_paragraphs: dropped,
            ..Default::default()
        })
    }
}

/// `line.trim()` for a line of normalised text, whose ends can only be
/// whitespace wider than ASCII (the normalisation drops the rest): most
/// lines start and end with ASCII and are not scanned.
fn trim_wide(line: &str) -> &str {
    let bytes = line.as_bytes();
    let wide = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if wide(bytes.first()) || wide(bytes.last()) {
        line.trim()
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawArticle {
        RawArticle {
            source: "a.txt".into(),
            title: None,
            text: text.into(),
            published: None,
            lang: None,
            url: None,
        }
    }

    #[test]
    fn prepares_paragraphs_sentences_and_id() {
        let p = Preparer::with_abbreviations(vec!["M.".into()], 20);
        let para = "Selon M. Gromyko, la Russie aidera les pays du Sahel. Il l'a répété.";
        let doc = p
            .prepare(raw(&format!("{para}\n\n{para}\nFin de l'article ici.")))
            .unwrap();
        assert_eq!(doc.n_duplicate_paragraphs, 1);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.sentences.len(), 3);
        assert_eq!(doc.slice(doc.sentences[1]), "Il l'a répété.");
        assert_eq!(doc.lang, "fr");
        assert_eq!(doc.id, article_id(&doc.text));
        assert_eq!(doc.id.len(), 16);
    }

    #[test]
    fn wide_trim_is_trim_on_normalised_lines() {
        let cases = [
            ("ascii", "Il est venu."),
            ("accent_at_end", "Il est allé"),
            ("accent_at_start", "Été 2024"),
            ("ogham_space_both_ends", "\u{1680}Text here\u{1680}"),
            ("only_ogham_space", "\u{1680}"),
            ("guillemets", "« Non »"),
            ("empty", ""),
        ];
        for (name, line) in cases {
            assert_eq!(trim_wide(line), line.trim(), "case {name}: {line:?}");
        }
    }

    #[test]
    fn blank_article_is_rejected() {
        let p = Preparer::with_abbreviations(vec![], 20);
        assert!(p.prepare(raw(" \n\u{200b}\n")).is_err());
    }
}
