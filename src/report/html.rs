//! The report page: one self-contained HTML file (styles, charts and a small
//! script inline; nothing is fetched, so it works offline and from any
//! folder). The page reads fine without the script: it only sorts table
//! views on a header click and records, for automated checks, script
//! errors (`data-errors` on `<html>`) and how many marks of each chart the
//! browser laid out (`data-rendered` on each chart).

use std::fmt::Write as _;

use super::svg::escape;

/// A data table shown under a chart (in a `<details>` block).
#[derive(Debug, Clone, Default)]
pub struct DataTable {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells (already formatted as text).
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    /// Renders the table (cells escaped); numeric columns are right-aligned.
    pub fn render(&self) -> String {
        let numeric: Vec<bool> = (0..self.headers.len())
            .map(|i| {
                let mut cells = self.rows.iter().filter_map(|r| r.get(i));
                cells.clone().next().is_some()
                    && cells.all(|c| c.is_empty() || c.parse::<f64>().is_ok())
            })
            .collect();
        let mut out = String::from("<table class=\"data\"><thead><tr>");
        for (h, num) in self.headers.iter().zip(&numeric) {
            let class = if *num { " class=\"num\"" } else { "" };
            let _ = write!(out, "<th{class}>{}</th>", escape(h));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                let class = if numeric.get(i) == Some(&true) {
                    " class=\"num\""
                } else {
                    ""
                };
                let _ = write!(out, "<td{class}>{}</td>", escape(c));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        out
    }
}

/// A table a section was drawn from, and the files that hold it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataLink {
    /// Table name (`events`).
    pub table: String,
    /// Paths relative to the output folder (`parquet/events.parquet`,
    /// `csv/events/` for partitions, `manifest.json`), each shown as a link
    /// named after its format; empty when the folder lacks the table.
    pub files: Vec<String>,
}

/// One section of the report: a title, a chart (or other HTML), the data
/// table behind it and the files it was drawn from.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Anchor id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// One sentence on how to read it.
    pub note: String,
    /// Trusted HTML (built by the chart builders, which escape their text).
    pub body: String,
    /// The data behind the chart.
    pub table: Option<DataTable>,
    /// Tables the section was drawn from.
    pub sources: Vec<DataLink>,
}

const STYLE: &str = include_str!("style.css");

/// Runs first: records script errors where a headless browser's DOM dump
/// shows them.
const ERRORS_SCRIPT: &str = "window.addEventListener('error',function(e){var d=document.documentElement;d.setAttribute('data-errors',(d.getAttribute('data-errors')||'')+(e.message||'error')+'; ');});";

/// Runs last: counts laid-out chart marks and makes table views sortable.
const PAGE_SCRIPT: &str = include_str!("page.js");

fn render_sources(sources: &[DataLink]) -> String {
    let mut out = String::from("<div class=\"sources\">Data: ");
    for (i, src) in sources.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let _ = write!(out, "<span class=\"tname\">{}</span> ", escape(&src.table));
        if src.files.is_empty() {
            out.push_str("<span class=\"muted\">(not in this folder)</span>");
        }
        for f in &src.files {
            let label = match f.rsplit_once('.') {
                Some((_, ext)) if !ext.contains('/') => ext,
                _ => f.split('/').next().unwrap_or(f),
            };
            let _ = write!(out, "<a href=\"{}\">{label}</a> ", escape(f));
        }
    }
    out.push_str("</div>");
    out
}

/// Renders the whole page.
pub fn page(title: &str, subtitle: &str, sections: &[Section]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><script>{ERRORS_SCRIPT}</script><style>{STYLE}</style></head><body>",
        escape(title)
    );
    let _ = write!(
        out,
        "<header><div class=\"wrap\"><h1>{}</h1><div class=\"sub\">{}</div></div><nav><div class=\"wrap\">",
        escape(title),
        escape(subtitle)
    );
    for s in sections {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a>",
            escape(&s.id),
            escape(&s.title)
        );
    }
    out.push_str("</div></nav></header><main class=\"wrap\">");
    for s in sections {
        let _ = write!(
            out,
            "<section id=\"{}\" class=\"report-section\"><h2>{}</h2>",
            escape(&s.id),
            escape(&s.title)
        );
        if !s.note.is_empty() {
            let _ = write!(out, "<p class=\"note\">{}</p>", escape(&s.note));
        }
        out.push_str(&s.body);
        if let Some(t) = &s.table {
            let _ = write!(
                out,
                "<details><summary>Table view ({} rows)</summary>{}</details>",
                t.rows.len(),
                t.render()
            );
        }
        if !s.sources.is_empty() {
            out.push_str(&render_sources(&s.sources));
        }
        out.push_str("</section>");
    }
    let _ = writeln!(
        out,
        "</main><footer class=\"wrap muted\">Written by gazette. Every figure comes from the tables linked under it; this page needs no network access.</footer><script>{PAGE_SCRIPT}</script></body></html>"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> Section {
        Section {
            id: "ev".into(),
            title: "Events <x>".into(),
            note: "a & b".into(),
            body: "<svg data-marks=\"1\"></svg>".into(),
            table: Some(DataTable {
                headers: vec!["a".into(), "n".into()],
                rows: vec![vec!["<i>".into(), "3".into()]],
            }),
            sources: vec![
                DataLink {
                    table: "events".into(),
                    files: vec!["parquet/events.parquet".into(), "csv/events/".into()],
                },
                DataLink {
                    table: "dyads".into(),
                    files: vec![],
                },
            ],
        }
    }

    #[test]
    fn page_escapes_titles_and_links_sources() {
        let html = page("gazette <run>", "sub", &[section()]);
        assert!(html.contains("Events &lt;x&gt;") && html.contains("gazette &lt;run&gt;"));
        assert!(html.contains("a &amp; b"));
        assert!(html.contains("<td>&lt;i&gt;</td>"));
        assert!(html.contains("href=\"parquet/events.parquet\">parquet</a>"));
        assert!(html.contains("href=\"csv/events/\">csv</a>"));
        assert!(html.contains("dyads</span> <span class=\"muted\">(not in this folder)"));
    }

    #[test]
    fn page_is_self_contained() {
        let html = page("t", "s", &[section()]);
        for external in ["http://", "https://", "<link", " src="] {
            assert!(!html.contains(external), "{external}");
        }
    }

    #[test]
    fn numeric_columns_are_right_aligned() {
        let t = section().table.unwrap().render();
        assert!(t.contains("<th class=\"num\">n</th>") && t.contains("<td class=\"num\">3</td>"));
        assert!(t.contains("<th>a</th>"));
    }

    #[test]
    fn a_page_without_sections_renders() {
        let html = page("t", "s", &[]);
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    }
}
