//! Metadata of an HTML page: title, publication date, language and URL,
//! from the `<meta>` and `<link>` tags publishers and their CMSs write
//! (Open Graph, Dublin Core, schema.org microdata and JSON-LD).

use scraper::{ElementRef, Html};

use super::plain_attr;
use super::text::collapsed;
use crate::document::Published;
use crate::ingest::meta::metadata_date;

/// `<meta>` keys (`property`, `name` or `itemprop`, lower-cased) that give
/// the publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "pubdate",
];

/// What the page says about itself.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<Published>,
    pub lang: Option<String>,
    pub url: Option<String>,
}

/// Reads the page's metadata; `content` is the element the text comes
/// from (its `<h1>` and `<time>` are preferred to the rest of the page's).
pub(crate) fn page_meta(doc: &Html, content: ElementRef<'_>) -> PageMeta {
    let mut metas: Vec<(String, String)> = Vec::new();
    let (mut title, mut canonical, mut ld_dates) = (None, None, Vec::new());
    let mut itemprop_dates = Vec::new();
    for e in doc.root_element().descendent_elements() {
        let v = e.value();
        match v.name() {
            "meta" => {
                let key = plain_attr(v, "property")
                    .or_else(|| plain_attr(v, "name"))
                    .or_else(|| plain_attr(v, "itemprop"))
                    .or_else(|| plain_attr(v, "http-equiv"));
                if let (Some(k), Some(c)) = (key, plain_attr(v, "content")) {
                    metas.push((k.trim().to_ascii_lowercase(), c.trim().to_string()));
                }
            }
            "title" if title.is_none() && !inside(e, "svg") => title = Some(collapsed(e)),
            "link" if canonical.is_none() => {
                let rel = plain_attr(v, "rel").unwrap_or_default();
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    canonical = v.attr("href").map(str::to_string);
                }
            }
            "script" if v.attr("type").is_some_and(|t| t.contains("ld+json")) => {
                let json: String = e.text().collect();
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                    json_ld_dates(&value, &mut ld_dates, 0);
                }
            }
            _ => {
                if plain_attr(v, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datepublished"))
                {
                    let when = plain_attr(v, "datetime").or_else(|| plain_attr(v, "content"));
                    itemprop_dates.push(when.map_or_else(|| collapsed(e), str::to_string));
                }
            }
        }
    }
    let meta = |key: &str| {
        metas
            .iter()
            .find(|(k, c)| k == key && !c.is_empty())
            .map(|(_, c)| c.clone())
    };
    let h1 = || {
        content
            .descendent_elements()
            .chain(doc.root_element().descendent_elements())
            .find(|e| e.value().name() == "h1")
            .map(collapsed)
    };
    let times = time_datetimes(content);
    let published = DATE_KEYS
        .iter()
        .filter_map(|k| meta(k))
        .chain(itemprop_dates)
        .chain(ld_dates)
        .chain(times)
        .find_map(|d| metadata_date(&d));
    let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    PageMeta {
        title: nonempty(meta("og:title"))
            .or_else(|| nonempty(title))
            .or_else(|| nonempty(h1())),
        published,
        lang: nonempty(doc.root_element().value().attr("lang").map(str::to_string))
            .or_else(|| nonempty(meta("og:locale")))
            .or_else(|| nonempty(meta("content-language"))),
        url: nonempty(canonical).or_else(|| nonempty(meta("og:url"))),
    }
}

fn inside(e: ElementRef<'_>, name: &str) -> bool {
    e.ancestors()
        .any(|a| a.value().as_element().is_some_and(|a| a.name() == name))
}

/// `<time datetime>` values inside the content, those marked `pubdate` first.
fn time_datetimes(content: ElementRef<'_>) -> Vec<String> {
    let mut times: Vec<(bool, String)> = content
        .descendent_elements()
        .filter(|e| e.value().name() == "time")
        .filter_map(|e| {
            let v = e.value();
            plain_attr(v, "datetime").map(|d| (plain_attr(v, "pubdate").is_none(), d.to_string()))
        })
        .collect();
    times.sort_by_key(|(not_pubdate, _)| *not_pubdate);
    times.into_iter().map(|(_, d)| d).collect()
}

/// `datePublished` values anywhere in a JSON-LD block (objects, `@graph`
/// arrays), in document order.
fn json_ld_dates(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match v {
                    serde_json::Value::String(s) if k == "datePublished" => out.push(s.clone()),
                    _ => json_ld_dates(v, out, depth + 1),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for i in items {
                json_ld_dates(i, out, depth + 1);
            }
        }
        _ => {}
    }
}
