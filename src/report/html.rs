//! The report page: one self-contained HTML file (styles inline, charts as
//! inline SVG, no script and no network access needed).

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
    /// Renders the table (cells escaped).
    pub fn render(&self) -> String {
        let mut out = String::from("<table><thead><tr>");
        for h in &self.headers {
            let _ = write!(out, "<th>{}</th>", escape(h));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for c in row {
                let _ = write!(out, "<td>{}</td>", escape(c));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        out
    }
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
    /// Tables the section was drawn from (`events` → parquet/csv links).
    pub sources: Vec<String>,
}

const STYLE: &str = r#"
:root { --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#ffffff; --card:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
header { padding: 18px 28px; border-bottom: 1px solid var(--line); background: var(--card); }
header h1 { margin: 0 0 4px; font-size: 22px; }
nav a { margin-right: 14px; color: #0969da; text-decoration: none; font-size: 14px; }
main { max-width: 1100px; margin: 0 auto; padding: 10px 28px 40px; }
section { margin: 26px 0; }
h2 { font-size: 18px; margin: 0 0 4px; }
.note, .muted { color: var(--muted); font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin-top: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 22px; }
svg.chart { display: block; margin: 8px 0; font-size: 11px; }
svg .grid { stroke: #eaeef2; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .label { fill: var(--fg); font-size: 10px; }
svg .edge { stroke: #8c959f; stroke-opacity: .55; }
details { margin-top: 6px; }
summary { cursor: pointer; color: #0969da; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--card); }
.sources { font-size: 12px; color: var(--muted); }
.sources a { color: #0969da; }
blockquote { margin: 6px 0; padding: 4px 10px; border-left: 3px solid var(--line); color: #333; }
.ev { margin: 8px 0; }
.ev .when { font-weight: 600; margin-right: 6px; }
.tag { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 10px; background: #ddf4ff; margin-right: 4px; }
"#;

/// Renders the whole page.
pub fn page(title: &str, subtitle: &str, sections: &[Section]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(title)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1><div class=\"muted\">{}</div><nav>",
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
    out.push_str("</nav></header><main>");
    for s in sections {
        let _ = write!(
            out,
            "<section id=\"{}\" class=\"report-section\"><h2>{}</h2>",
            escape(&s.id),
            escape(&s.title)
        );
        if !s.note.is_empty() {
            let _ = write!(out, "<div class=\"note\">{}</div>", escape(&s.note));
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
            out.push_str("<div class=\"sources\">Data: ");
            for (i, src) in s.sources.iter().enumerate() {
                if i > 0 {
                    out.push_str(" · ");
                }
                let e = escape(src);
                let _ = write!(
                    out,
                    "<a href=\"parquet/{e}.parquet\">{e}.parquet</a> <a href=\"csv/{e}.csv\">csv</a>"
                );
            }
            out.push_str("</div>");
        }
        out.push_str("</section>");
    }
    out.push_str("</main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_escapes_titles_and_links_sources() {
        let s = Section {
            id: "ev".into(),
            title: "Events <x>".into(),
            note: String::new(),
            body: "<svg data-marks=\"1\"></svg>".into(),
            table: Some(DataTable {
                headers: vec!["a".into()],
                rows: vec![vec!["<i>".into()]],
            }),
            sources: vec!["events".into()],
        };
        let html = page("gazette", "run", &[s]);
        assert!(html.contains("Events &lt;x&gt;"));
        assert!(html.contains("&lt;i&gt;"));
        assert!(html.contains("href=\"parquet/events.parquet\""));
        assert!(!html.contains("<script"));
    }
}
