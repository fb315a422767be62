//! Plain-text articles (`.txt`, `.md`): optional YAML front matter
//! (`title`, `date`, `url`, `lang`), then the optional leading header
//! ` date 2024-11 ` that gives the publication month or day, then the text.

use chrono::NaiveDate;

use super::frontmatter::{self, FrontMatter};
use super::meta::{Fields, check_size, metadata_date};
use super::{Limits, RawArticle, Reject};
use crate::document::{DateOrigin, Precision, Published};

/// Reads one text article from its decoded text, which becomes the
/// article's text once the metadata before it is cut off (not copied).
pub fn read(rel: &str, mut text: String, limits: Limits) -> Result<RawArticle, Reject> {
    check_size(rel, text.len(), limits)?;
    let (fields, rest) = match frontmatter::split(&text) {
        FrontMatter::None => (Fields::default(), text.as_str()),
        FrontMatter::Read(fields, body) => (fields, body),
        FrontMatter::Invalid(reason, _) => {
            return Err(Reject::new(
                rel,
                "ingest",
                format!("{reason} (fix the block between the --- lines or remove it)"),
            ));
        }
    };
    let (header, body) = split_header(rest);
    if body.trim().is_empty() {
        return Err(Reject::new(
            rel,
            "ingest",
            "empty article: no text after the header",
        ));
    }
    let [d0, d1] = fields.date;
    let published = d0.or(d1).and_then(|d| metadata_date(&d)).or(header);
    // the body is the end of the text
    let body_start = text.len() - body.len();
    text.drain(..body_start);
    Ok(RawArticle {
        source: rel.to_string(),
        title: fields.title.map(|t| t.trim().to_string()),
        text,
        published,
        lang: fields.lang.map(|l| l.trim().to_string()),
        url: fields.url.map(|u| u.trim().to_string()),
    })
}

/// Splits a leading ` date YYYY-MM[-DD] ` header off the text.
pub fn split_header(text: &str) -> (Option<Published>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date ") else {
        return (None, text);
    };
    let rest = rest.trim_start();
    let token_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    match parse_partial_date(&rest[..token_end]) {
        Some((date, precision)) => (
            Some(Published {
                date,
                precision,
                origin: DateOrigin::Header,
            }),
            rest[token_end..].trim_start(),
        ),
        None => (None, text),
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into its first day and precision.
pub fn parse_partial_date(s: &str) -> Option<(NaiveDate, Precision)> {
    let parts: Vec<&str> = s.split('-').collect();
    // Digits only: `str::parse` would also take a sign (`+202`).
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, 1, 1)?,
            Precision::Year,
        )),
        [y, m] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?,
            Precision::Month,
        )),
        [y, m, d] if y.len() == 4 => Some((
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?,
            Precision::Day,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, file text, expected text, title, published as (date, precision, origin))
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<(&'static str, Precision, DateOrigin)>,
    );

    const ARTICLES: &[Case] = &[
        (
            "seed-style month header",
            " date 2024-11 Une délégation russe est arrivée à Bamako.",
            "Une délégation russe est arrivée à Bamako.",
            None,
            Some(("2024-11-01", Precision::Month, DateOrigin::Header)),
        ),
        (
            "front matter wins over header",
            "---\ntitle: Talks in Geneva\ndate: 2023-02-14T09:30:00+01:00\n---\n date 2023-02 The talks resumed.\n",
            "The talks resumed.\n",
            Some("Talks in Geneva"),
            Some(("2023-02-14", Precision::Day, DateOrigin::Metadata)),
        ),
        (
            "front matter without date, then header",
            "---\ntitle: Sommet\n---\ndate 2022 Le sommet s'est ouvert.",
            "Le sommet s'est ouvert.",
            Some("Sommet"),
            Some(("2022-01-01", Precision::Year, DateOrigin::Header)),
        ),
        (
            "plain english",
            "The ministry said on Monday it would respond.",
            "The ministry said on Monday it would respond.",
            None,
            None,
        ),
    ];

    #[test]
    fn reads_text_articles() {
        for (name, input, text, title, published) in ARTICLES {
            let a = read("a.txt", input.to_string(), Limits::default()).unwrap();
            assert_eq!(a.text, *text, "case {name}");
            assert_eq!(a.title.as_deref(), *title, "case {name}");
            let want = published.map(|(d, precision, origin)| Published {
                date: d.parse().unwrap(),
                precision,
                origin,
            });
            assert_eq!(a.published, want, "case {name}");
            assert_eq!(a.source, "a.txt");
        }
    }

    #[test]
    fn rejects_empty_oversize_and_bad_front_matter() {
        let small = Limits {
            max_article_bytes: 20,
        };
        let cases = [
            ("blank", "  \n\t\n", Limits::default(), "empty"),
            ("header only", " date 2024-11 ", Limits::default(), "empty"),
            (
                "oversize",
                "Un article bien trop long pour la limite.",
                small,
                "bytes",
            ),
            (
                "bad yaml",
                "---\ntitle: [\n---\nTexte.",
                Limits::default(),
                "YAML",
            ),
        ];
        for (name, input, limits, reason) in cases {
            let r = read("a.txt", input.to_string(), limits).unwrap_err();
            assert!(r.reason.contains(reason), "case {name}: {r:?}");
        }
    }

    #[test]
    fn month_header_is_split_off() {
        let (p, body) = split_header(" date 2024-11 Une forte délégation");
        let p = p.unwrap();
        assert_eq!(p.date, NaiveDate::from_ymd_opt(2024, 11, 1).unwrap());
        assert_eq!(p.precision, Precision::Month);
        assert_eq!(body, "Une forte délégation");
    }

    #[test]
    fn no_header_keeps_text() {
        let (p, body) = split_header("La Russie compte");
        assert!(p.is_none());
        assert_eq!(body, "La Russie compte");
    }

    #[test]
    fn a_word_date_is_not_a_header() {
        let (p, _) = split_header("date limite dépassée");
        assert!(p.is_none());
    }
}
