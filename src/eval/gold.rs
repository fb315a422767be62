//! Gold annotation files (`shared/spec/gold-format.md`): one JSON file per
//! article, read as written. Unknown fields are ignored so the format can
//! grow without breaking older binaries.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::text::fold::fold;

/// One gold file: what a careful reader extracts from one article.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Gold {
    /// The article's file name (`003.txt`); matched against the end of
    /// `articles.source`.
    pub file: String,
    /// ISO 639-1 code of the article.
    #[serde(default)]
    pub lang: Option<String>,
    /// Publication date as the source states it (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    #[serde(default)]
    pub publication_date: Option<String>,
    /// Every named entity of the article, once each.
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    /// Speech attributed to someone.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Quoted spans that are not speech: extractions overlapping them are not scored.
    #[serde(default)]
    pub ignore_quotes: Vec<String>,
    /// Temporal expressions and their values.
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    /// PLOVER events (asserted and planned only).
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// A gold actor.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldActor {
    /// The fullest form used in the article.
    pub name: String,
    /// `person`, `organization`, `country` or `place`.
    #[serde(default)]
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country it belongs to or represents.
    #[serde(default)]
    pub country: Option<String>,
    /// Every surface form the article uses for it.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A gold quotation.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldQuote {
    /// The quoted words, without the quotation marks.
    pub text: String,
    /// The `name` of the gold actor who said it, or null.
    #[serde(default)]
    pub speaker: Option<String>,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
}

/// A gold temporal expression.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldDate {
    /// The expression as written.
    pub text: String,
    /// Its ISO 8601 value, or null when it cannot be resolved.
    #[serde(default)]
    pub value: Option<String>,
}

/// A gold PLOVER event.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GoldEvent {
    /// PLOVER category.
    #[serde(rename = "type")]
    pub event_type: String,
    /// PLOVER mode (not scored).
    #[serde(default)]
    pub mode: Option<String>,
    /// Names of the acting gold actors.
    #[serde(default)]
    pub source: Vec<String>,
    /// Names of the gold actors acted upon (may be empty).
    #[serde(default)]
    pub target: Vec<String>,
    /// ISO value of when it happened, or null.
    #[serde(default)]
    pub date: Option<String>,
    /// `asserted` or `planned`.
    #[serde(default)]
    pub status: Option<String>,
    /// A snippet of the article that states it.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// What scoring needs to know about a gold actor named in a quote or event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldParty {
    /// The name as the gold record gives it.
    pub name: String,
    /// Folded name and aliases.
    pub keys: BTreeSet<String>,
    /// Its country code, from the gold actor's `country`.
    pub country: Option<String>,
}

impl GoldActor {
    /// Folded `name` and `aliases`: the forms an extraction may use.
    pub fn keys(&self) -> BTreeSet<String> {
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .map(|a| fold(a).trim().to_string())
            .filter(|k| !k.is_empty())
            .collect()
    }
}

impl Gold {
    /// Resolves an actor name used in a quote or event through the gold
    /// actors (compared folded); an unknown name stands for itself.
    pub fn party(&self, name: &str) -> GoldParty {
        let key = fold(name).trim().to_string();
        match self
            .actors
            .iter()
            .find(|a| fold(&a.name).trim() == key)
            .or_else(|| self.actors.iter().find(|a| a.keys().contains(&key)))
        {
            Some(a) => GoldParty {
                name: name.to_string(),
                keys: a.keys(),
                country: a.country.clone().filter(|c| !c.trim().is_empty()),
            },
            None => GoldParty {
                name: name.to_string(),
                keys: BTreeSet::from([key]),
                country: None,
            },
        }
    }

    /// Names used in quotes and events that no gold actor carries: gold errors
    /// worth a warning, since they can only match by their exact spelling.
    pub fn unknown_names(&self) -> Vec<String> {
        let mut names: BTreeSet<&str> = BTreeSet::new();
        for q in &self.quotes {
            names.extend(q.speaker.as_deref());
        }
        for e in &self.events {
            names.extend(e.source.iter().chain(&e.target).map(String::as_str));
        }
        names
            .into_iter()
            .filter(|n| {
                let k = fold(n).trim().to_string();
                !self.actors.iter().any(|a| a.keys().contains(&k))
            })
            .map(str::to_string)
            .collect()
    }
}

/// Reads every `*.json` file of a folder, sorted by file name.
pub fn load_dir(dir: &Path) -> Result<Vec<(PathBuf, Gold)>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read gold folder '{}'", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!(
            "no gold files (*.json) in '{}': give the folder holding them",
            dir.display()
        );
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read gold file '{}'", p.display()))?;
            let gold: Gold = serde_json::from_str(&text).with_context(|| {
                format!(
                    "'{}' is not a gold file (see shared/spec/gold-format.md)",
                    p.display()
                )
            })?;
            Ok((p, gold))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example_and_resolves_parties() {
        let g: Gold = serde_json::from_str(
            r#"{"file": "003.txt", "lang": "fr", "publication_date": "2023-12-04",
              "actors": [{"name": "Sergueï Lavrov", "kind": "person", "country": "RUS",
                          "aliases": ["Sergueï Lavrov", "Lavrov", "Sergei Lavrov"]}],
              "quotes": [{"text": "Notre coopération", "speaker": "Sergueï Lavrov", "kind": "direct"}],
              "ignore_quotes": ["forte délégation"],
              "dates": [{"text": "jeudi 3 avril", "value": "2025-04-03"}],
              "events": [{"type": "CONSULT", "mode": "visit", "source": ["Sergei Lavrov"],
                          "target": ["Mali"], "date": null, "status": "asserted",
                          "evidence": "s'est rendue au Mali"}],
              "future_field": 1}"#,
        )
        .unwrap();
        assert_eq!(g.events[0].event_type, "CONSULT");
        let p = g.party("SERGUEI LAVROV");
        assert_eq!(p.country.as_deref(), Some("RUS"));
        assert!(p.keys.contains("lavrov"));
        // an alias resolves too, an unknown name stands for itself
        assert_eq!(g.party("Sergei Lavrov").country.as_deref(), Some("RUS"));
        let mali = g.party("Mali");
        assert_eq!(mali.keys, BTreeSet::from(["mali".to_string()]));
        assert_eq!(mali.country, None);
        assert_eq!(g.unknown_names(), vec!["Mali".to_string()]);
    }
}
