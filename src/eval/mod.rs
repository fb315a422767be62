//! Scoring a run's tables against gold annotations
//! (`shared/spec/gold-format.md`), as `gazette eval` does.
//!
//! Each gold file is matched to the article whose `articles.source` ends
//! with the gold's `file`; its actors, quotes (and speakers), dates (and
//! values) and events (strict, country, lenient) are scored with the rules
//! of [`actors`], [`quotes`], [`dates`] and [`events`], over folded text
//! ([`crate::text::fold`]). Counts add up over articles (micro averages).
//! This module only reads the run's tables; it never changes them.

pub mod actors;
pub mod dates;
pub mod events;
pub mod floors;
pub mod gold;
pub mod quotes;
pub mod report;
pub mod score;
pub mod spans;
pub mod tables;

use std::path::Path;

use anyhow::Result;

pub use report::{ArticleReport, Report, Totals};

use gold::Gold;
use spans::Folded;
use tables::{RunArticle, RunTables};

/// True when `source` names the gold's `file`: equal, or ending with it after
/// a path separator.
pub fn source_matches(source: &str, file: &str) -> bool {
    let file = file.trim();
    !file.is_empty()
        && (source == file
            || source
                .strip_suffix(file)
                .is_some_and(|rest| rest.ends_with('/') || rest.ends_with('\\')))
}

/// Scores one article against its gold file.
pub fn score_article(gold: &Gold, run: &RunArticle) -> ArticleReport {
    let mut warnings: Vec<String> = gold
        .unknown_names()
        .into_iter()
        .map(|n| format!("gold names '{n}' in a quote or event but lists no such actor"))
        .collect();
    let text = Folded::new(&run.text);
    let mut published = score::Ratio::default();
    if let Some(p) = &gold.publication_date {
        published.push(dates::same_value(run.published.as_deref(), p));
    }
    let quotes = quotes::score(gold, run, &text, &mut warnings);
    let dates = dates::score(gold, run, &text, &mut warnings);
    ArticleReport {
        file: gold.file.clone(),
        source: None,
        article_id: None,
        published,
        actors: actors::score(gold, run),
        quotes,
        dates,
        events: events::score(gold, run, &text),
        warnings,
    }
}

/// Scores the run in `out` against every gold file of `gold_dir`.
pub fn evaluate(gold_dir: &Path, out: &Path) -> Result<Report> {
    let golds = gold::load_dir(gold_dir)?;
    let run = RunTables::open(out)?;
    let sources = run.sources()?;
    let picks: Vec<Vec<&(String, String)>> = golds
        .iter()
        .map(|(_, g)| {
            sources
                .iter()
                .filter(|(_, s)| source_matches(s, &g.file))
                .collect()
        })
        .collect();
    let mut ids: Vec<String> = picks
        .iter()
        .filter_map(|p| p.first().map(|(id, _)| id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let loaded = run.load(&ids)?;
    let empty = RunArticle::default();
    let mut articles = Vec::with_capacity(golds.len());
    for ((path, g), pick) in golds.iter().zip(&picks) {
        let art = pick.first().and_then(|(id, _)| loaded.get(id));
        let mut r = score_article(g, art.unwrap_or(&empty));
        match pick.as_slice() {
            [] => r.warnings.insert(
                0,
                format!(
                    "no article of the run has a source ending with '{}' ({}): everything counts as missed",
                    g.file,
                    path.display()
                ),
            ),
            [_] => {}
            [first, rest @ ..] => r.warnings.insert(
                0,
                format!(
                    "{} more articles have a source ending with '{}'; scored the first, '{}'",
                    rest.len(),
                    g.file,
                    first.1
                ),
            ),
        }
        if let Some(a) = art {
            r.source = Some(a.source.clone());
            r.article_id = Some(a.article_id.clone());
        }
        articles.push(r);
    }
    let totals = Totals::of(&articles);
    Ok(Report {
        gold_dir: gold_dir.display().to_string(),
        run_dir: out.display().to_string(),
        gold_files: golds.len(),
        matched_articles: articles.iter().filter(|a| a.article_id.is_some()).count(),
        metrics: totals.metrics(),
        totals,
        articles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_files_match_sources_by_their_end() {
        let cases = [
            ("000_abb.txt", "000_abb.txt", true),
            ("seeds/000_abb.txt", "000_abb.txt", true),
            ("a\\000_abb.txt", "000_abb.txt", true),
            ("x000_abb.txt", "000_abb.txt", false),
            ("000_abb.txt.gz", "000_abb.txt", false),
            ("000_abb.txt", "", false),
        ];
        for (source, file, want) in cases {
            assert_eq!(source_matches(source, file), want, "{source} / {file}");
        }
    }
}
