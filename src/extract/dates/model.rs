//! One language's date tagger: its words, patterns, numeric date formats
//! and tense markers, loaded once, and the search for expressions in a text.

use std::path::Path;

use regex::Regex;

use crate::config::Config;
use crate::document::{Document, Span};
use crate::lexicon::{LexiconError, content_lines, read_list, read_table};

use super::LangFiles;
use super::class::Class;
use super::digits::digit_words;
use super::expr::{Cal, Expr};
use super::lexicon::Words;
use super::pattern::Pattern;
use super::scan::{NumberRules, items};
use super::tense::TenseMarkers;

/// Field order of an all-digit date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Dmy,
    Mdy,
    Ymd,
}

impl Order {
    /// The date of the three fields of a match in this order, if it is one.
    fn date(self, x: i32, y: i32, z: i32) -> Option<Cal> {
        let (mut day, mut month, year) = match self {
            Order::Dmy => (x, y, z),
            Order::Mdy => (y, x, z),
            Order::Ymd => (z, y, x),
        };
        // A field over 12 can only be the day: the writer used the other order.
        if month > 12 && day <= 12 && self != Order::Ymd {
            std::mem::swap(&mut day, &mut month);
        }
        let year = if year < 100 { 2000 + year } else { year };
        chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
        Some(Cal {
            day: Some(day as u32),
            month: Some(month as u32),
            year: Some(year),
            weekday: None,
        })
    }
}

/// An all-digit date format (`03/04/2025`, `2025-04-03`).
#[derive(Debug, Clone)]
struct NumericRule {
    regex: Regex,
    order: Order,
}

/// The date tagger of one language.
pub(crate) struct LangModel {
    pub(crate) words: Words,
    patterns: Vec<Pattern>,
    first_mask: u32,
    numeric: Vec<NumericRule>,
    pub(crate) tense: TenseMarkers,
    rules: NumberRules,
}

fn format_err(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn load_patterns(path: &Path) -> Result<Vec<Pattern>, LexiconError> {
    let table = read_table(path)?;
    let mut patterns: Vec<Pattern> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let name = row.require("name", path)?;
        let text = row.require("pattern", path)?;
        let p = Pattern::parse(name, text).map_err(|m| format_err(path, row.line, m))?;
        if patterns.iter().any(|q| q.name == p.name) {
            let m =
                format!("pattern name '{name}' is used twice (names identify patterns in tests)");
            return Err(format_err(path, row.line, m));
        }
        patterns.push(p);
    }
    Ok(patterns)
}

fn load_numeric(path: &Path) -> Result<Vec<NumericRule>, LexiconError> {
    let table = read_table(path)?;
    table
        .rows
        .iter()
        .map(|row| {
            let regex = Regex::new(row.require("regex", path)?)
                .map_err(|e| format_err(path, row.line, format!("bad regex: {e}")))?;
            if regex.captures_len() != 4 {
                return Err(format_err(
                    path,
                    row.line,
                    "the regex needs exactly three groups (day, month, year in `order`)".into(),
                ));
            }
            let order = match row.require("order", path)? {
                "dmy" => Order::Dmy,
                "mdy" => Order::Mdy,
                "ymd" => Order::Ymd,
                o => {
                    return Err(format_err(
                        path,
                        row.line,
                        format!("order '{o}' should be dmy, mdy or ymd"),
                    ));
                }
            };
            Ok(NumericRule { regex, order })
        })
        .collect()
}

/// Reads a file just to check it exists and is not empty of content.
fn require_content(path: &Path) -> Result<(), LexiconError> {
    let text = crate::lexicon::read_text(path)?;
    if content_lines(&text).next().is_none() {
        return Err(format_err(path, 1, "the file has no entries".into()));
    }
    Ok(())
}

impl LangModel {
    /// Loads one language's files.
    pub(crate) fn load(
        cfg: &Config,
        files: &LangFiles,
        min_year: i64,
        max_year: i64,
    ) -> Result<LangModel, LexiconError> {
        let word_paths: Vec<_> = files.words.iter().map(|f| cfg.resolve(f)).collect();
        let words = Words::load(&word_paths)?;
        let patterns = load_patterns(&cfg.resolve(&files.patterns))?;
        let first_mask = patterns.iter().fold(0, |m, p| m | p.first);
        let ordinals_path = cfg.resolve(&files.ordinal_suffixes);
        require_content(&ordinals_path)?;
        let rules = NumberRules {
            min_year,
            max_year,
            ordinal_suffixes: read_list(&ordinals_path)?
                .into_iter()
                .map(|s| s.to_lowercase())
                .collect(),
        };
        Ok(LangModel {
            words,
            patterns,
            first_mask,
            numeric: load_numeric(&cfg.resolve(&files.numeric))?,
            tense: TenseMarkers::load(&cfg.resolve(&files.tense))?,
            rules,
        })
    }

    /// All-digit dates, sorted and disjoint (on overlaps the earlier rule
    /// of `numeric.tsv` wins).
    fn numeric_dates(&self, text: &str) -> Vec<Expr> {
        let mut found: Vec<(usize, Expr)> = Vec::new();
        // A match lies inside one word holding a digit: searching each
        // such word, in a haystack that keeps the text before it (for
        // look-behind) and ends with it (where `\b` sees a break either
        // way), finds what a search of the whole text finds.
        let words = digit_words(text);
        for (k, rule) in self.numeric.iter().enumerate() {
            let mut locs = rule.regex.capture_locations();
            for &(start, end) in &words {
                let mut at = start;
                while let Some(m) = rule.regex.captures_read_at(&mut locs, &text[..end], at) {
                    if m.is_empty() {
                        break;
                    }
                    at = m.end();
                    let num = |i: usize| locs.get(i).and_then(|(s, e)| text[s..e].parse().ok());
                    if let (Some(x), Some(y), Some(z)) = (num(1), num(2), num(3))
                        && let Some(a) = rule.order.date(x, y, z)
                    {
                        let span = Span::new(m.start(), m.end());
                        let e = Expr {
                            span,
                            a,
                            ..Default::default()
                        };
                        found.push((k, e));
                    }
                }
            }
        }
        found.sort_by_key(|(k, e)| (e.span.start, *k));
        let mut out: Vec<Expr> = Vec::with_capacity(found.len());
        for (_, e) in found {
            if out.last().is_none_or(|last| last.span.end <= e.span.start) {
                out.push(e);
            }
        }
        out
    }

    /// Every temporal expression of the document, in text order.
    pub(crate) fn find(&self, doc: &Document) -> Vec<Expr> {
        let mut found = self.numeric_dates(&doc.text);
        let claimed: Vec<Span> = found.iter().map(|e| e.span).collect();
        let (items, joined) = items(doc, &self.words, &self.rules, &claimed);
        let classes: Vec<u32> = items.iter().map(|it| it.classes).collect();
        // The classes of the run of adjacent items from each item on: a
        // pattern can only start where they include its required classes.
        let mut ahead = vec![0u32; items.len()];
        for i in (0..items.len()).rev() {
            let next = if i + 1 < items.len() && joined[i + 1] {
                ahead[i + 1]
            } else {
                0
            };
            ahead[i] = classes[i] | next;
        }
        // Every pattern holds a core class: a start needs one ahead of it.
        let core = Class::core_mask();
        let mut i = 0;
        while i < items.len() {
            if classes[i] & self.first_mask == 0 || ahead[i] & core == 0 {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, usize, Vec<_>)> = None;
            for (k, p) in self.patterns.iter().enumerate() {
                if p.first & classes[i] == 0 || p.required & !ahead[i] != 0 {
                    continue;
                }
                if let Some((end, caps)) = p.longest(i, &classes, &joined)
                    && best.as_ref().is_none_or(|(e, _, _)| end > *e)
                {
                    best = Some((end, k, caps));
                }
            }
            match best {
                Some((end, k, caps)) => {
                    if let Some(e) = Expr::from_caps(k, &caps, &items, &self.words) {
                        found.push(e);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        found.sort_by_key(|e| (e.span.start, e.span.end));
        found
    }

    /// The items of `doc` as the segment scan finds them, then as the scan
    /// of every word does, each item as (start, end, classes, entry,
    /// number, joined).
    #[cfg(test)]
    #[allow(clippy::type_complexity)]
    pub(crate) fn items_two_ways(
        &self,
        doc: &Document,
    ) -> [Vec<(usize, usize, u32, Option<u32>, Option<i64>, bool)>; 2] {
        let claimed: Vec<Span> = self
            .numeric_dates(&doc.text)
            .iter()
            .map(|e| e.span)
            .collect();
        let flat = |(items, joined): (Vec<super::scan::Item>, Vec<bool>)| {
            items
                .iter()
                .zip(joined)
                .map(|(it, j)| {
                    (
                        it.span.start,
                        it.span.end,
                        it.classes,
                        it.entry,
                        it.number,
                        j,
                    )
                })
                .collect()
        };
        [
            flat(items(doc, &self.words, &self.rules, &claimed)),
            flat(super::scan::items_of_every_word(
                doc,
                &self.words,
                &self.rules,
                &claimed,
            )),
        ]
    }

    /// The name of pattern `k` (first column of `patterns.tsv`).
    #[cfg(test)]
    pub(crate) fn pattern_name(&self, k: usize) -> &str {
        &self.patterns[k].name
    }

    /// How many patterns the language has.
    #[cfg(test)]
    pub(crate) fn n_patterns(&self) -> usize {
        self.patterns.len()
    }
}
