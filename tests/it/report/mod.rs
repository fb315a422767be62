//! `report.html`: written from a fixture output (through the real writer)
//! with every chart filled and every article text escaped; the same figures
//! from partitioned and CSV-only outputs; written by `gazette run` and
//! `gazette report`; a report failure is a recorded warning, not a failed
//! run. [`browser`] opens the pages in headless Chromium.

mod browser;
pub mod fixture;

use std::path::Path;

use gazette::output::writer::{Formats, Layout};
use gazette::report::write_report;

use crate::util::{gazette, root, run_ok};

const BOTH: Formats = Formats {
    parquet: true,
    csv: true,
};

/// `(data-marks, tag)` of every chart of a page, in order.
pub fn charts(html: &str) -> Vec<(usize, String)> {
    html.match_indices("<svg class=\"chart")
        .map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            (
                attr(tag, "data-marks").unwrap().parse().unwrap(),
                tag.to_string(),
            )
        })
        .collect()
}

/// The value of attribute `name` in a start tag.
pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[i..].split('"').next()
}

/// The fixture's report, written in a fresh folder.
pub fn fixture_report(dir: &Path, layout: Layout, formats: Formats) -> String {
    fixture::write(dir, layout, formats);
    let path = write_report(dir).unwrap();
    assert_eq!(path, dir.join("report.html"));
    std::fs::read_to_string(path).unwrap()
}

/// The page without its data links (which name the files of each layout).
fn without_links(html: &str) -> String {
    let re = regex::Regex::new(r#"<div class="sources">.*?</div>"#).unwrap();
    re.replace_all(html, "").into_owned()
}

#[test]
fn every_chart_of_the_fixture_is_filled() {
    let dir = tempfile::tempdir().unwrap();
    let html = fixture_report(dir.path(), Layout::Single, BOTH);
    let charts = charts(&html);
    assert_eq!(charts.len(), 7, "{charts:?}");
    for (marks, tag) in &charts {
        assert!(*marks > 0, "empty chart: {tag}");
    }
    for section in [
        "summary",
        "events-month",
        "events-type",
        "network",
        "timeline",
        "speakers",
        "dyads",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{section}\"")),
            "{section}"
        );
    }
    assert!(html.contains("href=\"parquet/events.parquet\""));
    assert!(html.contains("href=\"csv/quotes.csv\""));
}

#[test]
fn article_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let html = fixture_report(dir.path(), Layout::Single, BOTH);
    for hostile in fixture::HOSTILE.iter().chain(&["<evil>"]) {
        assert!(!html.contains(hostile), "unescaped {hostile}");
    }
    // what was shown: the speaker's quote, the actor in the network and the dyads
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;b&gt;Wagner&lt;/b&gt; &amp; Cie"));
    assert!(html.contains("&lt;evil&gt;.bin"));
    assert_eq!(
        html.matches("<script>").count(),
        2,
        "only the page's own scripts"
    );
}

#[test]
fn figures_follow_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    let html = fixture_report(dir.path(), Layout::Single, BOTH);
    // 7 articles, 1 near-duplicate, 1 reject
    assert!(html.contains("<b>7</b><span>articles</span>"));
    assert!(html.contains("<b>1</b><span>near-duplicate articles</span>"));
    assert!(html.contains("<b>1</b><span>rejected inputs</span>"));
    assert!(html.contains("<b>fr 3 · en 4</b>") || html.contains("<b>en 4 · fr 3</b>"));
    // the negated MOBILIZE is not counted; the undated CONSULT of the undated article is
    assert!(!html.contains("<td>MOBILIZE</td>"));
    assert!(html.contains("<td>undated</td>"));
    // the near-duplicate's events are not listed twice on the timeline
    assert_eq!(html.matches("<mark>expelled</mark>").count(), 1);
    // the busiest speaker comes first with both their quotes
    let tiani = html.find("<h3>Abdourahamane Tiani</h3>").unwrap();
    let lavrov = html.find("<h3>Sergueï Lavrov</h3>").unwrap();
    assert!(tiani < lavrov);
}

#[test]
fn partitioned_and_csv_only_outputs_give_the_same_figures() {
    let single = tempfile::tempdir().unwrap();
    let reference = without_links(&fixture_report(single.path(), Layout::Single, BOTH));
    let month = tempfile::tempdir().unwrap();
    let partitioned = fixture_report(month.path(), Layout::Month, BOTH);
    assert!(partitioned.contains("href=\"parquet/events/\""));
    assert_eq!(without_links(&partitioned), reference);
    let csv = tempfile::tempdir().unwrap();
    let csv_only = Formats {
        parquet: false,
        csv: true,
    };
    let from_csv = fixture_report(csv.path(), Layout::Single, csv_only);
    assert!(!from_csv.contains("parquet/events"));
    assert_eq!(
        charts(&from_csv).iter().map(|c| c.0).collect::<Vec<_>>(),
        charts(&reference).iter().map(|c| c.0).collect::<Vec<_>>()
    );
}

/// The page up to the dyads section, without data links.
fn before_dyads(html: &str) -> String {
    let cut = html.find("<section id=\"dyads\"").unwrap();
    without_links(&html[..cut])
}

#[test]
fn fresh_aggregate_tables_are_used_and_agree_with_the_base_tables() {
    let dir = tempfile::tempdir().unwrap();
    let derived = fixture_report(dir.path(), Layout::Single, BOTH);
    assert!(!derived.contains("href=\"parquet/event_counts.parquet\""));
    gazette::aggregate::write_aggregates(&[dir.path().to_path_buf()], dir.path()).unwrap();
    write_report(dir.path()).unwrap();
    let aggregated = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    for table in [
        "event_counts",
        "actor_summary",
        "cooccurrence",
        "timeline",
        "dyads",
    ] {
        assert!(
            aggregated.contains(&format!("href=\"parquet/{table}.parquet\"")),
            "{table} not used"
        );
    }
    // the fallback derives the same figures (the dyads count all main and
    // secondary participants in the aggregate, only the main ones derived)
    assert_eq!(before_dyads(&aggregated), before_dyads(&derived));
}

#[test]
fn stale_aggregate_tables_are_not_used() {
    let dir = tempfile::tempdir().unwrap();
    fixture::write(dir.path(), Layout::Single, BOTH);
    gazette::aggregate::write_aggregates(&[dir.path().to_path_buf()], dir.path()).unwrap();
    // as if left by an earlier run: older than the articles table
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let stale = dir.path().join("parquet/event_counts.parquet");
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let html = std::fs::read_to_string(write_report(dir.path()).unwrap()).unwrap();
    assert!(!html.contains("href=\"parquet/event_counts.parquet\""));
    assert!(html.contains("href=\"parquet/dyads.parquet\""));
}

#[test]
fn the_report_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let first = fixture_report(dir.path(), Layout::Single, BOTH);
    write_report(dir.path()).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.html")).unwrap(),
        first
    );
}

#[test]
fn run_and_report_commands_write_it() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &[]);
    let html = std::fs::read_to_string(out.path().join("report.html")).unwrap();
    assert!(html.contains("<b>5</b><span>articles</span>"));
    assert_eq!(charts(&html).len(), 7);
    std::fs::remove_file(out.path().join("report.html")).unwrap();
    let o = gazette(&["report", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .trim()
            .ends_with("report.html")
    );
    assert!(out.path().join("report.html").exists());
}

#[test]
fn a_report_failure_is_a_recorded_warning() {
    let out = tempfile::tempdir().unwrap();
    // a non-empty folder where the report should go: the rename fails
    std::fs::create_dir_all(out.path().join("report.html/keep")).unwrap();
    let o = run_ok(&root().join("seeds"), out.path(), &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("gazette: warning: report.html was not written"),
        "{stderr}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["warnings"].as_array().unwrap().len(), 1);
    assert_eq!(manifest["articles"], 5);
    // no temporary file is left behind
    let stray: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty());
}

/// Times the report on a larger output (debug build):
/// `cargo test --test it report::report_time_on_a_larger_output -- --ignored --nocapture`
#[test]
#[ignore]
fn report_time_on_a_larger_output() {
    // kept to look at: target/report-large
    let dir = root().join("target").join("report-large");
    let _ = std::fs::remove_dir_all(&dir);
    let docs = fixture::scaled(3_000);
    fixture::write_docs(&dir, Layout::Single, BOTH, &docs);
    let t = std::time::Instant::now();
    write_report(&dir).unwrap();
    let derived = t.elapsed().as_secs_f64();
    std::fs::copy(dir.join("report.html"), dir.join("report-derived.html")).unwrap();
    gazette::aggregate::write_aggregates(std::slice::from_ref(&dir), &dir).unwrap();
    let t = std::time::Instant::now();
    let html = std::fs::read_to_string(write_report(&dir).unwrap()).unwrap();
    let aggregated = t.elapsed().as_secs_f64();
    println!(
        "{} articles: report {derived:.2} s from the base tables, {aggregated:.2} s from the aggregates, {} kB",
        docs.len(),
        html.len() / 1000
    );
    assert!(charts(&html).iter().all(|c| c.0 > 0));
}
