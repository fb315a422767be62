//! Date scoring, per article: a gold date and an extracted one match when the
//! gold text, located in `articles.text` (every occurrence), overlaps the
//! extracted offsets; a gold text not found there matches an extracted text
//! that contains it or that it contains (folded). Matching is one-to-one,
//! largest overlap first. Normalisation accuracy: matched dates with the same
//! value over gold dates with a non-null value (so a missed date counts as a
//! wrong value).

use serde::Serialize;

use super::gold::Gold;
use super::quotes::clip;
use super::score::{Counts, Ratio};
use super::spans::{Folded, greedy};
use super::tables::RunArticle;
use crate::text::fold::fold;

/// Date scores of one article (or of all, without the lists).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DateScore {
    /// Detection counts.
    pub counts: Counts,
    /// Normalisation accuracy over gold dates with a value.
    pub value: Ratio,
    /// Gold dates not matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
    /// Extractions matching no gold date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spurious: Vec<String>,
    /// Matched dates with another value: `text: extracted ≠ gold`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wrong_value: Vec<String>,
}

impl DateScore {
    /// Adds another article's counts (not its lists).
    pub fn add(&mut self, o: &DateScore) {
        self.counts.add(&o.counts);
        self.value.add(&o.value);
    }
}

/// Two ISO values are the same when they are equal once trimmed.
pub(super) fn same_value(a: Option<&str>, b: &str) -> bool {
    a.is_some_and(|a| a.trim() == b.trim())
}

/// Scores the dates of one article; gold texts missing from the article are
/// reported in `warnings`.
pub fn score(
    gold: &Gold,
    run: &RunArticle,
    text: &Folded,
    warnings: &mut Vec<String>,
) -> DateScore {
    let mut pairs = Vec::new();
    for (g, d) in gold.dates.iter().enumerate() {
        let occ = text.find_all(&d.text);
        if occ.is_empty() && !run.text.is_empty() {
            warnings.push(format!("gold date not found in the text: {}", d.text));
        }
        let key = fold(&d.text).trim().to_string();
        for (e, x) in run.dates.iter().enumerate() {
            let best = if occ.is_empty() {
                let k = fold(&x.text).trim().to_string();
                let hit =
                    !k.is_empty() && !key.is_empty() && (k.contains(&key) || key.contains(&k));
                hit.then(|| k.len().min(key.len()) as f64 / k.len().max(key.len()) as f64)
            } else {
                occ.iter()
                    .filter(|r| r.overlap(&x.span) > 0)
                    .map(|r| r.jaccard(&x.span))
                    .max_by(f64::total_cmp)
            };
            if let Some(s) = best {
                pairs.push((s, g, e));
            }
        }
    }
    let matched = greedy(gold.dates.len(), run.dates.len(), pairs);
    let mut s = DateScore {
        counts: Counts::one_to_one(
            gold.dates.len(),
            run.dates.len(),
            matched.iter().flatten().count(),
        ),
        ..Default::default()
    };
    let mut taken = vec![false; run.dates.len()];
    for (d, m) in gold.dates.iter().zip(&matched) {
        if let Some(e) = m {
            taken[*e] = true;
        }
        let Some(value) = &d.value else {
            if m.is_none() {
                s.missed.push(d.text.clone());
            }
            continue;
        };
        match m {
            None => {
                s.value.push(false);
                s.missed.push(format!("{} ({value})", d.text));
            }
            Some(e) => {
                let x = &run.dates[*e];
                let right = same_value(x.value.as_deref(), value);
                s.value.push(right);
                if !right {
                    s.wrong_value.push(format!(
                        "{}: {} ≠ {value}",
                        x.text,
                        x.value.as_deref().unwrap_or("(none)")
                    ));
                }
            }
        }
    }
    for (x, t) in run.dates.iter().zip(&taken) {
        if !t {
            s.spurious.push(format!(
                "{} ({})",
                clip(&x.text),
                x.value.as_deref().unwrap_or("-")
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::GoldDate;
    use crate::eval::spans::CharRange;
    use crate::eval::tables::RunDate;

    const TEXT: &str = "Le mardi 7 février, Lavrov était à Bamako. Il y reviendra en mars. \
        On Monday, March 3, the minister left; on Monday he had said nothing.";

    fn gd(text: &str, value: Option<&str>) -> GoldDate {
        GoldDate {
            text: text.into(),
            value: value.map(str::to_string),
        }
    }

    /// An extracted date over the `nth` occurrence of `text` in TEXT.
    fn rd(text: &str, nth: usize, value: Option<&str>) -> RunDate {
        let span = Folded::new(TEXT).find_all(text)[nth];
        RunDate {
            text: text.into(),
            span,
            value: value.map(str::to_string),
        }
    }

    #[test]
    fn date_matching_rules() {
        let gold = Gold {
            dates: vec![
                gd("le mardi 7 février", Some("2023-02-07")),
                gd("en mars", Some("2023-03")),
                gd("On Monday, March 3", Some("2025-03-03")),
                gd("Monday", None),
            ],
            ..Default::default()
        };
        // (name, extracted, (gold, found, extracted, correct), values (right, judged))
        type Case<'a> = (&'a str, Vec<RunDate>, (u64, u64, u64, u64), (u64, u64));
        let cases: Vec<Case> = vec![
            (
                "exact spans and values",
                vec![
                    rd("le mardi 7 février", 0, Some("2023-02-07")),
                    rd("en mars", 0, Some("2023-03")),
                    rd("On Monday, March 3", 0, Some("2025-03-03")),
                    rd("Monday", 1, None),
                ],
                (4, 4, 4, 4),
                (3, 3),
            ),
            (
                "overlapping spans match, a wrong value counts against accuracy",
                vec![
                    rd("mardi 7 février", 0, Some("2024-02-07")),
                    rd("March 3", 0, Some("2025-03-03")),
                ],
                (4, 2, 2, 2),
                (1, 3),
            ),
            (
                "a repeated expression matches any of its occurrences, once",
                vec![rd("Monday", 1, None), rd("Monday", 0, None)],
                (4, 2, 2, 2),
                (0, 3),
            ),
            (
                "disjoint spans do not match",
                vec![RunDate {
                    text: "Bamako".into(),
                    span: Folded::new(TEXT).find_all("Bamako")[0],
                    value: Some("2023".into()),
                }],
                (4, 0, 1, 0),
                (0, 3),
            ),
        ];
        for (name, dates, (g, f, e, c), (right, judged)) in cases {
            let run = RunArticle {
                text: TEXT.into(),
                dates,
                ..Default::default()
            };
            let s = score(&gold, &run, &Folded::new(TEXT), &mut Vec::new());
            assert_eq!(
                (
                    s.counts.gold,
                    s.counts.found,
                    s.counts.extracted,
                    s.counts.correct
                ),
                (g, f, e, c),
                "case {name}: {s:?}"
            );
            assert_eq!(
                (s.value.correct, s.value.total),
                (right, judged),
                "case {name}: {s:?}"
            );
        }
    }

    #[test]
    fn gold_text_missing_from_the_article_is_compared_by_text() {
        let gold = Gold {
            dates: vec![gd("le 1er décembre", Some("2024-12-01"))],
            ..Default::default()
        };
        let run = RunArticle {
            text: "Texte sans cette date.".into(),
            dates: vec![RunDate {
                text: "Le 1er décembre 2024".into(),
                span: CharRange::new(0, 3),
                value: Some("2024-12-01".into()),
            }],
            ..Default::default()
        };
        let mut w = Vec::new();
        let s = score(&gold, &run, &Folded::new(&run.text), &mut w);
        assert_eq!((s.counts.found, s.value.correct), (1, 1));
        assert_eq!(w.len(), 1);
    }
}
