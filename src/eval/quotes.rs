//! Quote scoring, per article: a gold quote and an extracted one match when
//! their texts overlap by at least half of the shorter span's words (gold
//! texts are located in `articles.text`, every occurrence counts; a gold text
//! not found there is compared word by word with the extracted text).
//! Matching is one-to-one, best overlap first. Unmatched extractions that
//! overlap an `ignore_quotes` span by the same rule are left out of the
//! scores. Direct+partial and indirect scores use each side's own kind.
//! Speaker accuracy: over matched quotes whose gold speaker is not null, the
//! extracted speaker (its name or a surface form of that actor in the
//! article) must equal one of the gold speaker's aliases.

use serde::Serialize;

use super::gold::Gold;
use super::score::{Counts, Ratio};
use super::spans::{CharRange, Folded, greedy, half_of_shorter, text_word_overlap, words};
use super::tables::{RunArticle, RunQuote};

/// Quote scores of one article (or of all, without the lists).
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteScore {
    /// All kinds together.
    pub counts: Counts,
    /// Direct and partial quotes (each side by its own kind).
    pub direct: Counts,
    /// Indirect quotes.
    pub indirect: Counts,
    /// Matched quotes with a gold speaker whose extracted speaker is right.
    pub speaker: Ratio,
    /// Extractions left out because they overlap an `ignore_quotes` span.
    pub ignored: u64,
    /// Gold quotes not matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
    /// Extractions matching no gold quote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spurious: Vec<String>,
    /// Matched quotes with the wrong speaker: `text: extracted ≠ gold`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wrong_speaker: Vec<String>,
}

impl QuoteScore {
    /// Adds another article's counts (not its lists).
    pub fn add(&mut self, o: &QuoteScore) {
        self.counts.add(&o.counts);
        self.direct.add(&o.direct);
        self.indirect.add(&o.indirect);
        self.speaker.add(&o.speaker);
        self.ignored += o.ignored;
    }
}

fn is_direct(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("direct") || kind.eq_ignore_ascii_case("partial")
}

fn is_indirect(kind: &str) -> bool {
    kind.eq_ignore_ascii_case("indirect")
}

/// Short form of a text for reports.
pub(super) fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// How well a gold text (with its occurrences in the article) and an
/// extracted quote overlap: `Some(shared / longer)` when they share at least
/// half of the shorter one's words.
pub(super) fn overlap(text: &Folded, occ: &[CharRange], gold: &str, e: &RunQuote) -> Option<f64> {
    if occ.is_empty() {
        let o = text_word_overlap(gold, &e.text);
        let longer = words(gold).len().max(words(&e.text).len());
        return half_of_shorter(o).then(|| o.0 as f64 / longer as f64);
    }
    occ.iter()
        .filter_map(|r| {
            let o = text.word_overlap(r, &e.span);
            let longer = text.words_in(r).max(text.words_in(&e.span));
            half_of_shorter(o).then(|| o.0 as f64 / longer as f64)
        })
        .max_by(f64::total_cmp)
}

/// Scores the quotes of one article; gold texts missing from the article
/// are reported in `warnings`.
pub fn score(
    gold: &Gold,
    run: &RunArticle,
    text: &Folded,
    warnings: &mut Vec<String>,
) -> QuoteScore {
    let occ: Vec<Vec<CharRange>> = gold
        .quotes
        .iter()
        .map(|q| {
            let o = text.find_all(&q.text);
            if o.is_empty() && !run.text.is_empty() {
                warnings.push(format!(
                    "gold quote not found in the text: {}",
                    clip(&q.text)
                ));
            }
            o
        })
        .collect();
    let mut pairs = Vec::new();
    for (g, q) in gold.quotes.iter().enumerate() {
        for (e, x) in run.quotes.iter().enumerate() {
            if let Some(s) = overlap(text, &occ[g], &q.text, x) {
                pairs.push((s, g, e));
            }
        }
    }
    let matched = greedy(gold.quotes.len(), run.quotes.len(), pairs);
    let mut taken = vec![false; run.quotes.len()];
    for e in matched.iter().flatten() {
        taken[*e] = true;
    }
    let ignore: Vec<(String, Vec<CharRange>)> = gold
        .ignore_quotes
        .iter()
        .map(|t| (t.clone(), text.find_all(t)))
        .collect();
    let ignored: Vec<bool> = run
        .quotes
        .iter()
        .enumerate()
        .map(|(e, x)| !taken[e] && ignore.iter().any(|(t, o)| overlap(text, o, t, x).is_some()))
        .collect();

    let mut s = QuoteScore::default();
    let n_matched = matched.iter().flatten().count();
    let scored = run.quotes.len() - ignored.iter().filter(|i| **i).count();
    s.counts = Counts::one_to_one(gold.quotes.len(), scored, n_matched);
    s.ignored = (run.quotes.len() - scored) as u64;
    for (bucket, is_kind) in [
        (&mut s.direct, is_direct as fn(&str) -> bool),
        (&mut s.indirect, is_indirect),
    ] {
        for (q, m) in gold.quotes.iter().zip(&matched) {
            if is_kind(&q.kind) {
                bucket.gold += 1;
                bucket.found += u64::from(m.is_some());
            }
        }
        for (e, x) in run.quotes.iter().enumerate() {
            if is_kind(&x.kind) && !ignored[e] {
                bucket.extracted += 1;
                bucket.correct += u64::from(taken[e]);
            }
        }
    }
    for (q, m) in gold.quotes.iter().zip(&matched) {
        match m {
            None => s.missed.push(format!("[{}] {}", q.kind, clip(&q.text))),
            Some(e) => {
                let Some(speaker) = &q.speaker else { continue };
                let x = &run.quotes[*e];
                let forms = run.forms(x.speaker_id.as_deref(), x.speaker.as_deref());
                let right = !forms.is_disjoint(&gold.party(speaker).keys);
                s.speaker.push(right);
                if !right {
                    s.wrong_speaker.push(format!(
                        "{}: {} ≠ {speaker}",
                        clip(&q.text),
                        x.speaker.as_deref().unwrap_or("(none)")
                    ));
                }
            }
        }
    }
    for (e, x) in run.quotes.iter().enumerate() {
        if !taken[e] && !ignored[e] {
            s.spurious.push(format!("[{}] {}", x.kind, clip(&x.text)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::actors::tests::{gold_actor, run_with};
    use crate::eval::gold::GoldQuote;

    const TEXT: &str = "« Nous aiderons nos amis du Sahel », a déclaré Sergueï Lavrov. \
        Le ministre a ajouté que la coopération militaire allait s'intensifier. \
        Il a qualifié la visite d'« historique ». Une « forte délégation » était là. \
        \"We will keep helping,\" the minister said.";

    fn gq(text: &str, speaker: Option<&str>, kind: &str) -> GoldQuote {
        GoldQuote {
            text: text.into(),
            speaker: speaker.map(str::to_string),
            kind: kind.into(),
        }
    }

    /// An extracted quote over the first occurrence of `text` in TEXT.
    fn rq(text: &str, kind: &str, speaker: Option<&str>) -> RunQuote {
        let f = Folded::new(TEXT);
        let span = f
            .find_all(text)
            .first()
            .copied()
            .unwrap_or(CharRange::new(0, 0));
        RunQuote {
            text: text.into(),
            span,
            kind: kind.into(),
            speaker_id: speaker.map(|_| "lavrov".to_string()),
            speaker: speaker.map(str::to_string),
        }
    }

    fn gold() -> Gold {
        Gold {
            actors: vec![gold_actor(
                "Sergueï Lavrov",
                Some("RUS"),
                &["Sergueï Lavrov", "Lavrov"],
            )],
            quotes: vec![
                gq(
                    "Nous aiderons nos amis du Sahel",
                    Some("Sergueï Lavrov"),
                    "direct",
                ),
                gq(
                    "la coopération militaire allait s'intensifier",
                    Some("Sergueï Lavrov"),
                    "indirect",
                ),
                gq("We will keep helping,", Some("Sergueï Lavrov"), "direct"),
                gq("historique", None, "partial"),
            ],
            ignore_quotes: vec!["forte délégation".into()],
            ..Default::default()
        }
    }

    #[test]
    fn quote_matching_rules() {
        // (name, extracted quotes, (gold, found, extracted, correct), speaker (right, judged), ignored)
        type Case<'a> = (
            &'a str,
            Vec<RunQuote>,
            (u64, u64, u64, u64),
            (u64, u64),
            u64,
        );
        let cases: Vec<Case> = vec![
            (
                "exact texts, speakers through name and alias",
                vec![
                    rq(
                        "Nous aiderons nos amis du Sahel",
                        "direct",
                        Some("Sergueï Lavrov"),
                    ),
                    rq(
                        "la coopération militaire allait s'intensifier",
                        "indirect",
                        Some("Lavrov"),
                    ),
                    rq("We will keep helping,", "direct", Some("Sergei Lavrov")),
                    rq("historique", "partial", None),
                ],
                (4, 4, 4, 4),
                (3, 3),
                0,
            ),
            (
                "half of the shorter span's words is enough, less is not",
                vec![
                    rq("Nous aiderons nos", "direct", None),
                    rq("a ajouté que la", "indirect", None),
                    rq("s'intensifier. Il a", "indirect", None),
                ],
                (4, 2, 3, 2),
                (0, 2),
                0,
            ),
            (
                "one extraction matches one gold quote only",
                vec![rq("Nous aiderons nos amis du Sahel", "direct", Some("Lavrov")); 2],
                (4, 1, 2, 1),
                (1, 1),
                0,
            ),
            (
                "ignore_quotes neither rewarded nor penalised",
                vec![
                    rq("forte délégation", "partial", None),
                    rq("historique", "partial", None),
                ],
                (4, 1, 1, 1),
                (0, 0),
                1,
            ),
            (
                "false positive elsewhere in the text",
                vec![rq("était là", "direct", None)],
                (4, 0, 1, 0),
                (0, 0),
                0,
            ),
        ];
        for (name, quotes, (g, f, e, c), (right, judged), ignored) in cases {
            let mut run = run_with(&[("lavrov", "Sergueï Lavrov", Some("RUS"), &["Lavrov"])]);
            run.text = TEXT.into();
            run.quotes = quotes;
            let mut w = Vec::new();
            let s = score(&gold(), &run, &Folded::new(TEXT), &mut w);
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
                (s.speaker.correct, s.speaker.total),
                (right, judged),
                "case {name}"
            );
            assert_eq!(s.ignored, ignored, "case {name}");
            assert!(w.is_empty(), "{w:?}");
        }
    }

    #[test]
    fn kinds_are_scored_apart() {
        let mut run = run_with(&[]);
        run.text = TEXT.into();
        // the indirect gold quote extracted as direct: matched overall, not per kind
        run.quotes = vec![rq(
            "la coopération militaire allait s'intensifier",
            "direct",
            None,
        )];
        let s = score(&gold(), &run, &Folded::new(TEXT), &mut Vec::new());
        assert_eq!((s.counts.found, s.counts.correct), (1, 1));
        assert_eq!(
            (
                s.direct.gold,
                s.direct.found,
                s.direct.extracted,
                s.direct.correct
            ),
            (3, 0, 1, 1)
        );
        assert_eq!(
            (s.indirect.gold, s.indirect.found, s.indirect.extracted),
            (1, 1, 0)
        );
        // a speaker given by name only, with no actor behind it, still counts
        let mut q = rq("historique", "partial", Some("x"));
        q.speaker_id = None;
        assert_eq!(
            run.forms(q.speaker_id.as_deref(), q.speaker.as_deref())
                .len(),
            1
        );
    }

    #[test]
    fn gold_text_missing_from_the_article_is_compared_by_words() {
        let g = Gold {
            quotes: vec![gq("Nous aiderons nos amis", None, "direct")],
            ..Default::default()
        };
        let mut run = RunArticle {
            text: "Autre texte.".into(),
            ..Default::default()
        };
        run.quotes = vec![RunQuote {
            text: "nous aiderons nos amis du Sahel".into(),
            span: CharRange::new(0, 5),
            kind: "direct".into(),
            ..Default::default()
        }];
        let mut w = Vec::new();
        let s = score(&g, &run, &Folded::new(&run.text.clone()), &mut w);
        assert_eq!(s.counts.found, 1);
        assert_eq!(w.len(), 1);
    }
}
