//! HTML pages (`.html`, `.htm`): the article's text, title, date, language
//! and URL, parsed with `scraper` (html5ever, the browsers' parsing rules).
//!
//! The text comes from the page's `<article>` (the longest, when there are
//! several), else `<main>`, else `<body>`: one paragraph per `<p>`,
//! heading, list item or block quote. Pages that keep most of their text in
//! bare `<div>`s fall back to all the text of that element.

mod meta;
mod text;

use encoding_rs::Encoding;
use scraper::node::Element;
use scraper::{ElementRef, Html};

use super::meta::check_size;
use super::{Limits, RawArticle, Reject};

/// Reads one HTML page from its decoded text.
pub fn read(rel: &str, html: &str, limits: Limits) -> Result<RawArticle, Reject> {
    let doc = Html::parse_document(html);
    let root = content_root(&doc);
    let text::Texts { content, all } = text::paragraphs(root);
    // Paragraph elements normally hold most of an article's text; when they
    // hold under a fifth of it, the page keeps its text in bare blocks.
    let body = if content.len() * 5 < all.len() {
        all
    } else {
        content
    };
    if body.trim().is_empty() {
        return Err(Reject::new(
            rel,
            "ingest",
            "empty article: the page has no readable text",
        ));
    }
    check_size(rel, body.len(), limits)?;
    let m = meta::page_meta(&doc, root);
    Ok(RawArticle {
        source: rel.to_string(),
        title: m.title,
        text: body,
        published: m.published,
        lang: m.lang,
        url: m.url,
    })
}

/// The element holding the article: the `<article>` with the most text,
/// else `<main>` (or `role="main"`), else `<body>`, else the whole page.
fn content_root(doc: &Html) -> ElementRef<'_> {
    let mut best_article: Option<(usize, ElementRef<'_>)> = None;
    let (mut main, mut body) = (None, None);
    for e in doc.root_element().descendent_elements() {
        let v = e.value();
        match v.name() {
            "article" => {
                let len: usize = e.text().map(str::len).sum();
                if best_article.is_none_or(|(l, _)| len > l) {
                    best_article = Some((len, e));
                }
            }
            "main" if main.is_none() => main = Some(e),
            "body" if body.is_none() => body = Some(e),
            // `role` is also the local name of SVG's `xlink:role`: the scan
            // only rules out elements without any such attribute
            _ if main.is_none()
                && v.attrs().any(|(k, _)| k == "role")
                && v.attr("role") == Some("main") =>
            {
                main = Some(e)
            }
            _ => {}
        }
    }
    best_article
        .map(|(_, e)| e)
        .or(main)
        .or(body)
        .unwrap_or_else(|| doc.root_element())
}

/// Local names of the attributes the HTML parser puts in a namespace
/// (`xlink:href`, `xml:lang`... on SVG and MathML elements).
const FOREIGN_ATTRIBUTES: &[&str] = &[
    "actuate", "arcrole", "href", "role", "show", "title", "type", "lang", "space", "xmlns",
    "xlink",
];

/// The value of attribute `name`, found by a scan of the element's few
/// attributes: `Element::attr` interns the name as an atom first, which
/// costs more. Only for names no namespaced attribute has as its local name
/// (not those of [`FOREIGN_ATTRIBUTES`]), so that it finds what `attr` finds.
pub(crate) fn plain_attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    debug_assert!(!FOREIGN_ATTRIBUTES.contains(&name), "{name}");
    e.attrs().find_map(|(k, v)| (k == name).then_some(v))
}

/// The encoding a page declares in its first KiB (`<meta charset=...>` or
/// `content="text/html; charset=..."`), used when its bytes are not UTF-8.
pub(crate) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .copied()
        .skip_while(|b| *b == b'"' || *b == b'\'')
        .take_while(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b))
        .collect();
    Encoding::for_label(&label)
}

#[cfg(test)]
mod tests;
