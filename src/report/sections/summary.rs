//! The run summary section: counts as cards, run facts, rejected inputs,
//! and the timings as the table view.

use std::fmt::Write as _;

use super::super::data::{ReportData, TOP_ROWS};
use super::super::html::{DataLink, DataTable, Section};
use super::super::svg::escape;

fn card(value: &str, label: &str) -> String {
    format!(
        "<div class=\"card\"><b>{}</b><span>{}</span></div>",
        escape(value),
        escape(label)
    )
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{:.1} GB", b as f64 / 1e9),
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.1} kB", b as f64 / 1e3),
    }
}

/// The run summary: articles, languages, rejects, duplicates, time.
pub fn summary(data: &ReportData) -> Section {
    let s = &data.summary;
    let rows = |t: &str| {
        s.rows
            .iter()
            .find(|(k, _)| k == t)
            .map_or("–".to_string(), |(_, v)| v.to_string())
    };
    let langs = if s.languages.is_empty() {
        "–".to_string()
    } else {
        s.languages
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let mut body = String::from("<div class=\"cards\">");
    for (v, l) in [
        (s.articles.to_string(), "articles"),
        (langs, "by language"),
        (s.rejects.len().to_string(), "rejected inputs"),
        (s.near_duplicates.to_string(), "near-duplicate articles"),
        (
            s.duplicate_paragraphs.to_string(),
            "repeated paragraphs dropped",
        ),
        (rows("events"), "events"),
        (rows("actors"), "actors"),
        (rows("quotes"), "quotes"),
        (
            s.seconds.map_or("–".into(), |t| format!("{t:.2} s")),
            "run time",
        ),
    ] {
        body.push_str(&card(&v, l));
    }
    body.push_str("</div><dl class=\"facts\">");
    let mut fact = |k: &str, v: String| {
        let _ = write!(body, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    };
    if !s.has_manifest {
        fact(
            "Run",
            "no manifest.json in this folder: run facts unknown".into(),
        );
    }
    if !s.inputs.is_empty() {
        fact("Inputs", s.inputs.join(", "));
    }
    if s.has_manifest {
        let mut read = format!(
            "{} files, {}, {} articles written",
            s.files,
            size(s.bytes),
            s.run_articles
        );
        if s.skipped_files > 0 {
            read.push_str(&format!(" ({} unchanged files skipped)", s.skipped_files));
        }
        fact("This run", read);
    }
    if let Some((first, last)) = &s.published {
        fact(
            "Published",
            format!("{first} to {last} ({} undated)", s.undated),
        );
    }
    if let Some(shard) = &s.shard {
        fact("Shard", shard.clone());
    }
    if let Some(v) = &s.version {
        fact("gazette", v.clone());
    }
    body.push_str("</dl>");
    if s.rejects.is_empty() {
        body.push_str("<p class=\"muted\">No input was rejected.</p>");
    } else {
        body.push_str("<h3>Rejected inputs</h3>");
        let table = DataTable {
            headers: vec!["input".into(), "step".into(), "reason".into()],
            rows: s
                .rejects
                .iter()
                .take(TOP_ROWS)
                .map(|r| vec![r.source.clone(), r.stage.clone(), r.reason.clone()])
                .collect(),
        };
        body.push_str(&table.render());
        if s.rejects.len() > TOP_ROWS {
            let _ = write!(
                body,
                "<p class=\"muted\">and {} more in manifest.json.</p>",
                s.rejects.len() - TOP_ROWS
            );
        }
    }
    let mut timings = s.timings.clone();
    timings.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Section {
        id: "summary".into(),
        title: "Run summary".into(),
        note: "What this output folder holds and what the run that wrote it did. \
               Timings: wall seconds per step; stage.* are CPU seconds summed over threads."
            .into(),
        body,
        table: Some(DataTable {
            headers: vec!["step".into(), "seconds".into()],
            rows: timings
                .iter()
                .map(|(k, v)| vec![k.clone(), format!("{v:.3}")])
                .collect(),
        }),
        sources: vec![
            DataLink {
                table: "manifest".into(),
                files: if s.has_manifest {
                    vec!["manifest.json".into()]
                } else {
                    vec![]
                },
            },
            DataLink {
                table: "articles".into(),
                files: data.links_to.get("articles").cloned().unwrap_or_default(),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::data::{Reject, Summary};
    use super::*;

    #[test]
    fn rejects_are_listed_and_escaped() {
        let data = ReportData {
            summary: Summary {
                has_manifest: true,
                articles: 3,
                languages: vec![("fr".into(), 2), ("en".into(), 1)],
                rejects: vec![Reject {
                    source: "<bad>.txt".into(),
                    stage: "ingest".into(),
                    reason: "binary & empty".into(),
                }],
                seconds: Some(1.234),
                ..Default::default()
            },
            ..Default::default()
        };
        let s = summary(&data);
        assert!(s.body.contains("&lt;bad&gt;.txt") && s.body.contains("binary &amp; empty"));
        assert!(s.body.contains("fr 2 · en 1") && s.body.contains("1.23 s"));
        assert!(!s.body.contains("<bad>"));
    }

    #[test]
    fn empty_data_says_what_is_missing() {
        let s = summary(&ReportData::default());
        assert!(s.body.contains("no manifest.json"));
        assert!(s.body.contains("No input was rejected"));
        assert!(s.sources.iter().all(|l| l.files.is_empty()));
    }
}
