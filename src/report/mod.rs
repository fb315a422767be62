//! The HTML report: `OUT/report.html`, drawn from a run's tables.
//!
//! Reads: the output folder (`manifest.json`, the aggregate tables when
//! fresh, else the base tables). Adds: `report.html`.
//! Method: [`data`] reads small capped summaries with Polars, [`sections`]
//! turns them into charts (SVG built in Rust, [`svg`]) and table views, and
//! [`html`] assembles one self-contained page that works offline. Every
//! text from the articles is escaped.

pub mod data;
pub mod html;
pub mod sections;
pub mod svg;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use data::ReportData;

/// The report's file name inside the output folder.
pub const FILE_NAME: &str = "report.html";

/// Renders the report page for already loaded data.
pub fn render(data: &ReportData) -> String {
    let sections = [
        sections::summary(data),
        sections::events_by_month(data),
        sections::events_by_type(data),
        sections::network(data),
        sections::timeline(data),
        sections::speakers(data),
        sections::dyads(data),
    ];
    let s = &data.summary;
    let mut subtitle = format!("{} articles", s.articles);
    if let Some((first, last)) = &s.published {
        subtitle.push_str(&format!(", published {first} to {last}"));
    }
    if !s.inputs.is_empty() {
        subtitle.push_str(&format!(" · from {}", s.inputs.join(", ")));
    }
    if let Some(v) = &s.version {
        subtitle.push_str(&format!(" · gazette {v}"));
    }
    html::page("gazette report", &subtitle, &sections)
}

/// Writes `OUT/report.html` from the tables in `out` and returns its path.
/// The page is written to a temporary file beside it and renamed into
/// place, so a reader never sees half a report.
pub fn write_report(out: &Path) -> Result<PathBuf> {
    write_report_with(out, None)
}

/// [`write_report`], with the figures the run that wrote `out` already
/// [`data::Known`] (none: everything is read from the tables).
pub fn write_report_with(out: &Path, known: Option<data::Known>) -> Result<PathBuf> {
    let data = data::load_with(out, known)
        .with_context(|| format!("reading the tables of '{}'", out.display()))?;
    let page = render(&data);
    let target = out.join(FILE_NAME);
    let tmp = out.join(format!(".{FILE_NAME}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, page).with_context(|| format!("writing '{}'", tmp.display()))?;
    std::fs::rename(&tmp, &target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("cannot move the report into '{}': {e}", target.display())
    })?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_folder_gets_a_report_with_every_section() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_report(dir.path()).unwrap();
        let html = std::fs::read_to_string(&path).unwrap();
        for id in [
            "summary",
            "events-month",
            "events-type",
            "network",
            "timeline",
            "speakers",
            "dyads",
        ] {
            assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
        }
        // no temporary file is left behind
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [FILE_NAME]);
    }
}
