//! The file formats of a generated corpus, as gazette reads them: plain text
//! with the ` date YYYY-MM-DD ` header or YAML front matter, HTML pages,
//! JSON Lines feeds and CSV exports (optionally gzipped).

use std::io::Write;

use anyhow::Result;
use fastrand::Rng;
use flate2::Compression;
use flate2::write::GzEncoder;

use super::article::Article;
use super::data::{Data, LANGS};

/// Where the article came from: its number in the corpus and its URL.
#[derive(Debug, Clone)]
pub struct Meta {
    /// Article number (0-based) in the corpus.
    pub index: usize,
    /// Stable id (`articles.source` for records).
    pub id: String,
    /// Its URL.
    pub url: String,
}

/// Builds the URL of an article.
pub fn url(a: &Article, index: usize) -> String {
    format!(
        "https://{}/{}/{}-{index}.html",
        a.site,
        a.published.format("%Y/%m"),
        a.slug
    )
}

fn body(a: &Article, sep: &str) -> String {
    a.paragraphs.join(sep)
}

/// A `.txt` file: seed-style header, front matter or bare text, chosen by `rng`.
pub fn txt(a: &Article, m: &Meta, rng: &mut Rng) -> String {
    let sep = if rng.bool() { "\n\n" } else { "\n" };
    let x = rng.f64();
    let mut out = String::with_capacity(a.paragraphs.iter().map(String::len).sum::<usize>() + 256);
    if x < 0.45 {
        // As in the seeds: " date 2024-11 " then the first paragraph, same line.
        let date = if rng.f64() < 0.7 {
            a.published.format("%Y-%m-%d")
        } else {
            a.published.format("%Y-%m")
        };
        out.push_str(&format!(" date {date} "));
    } else if x < 0.8 {
        out.push_str("---\n");
        out.push_str(&format!("title: {}\n", json_str(&a.title)));
        out.push_str(&format!("date: {}\n", a.published.format("%Y-%m-%d")));
        if rng.f64() < 0.7 {
            out.push_str(&format!("url: {}\n", m.url));
        }
        if rng.f64() < 0.6 {
            out.push_str(&format!("lang: {}\n", LANGS[a.lang]));
        }
        out.push_str("---\n\n");
    } else if rng.bool() {
        out.push_str(&a.title);
        out.push_str("\n\n");
    }
    out.push_str(&body(a, sep));
    out.push('\n');
    out
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// An HTML page with navigation, scripts, an `<article>` and a footer.
pub fn html(a: &Article, m: &Meta, data: &Data, rng: &mut Rng) -> String {
    let lang = &data.langs[a.lang];
    let pick = |v: &[String], rng: &mut Rng| -> String {
        if v.is_empty() {
            String::new()
        } else {
            html_escape(&v[rng.usize(..v.len())])
        }
    };
    let title = html_escape(&a.title);
    let time = format!(
        "{}T{:02}:{:02}:00+00:00",
        a.published,
        rng.u32(5..=22),
        rng.u32(0..60)
    );
    let mut s = String::with_capacity(a.paragraphs.iter().map(String::len).sum::<usize>() + 2048);
    s.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} | {site}</title>\n\
         <meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"article:published_time\" content=\"{time}\">\n\
         <link rel=\"canonical\" href=\"{url}\">\n\
         <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{'page': 'article'}});</script>\n\
         <style>body {{ font-family: Georgia, serif; }} .ad {{ display: none; }}</style>\n\
         </head>\n<body>\n<header><nav>",
        code = LANGS[a.lang],
        site = a.site,
        url = m.url,
    ));
    for label in &lang.nav {
        s.push_str(&format!(
            "<a href=\"/{}\">{}</a> ",
            crate::synth::article::slugify(label),
            html_escape(label)
        ));
    }
    s.push_str("</nav></header>\n<main>\n<article>\n");
    s.push_str(&format!(
        "<h1>{title}</h1>\n<time datetime=\"{time}\">{}</time>\n",
        a.published
    ));
    for p in &a.paragraphs {
        s.push_str("<p>");
        s.push_str(&html_escape(p));
        s.push_str("</p>\n");
    }
    s.push_str("</article>\n<aside class=\"related\"><h2>");
    s.push_str(&pick(&lang.related, rng));
    s.push_str("</h2><ul><li><a href=\"/\">…</a></li></ul></aside>\n");
    s.push_str("<div class=\"ad\"></div>\n</main>\n<footer><p>© ");
    s.push_str(&format!("{} {}. ", a.published.format("%Y"), a.site));
    s.push_str(&pick(&lang.footer, rng));
    s.push_str("</p></footer>\n<script src=\"/static/app.js\" async></script>\n</body>\n</html>\n");
    s
}

/// Field names of a JSON Lines feed (they vary between feeds, as in the wild).
#[derive(Debug, Clone, Copy)]
pub struct JsonKeys {
    /// `text`, `body` or `content`.
    pub text: &'static str,
    /// `date` or `published`.
    pub date: &'static str,
    /// Whether records carry an `id`.
    pub with_id: bool,
}

impl JsonKeys {
    /// Draws the field names of one feed.
    pub fn draw(rng: &mut Rng) -> Self {
        const TEXT: [&str; 4] = ["text", "text", "body", "content"];
        const DATE: [&str; 3] = ["date", "date", "published"];
        JsonKeys {
            text: TEXT[rng.usize(..TEXT.len())],
            date: DATE[rng.usize(..DATE.len())],
            with_id: rng.f64() < 0.8,
        }
    }
}

/// One JSON Lines record (without the newline).
pub fn jsonl_record(a: &Article, m: &Meta, keys: JsonKeys, rng: &mut Rng) -> String {
    let mut obj = serde_json::Map::new();
    if keys.with_id {
        obj.insert("id".into(), m.id.clone().into());
    }
    obj.insert("url".into(), m.url.clone().into());
    obj.insert("title".into(), a.title.clone().into());
    let date = if rng.f64() < 0.3 {
        format!(
            "{}T{:02}:{:02}:00Z",
            a.published,
            rng.u32(5..=22),
            rng.u32(0..60)
        )
    } else {
        a.published.to_string()
    };
    obj.insert(keys.date.into(), date.into());
    obj.insert("lang".into(), LANGS[a.lang].into());
    obj.insert(keys.text.into(), body(a, "\n\n").into());
    serde_json::Value::Object(obj).to_string()
}

/// A CSV export of several articles (header id,url,title,date,lang,text;
/// every field quoted, as RFC 4180 allows, so newlines and commas are safe).
pub fn csv(rows: &[super::Item]) -> Vec<u8> {
    let field = csv_field;
    let mut out = String::from("id,url,title,date,lang,text\r\n");
    for it in rows {
        let (a, m) = (&it.article, &it.meta);
        field(&mut out, &m.id, false);
        field(&mut out, &m.url, false);
        field(&mut out, &a.title, false);
        field(&mut out, &a.published.to_string(), false);
        field(&mut out, LANGS[a.lang], false);
        field(&mut out, &body(a, "\n\n"), true);
    }
    out.into_bytes()
}

/// Appends one quoted CSV field and its separator (or the end of the row).
pub fn csv_field(out: &mut String, s: &str, last: bool) {
    out.push('"');
    out.push_str(&s.replace('"', "\"\""));
    out.push('"');
    out.push_str(if last { "\r\n" } else { "," });
}

/// Gzips `bytes` (fast level: the corpus is for benchmarks).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut e = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::fast());
    e.write_all(bytes)?;
    Ok(e.finish()?)
}
