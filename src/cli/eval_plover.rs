//! `gazette eval-plover`: scores a run's events table against the PLOVER
//! gold-standard sentences (`shared/benchmarks/plover-gsr/gsr.jsonl`, one
//! English sentence per article, one gold event each, scored on
//! `event_v2`).
//!
//! `--write-inputs DIR` writes each gold sentence as `DIR/ID.txt` (the
//! input of `gazette run`); with a run's output folder it reads
//! `parquet/events.parquet` and `parquet/articles.parquet` back with polars
//! and prints, per category, precision and recall of the event type, the
//! micro F1 over the 16 categories, and the accuracy of the source and
//! target country codes of the events whose type is right.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use polars::prelude::*;
use serde::Deserialize;

use crate::plover::CATEGORIES;

/// Arguments of `gazette eval-plover`.
#[derive(Debug, Args)]
pub struct EvalPloverArgs {
    /// The gold file (gsr.jsonl)
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// Write each gold sentence as DIR/ID.txt and stop
    #[arg(long, value_name = "DIR")]
    pub write_inputs: Option<PathBuf>,

    /// Output folder of a `gazette run` on those sentences
    #[arg(value_name = "OUT", required_unless_present = "write_inputs")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
struct GoldActor {
    #[serde(default)]
    code: String,
}

/// One gold record.
#[derive(Debug, Deserialize)]
pub struct GoldRecord {
    /// Record id (the input file's stem).
    pub id: String,
    /// The sentence.
    pub text: String,
    /// PLOVER 2.0 category.
    pub event_v2: String,
    #[serde(default)]
    source: Vec<GoldActor>,
    #[serde(default)]
    target: Vec<GoldActor>,
}

/// One predicted event, keyed by its article's input name.
#[derive(Debug, Clone)]
pub struct Predicted {
    /// The article's source without extension (the gold id).
    pub article: String,
    /// PLOVER category.
    pub event_type: String,
    /// Main source's country.
    pub source_country: Option<String>,
    /// Main target's country.
    pub target_country: Option<String>,
}

/// Counts for one category.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Articles where gold and prediction share the category.
    pub tp: usize,
    /// Predicted, not in gold.
    pub fp: usize,
    /// In gold, not predicted.
    pub fn_: usize,
}

/// The benchmark's figures.
#[derive(Debug, Default)]
pub struct Report {
    /// Per category.
    pub per_category: BTreeMap<String, Counts>,
    /// (correct, evaluated) source countries.
    pub source: (usize, usize),
    /// (correct, evaluated) target countries.
    pub target: (usize, usize),
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Report {
    /// Micro precision, recall and F1 over the categories.
    pub fn micro(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = self
            .per_category
            .values()
            .fold((0, 0, 0), |(a, b, c), k| (a + k.tp, b + k.fp, c + k.fn_));
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }

    /// The printed table.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<10} {:>5} {:>5} {:>4} {:>9} {:>7}",
            "category", "gold", "pred", "tp", "precision", "recall"
        );
        for (cat, k) in &self.per_category {
            let _ = writeln!(
                s,
                "{:<10} {:>5} {:>5} {:>4} {:>9.3} {:>7.3}",
                cat,
                k.tp + k.fn_,
                k.tp + k.fp,
                k.tp,
                ratio(k.tp, k.tp + k.fp),
                ratio(k.tp, k.tp + k.fn_)
            );
        }
        let (p, r, f) = self.micro();
        let _ = writeln!(s, "micro      precision {p:.3}  recall {r:.3}  F1 {f:.3}");
        let _ = writeln!(
            s,
            "source country accuracy {:.3} ({}/{}), target country accuracy {:.3} ({}/{})",
            ratio(self.source.0, self.source.1),
            self.source.0,
            self.source.1,
            ratio(self.target.0, self.target.1),
            self.target.0,
            self.target.1
        );
        s
    }
}

/// Scores predictions against gold: each article's gold categories are
/// those of every record with its text (a few sentences carry two events).
pub fn score(gold: &[GoldRecord], predicted: &[Predicted]) -> Report {
    let mut by_text: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for g in gold {
        by_text
            .entry(g.text.trim())
            .or_default()
            .insert(g.event_v2.as_str());
    }
    let mut pred: BTreeMap<&str, Vec<&Predicted>> = BTreeMap::new();
    for p in predicted {
        pred.entry(p.article.as_str()).or_default().push(p);
    }
    let mut report = Report::default();
    for (cat, _) in CATEGORIES {
        report
            .per_category
            .insert(cat.to_string(), Counts::default());
    }
    let mut seen = BTreeSet::new();
    for g in gold {
        let events = pred.get(g.id.as_str()).cloned().unwrap_or_default();
        if seen.insert(g.id.as_str()) {
            let want = &by_text[g.text.trim()];
            let got: BTreeSet<&str> = events.iter().map(|p| p.event_type.as_str()).collect();
            for cat in want.union(&got) {
                let Some(k) = report.per_category.get_mut(*cat) else {
                    continue;
                };
                match (want.contains(cat), got.contains(cat)) {
                    (true, true) => k.tp += 1,
                    (false, true) => k.fp += 1,
                    _ => k.fn_ += 1,
                }
            }
        }
        let Some(p) = events.iter().find(|p| p.event_type == g.event_v2) else {
            continue;
        };
        let codes = |v: &[GoldActor]| {
            v.iter()
                .map(|a| a.code.clone())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
        };
        let (src, tgt) = (codes(&g.source), codes(&g.target));
        if !src.is_empty() {
            report.source.1 += 1;
            report.source.0 +=
                usize::from(p.source_country.as_ref().is_some_and(|c| src.contains(c)));
        }
        if !tgt.is_empty() {
            report.target.1 += 1;
            report.target.0 +=
                usize::from(p.target_country.as_ref().is_some_and(|c| tgt.contains(c)));
        }
    }
    report
}

fn read_gold(path: &Path) -> Result<Vec<GoldRecord>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gold file '{}'", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}: line {}: not a gold record", path.display(), i + 1))
        })
        .collect()
}

fn strings(df: &DataFrame, col: &str) -> Result<Vec<Option<String>>> {
    let s = anyhow::Context::with_context(df.column(col), || format!("column '{col}' missing"))?;
    let s = s.cast(&DataType::String)?;
    Ok(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
}

fn read_table(out: &Path, name: &str, cols: &[&str]) -> Result<DataFrame> {
    let path = out.join("parquet").join(format!("{name}.parquet"));
    if !path.exists() {
        bail!(
            "'{}' not found: run `gazette run INPUT --out {}` first",
            path.display(),
            out.display()
        );
    }
    let lf = crate::output::writer::scan_parts(&[path])?;
    let exprs: Vec<Expr> = cols.iter().map(|c| col(*c)).collect();
    Ok(lf.select(exprs).collect()?)
}

/// The article key of an input path: its file name without extension.
fn article_key(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    name.strip_suffix(".txt").unwrap_or(name).to_string()
}

fn read_predictions(out: &Path) -> Result<Vec<Predicted>> {
    let articles = read_table(out, "articles", &["article_id", "source"])?;
    let keys: BTreeMap<String, String> = strings(&articles, "article_id")?
        .into_iter()
        .zip(strings(&articles, "source")?)
        .filter_map(|(id, src)| Some((id?, article_key(&src?))))
        .collect();
    let ev = read_table(
        out,
        "events",
        &[
            "article_id",
            "type",
            "status",
            "source_country",
            "target_country",
        ],
    )?;
    let (ids, types, status, src, tgt) = (
        strings(&ev, "article_id")?,
        strings(&ev, "type")?,
        strings(&ev, "status")?,
        strings(&ev, "source_country")?,
        strings(&ev, "target_country")?,
    );
    let mut out_rows = Vec::new();
    for i in 0..ids.len() {
        // a negated act is no event
        if status[i].as_deref() == Some("negated") {
            continue;
        }
        let (Some(id), Some(t)) = (&ids[i], &types[i]) else {
            continue;
        };
        // several inputs may share one text (and so one article id)
        for (aid, key) in &keys {
            if aid == id {
                out_rows.push(Predicted {
                    article: key.clone(),
                    event_type: t.clone(),
                    source_country: src[i].clone(),
                    target_country: tgt[i].clone(),
                });
            }
        }
    }
    Ok(out_rows)
}

/// Runs `gazette eval-plover`.
pub fn run(args: EvalPloverArgs) -> Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    if let Some(dir) = &args.write_inputs {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create '{}'", dir.display()))?;
        for g in &gold {
            let path = dir.join(format!("{}.txt", g.id));
            std::fs::write(&path, format!("{}\n", g.text.trim()))
                .with_context(|| format!("cannot write '{}'", path.display()))?;
        }
        eprintln!("wrote {} sentences to {}", gold.len(), dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let Some(out) = &args.out else {
        bail!("give the output folder of a run, or --write-inputs DIR");
    };
    let predicted = read_predictions(out)?;
    print!("{}", score(&gold, &predicted).render());
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(id: &str, text: &str, ev: &str, src: &str, tgt: &str) -> GoldRecord {
        let actors = |c: &str| {
            c.split(',')
                .filter(|x| !x.is_empty())
                .map(|x| GoldActor { code: x.into() })
                .collect()
        };
        GoldRecord {
            id: id.into(),
            text: text.into(),
            event_v2: ev.into(),
            source: actors(src),
            target: actors(tgt),
        }
    }

    fn pred(a: &str, t: &str, s: Option<&str>, g: Option<&str>) -> Predicted {
        Predicted {
            article: a.into(),
            event_type: t.into(),
            source_country: s.map(Into::into),
            target_country: g.map(Into::into),
        }
    }

    #[test]
    fn scores_types_and_countries() {
        let g = vec![
            gold("a", "A visited B.", "CONSULT", "USA", "RUS"),
            gold("b", "C attacked D.", "ASSAULT", "IRQ", ""),
            gold("c", "E and F met; E refused.", "CONSULT", "FRA", ""),
            gold("d", "E and F met; E refused.", "REJECT", "FRA", ""),
        ];
        let p = vec![
            pred("a", "CONSULT", Some("USA"), Some("DEU")),
            pred("b", "COERCE", Some("IRQ"), None),
            pred("c", "CONSULT", Some("FRA"), None),
        ];
        let r = score(&g, &p);
        let k = |c: &str| r.per_category[c];
        assert_eq!(
            (k("CONSULT").tp, k("CONSULT").fp, k("CONSULT").fn_),
            (2, 0, 1)
        );
        assert_eq!((k("ASSAULT").tp, k("ASSAULT").fn_), (0, 1));
        assert_eq!(k("COERCE").fp, 1);
        assert_eq!(k("REJECT").fn_, 2);
        assert_eq!(r.source, (2, 2));
        assert_eq!(r.target, (0, 1));
        let (p, rc, _) = r.micro();
        assert!(
            (p - 2.0 / 3.0).abs() < 1e-9 && (rc - 2.0 / 6.0).abs() < 1e-9,
            "{p} {rc}"
        );
        assert!(r.render().contains("micro"));
        assert_eq!(article_key("in/PLOVER-1.txt"), "PLOVER-1");
    }
}
