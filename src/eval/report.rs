//! The evaluation report: per-article scores, their micro totals, the flat
//! metric map floors are checked against, and the text tables people read.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::actors::ActorScore;
use super::dates::DateScore;
use super::events::EventScore;
use super::quotes::QuoteScore;
use super::score::{Counts, Ratio};

/// Scores of one gold file against its article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleReport {
    /// The gold's `file`.
    pub file: String,
    /// `articles.source` of the matched article, if any.
    pub source: Option<String>,
    /// `articles.article_id` of the matched article, if any.
    pub article_id: Option<String>,
    /// Publication date (`articles.published` at its precision) equal to gold's.
    pub published: Ratio,
    /// Actor scores.
    pub actors: ActorScore,
    /// Quote and speaker scores.
    pub quotes: QuoteScore,
    /// Date detection and normalisation scores.
    pub dates: DateScore,
    /// Event scores.
    pub events: EventScore,
    /// Problems with the gold file or the matching (unknown names, texts not found).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Micro totals over all articles (counts summed, then scored).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    /// Publication dates.
    pub published: Ratio,
    /// Actors.
    pub actors: ActorScore,
    /// Quotes.
    pub quotes: QuoteScore,
    /// Dates.
    pub dates: DateScore,
    /// Events.
    pub events: EventScore,
}

/// The whole evaluation, as printed and as written to JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// The gold folder.
    pub gold_dir: String,
    /// The run's output folder.
    pub run_dir: String,
    /// Gold files read.
    pub gold_files: usize,
    /// Gold files whose article was found in the run.
    pub matched_articles: usize,
    /// Every score by name (`actors.f1`, `events.strict.recall`, ...); null
    /// when undefined (nothing to score).
    pub metrics: BTreeMap<String, Option<f64>>,
    /// Micro totals.
    pub totals: Totals,
    /// Per-article scores, misses and false positives.
    pub articles: Vec<ArticleReport>,
}

impl Totals {
    /// Sums the articles' counts.
    pub fn of(articles: &[ArticleReport]) -> Totals {
        let mut t = Totals::default();
        for a in articles {
            t.published.add(&a.published);
            t.actors.add(&a.actors);
            t.quotes.add(&a.quotes);
            t.dates.add(&a.dates);
            t.events.add(&a.events);
        }
        t
    }

    /// The flat metric map.
    pub fn metrics(&self) -> BTreeMap<String, Option<f64>> {
        let mut m = BTreeMap::new();
        let mut prf = |name: &str, c: &Counts| {
            m.insert(format!("{name}.precision"), c.precision());
            m.insert(format!("{name}.recall"), c.recall());
            m.insert(format!("{name}.f1"), c.f1());
        };
        prf("actors", &self.actors.counts);
        prf("quotes", &self.quotes.counts);
        prf("quotes.direct", &self.quotes.direct);
        prf("quotes.indirect", &self.quotes.indirect);
        prf("dates", &self.dates.counts);
        prf("events.strict", &self.events.strict);
        prf("events.country", &self.events.country);
        prf("events.lenient", &self.events.lenient);
        m.insert(
            "quotes.speaker_accuracy".into(),
            self.quotes.speaker.value(),
        );
        m.insert("dates.value_accuracy".into(), self.dates.value.value());
        m.insert("events.date_accuracy".into(), self.events.date.value());
        m.insert("published.accuracy".into(), self.published.value());
        m
    }
}

fn num(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.3}"))
}

fn counts_row(out: &mut String, label: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "{label:<22}{:>6}{:>7}{:>7}{:>7}{:>11}{:>8}{:>8}",
        c.gold,
        c.found,
        c.extracted,
        c.correct,
        num(c.precision()),
        num(c.recall()),
        num(c.f1())
    );
}

fn ratio_row(out: &mut String, label: &str, r: &Ratio) {
    let _ = writeln!(
        out,
        "{label:<22}{:>6} of {:<6}{:>29}",
        r.correct,
        r.total,
        num(r.value())
    );
}

impl Report {
    /// The readable report: one table per record type, one per article, and
    /// warnings; `details` adds each article's misses and false positives.
    pub fn render(&self, details: bool) -> String {
        let mut out = String::new();
        let t = &self.totals;
        let _ = writeln!(
            out,
            "gazette eval: {} gold files in {}, {} matched to articles of {}\n",
            self.gold_files, self.gold_dir, self.matched_articles, self.run_dir
        );
        let _ = writeln!(
            out,
            "{:<22}{:>6}{:>7}{:>7}{:>7}{:>11}{:>8}{:>8}",
            "record", "gold", "found", "extr", "right", "precision", "recall", "f1"
        );
        counts_row(&mut out, "actors", &t.actors.counts);
        let _ = writeln!(out, "  split actors{:>10}", t.actors.split);
        counts_row(&mut out, "quotes", &t.quotes.counts);
        counts_row(&mut out, "  direct+partial", &t.quotes.direct);
        counts_row(&mut out, "  indirect", &t.quotes.indirect);
        ratio_row(&mut out, "  speaker accuracy", &t.quotes.speaker);
        let _ = writeln!(out, "  ignored extractions{:>3}", t.quotes.ignored);
        counts_row(&mut out, "dates", &t.dates.counts);
        ratio_row(&mut out, "  value accuracy", &t.dates.value);
        counts_row(&mut out, "events strict", &t.events.strict);
        counts_row(&mut out, "events country", &t.events.country);
        counts_row(&mut out, "events lenient", &t.events.lenient);
        ratio_row(&mut out, "  date accuracy", &t.events.date);
        let _ = writeln!(
            out,
            "  not scored (negated, hypothetical){:>4}",
            t.events.excluded
        );
        ratio_row(&mut out, "publication date", &t.published);

        let _ = writeln!(
            out,
            "\nper article (F1, accuracy)       actors quotes speakr  dates values ev.str ev.cty ev.len"
        );
        for a in &self.articles {
            let _ = writeln!(
                out,
                "{:<32}{:>7}{:>7}{:>7}{:>7}{:>7}{:>7}{:>7}{:>7}",
                a.file,
                num(a.actors.counts.f1()),
                num(a.quotes.counts.f1()),
                num(a.quotes.speaker.value()),
                num(a.dates.counts.f1()),
                num(a.dates.value.value()),
                num(a.events.strict.f1()),
                num(a.events.country.f1()),
                num(a.events.lenient.f1()),
            );
        }
        for a in &self.articles {
            let mut lines: Vec<String> =
                a.warnings.iter().map(|w| format!("warning: {w}")).collect();
            if details {
                let mut list = |label: &str, items: &[String]| {
                    lines.extend(items.iter().map(|i| format!("{label}: {i}")));
                };
                list("actor missed", &a.actors.missed);
                list("actor spurious", &a.actors.spurious);
                list("actor split", &a.actors.split_into);
                list("quote missed", &a.quotes.missed);
                list("quote spurious", &a.quotes.spurious);
                list("quote speaker", &a.quotes.wrong_speaker);
                list("date missed", &a.dates.missed);
                list("date spurious", &a.dates.spurious);
                list("date value", &a.dates.wrong_value);
                list("event", &a.events.gold);
                list("event spurious", &a.events.spurious);
            }
            if !lines.is_empty() {
                let _ = writeln!(out, "\n{}", a.file);
                for l in lines {
                    let _ = writeln!(out, "  {l}");
                }
            }
        }
        out
    }
}
