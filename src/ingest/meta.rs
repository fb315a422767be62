//! Article metadata shared by every format: the field names records use
//! (`id`, `url`, `title`, `text`/`body`/`content`, `date`/`published`,
//! `lang`), the dates they hold, and the step from fields to a [`RawArticle`].

use chrono::{DateTime, NaiveDate};

use super::txt::parse_partial_date;
use super::{Limits, RawArticle, Reject};
use crate::document::{DateOrigin, Precision, Published};

/// Fields of one record (JSON object, CSV row, YAML front matter).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Fields {
    /// `id`.
    pub id: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `text`, `body`, `content`, in that order of preference.
    pub text: [Option<String>; 3],
    /// `date`, `published`, in that order of preference.
    pub date: [Option<String>; 2],
    /// `lang` (or `language`).
    pub lang: Option<String>,
}

/// Where a field goes in [`Fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    Id,
    Url,
    Title,
    Text(usize),
    Date(usize),
    Lang,
}

impl Slot {
    /// The slot of a field name (ASCII case and surrounding spaces ignored).
    pub fn of(name: &str) -> Option<Slot> {
        let name = name.trim();
        let is = |s: &str| name.eq_ignore_ascii_case(s);
        Some(match () {
            _ if is("id") => Slot::Id,
            _ if is("url") => Slot::Url,
            _ if is("title") => Slot::Title,
            _ if is("text") => Slot::Text(0),
            _ if is("body") => Slot::Text(1),
            _ if is("content") => Slot::Text(2),
            _ if is("date") => Slot::Date(0),
            _ if is("published") => Slot::Date(1),
            _ if is("lang") || is("language") => Slot::Lang,
            _ => return None,
        })
    }
}

impl Fields {
    /// Stores a value; blank values count as absent.
    pub fn set(&mut self, slot: Slot, value: String) {
        if value.trim().is_empty() {
            return;
        }
        let v = Some(value);
        match slot {
            Slot::Id => self.id = v,
            Slot::Url => self.url = v,
            Slot::Title => self.title = v,
            Slot::Text(i) => self.text[i] = v,
            Slot::Date(i) => self.date[i] = v,
            Slot::Lang => self.lang = v,
        }
    }

    /// Reads the known fields of a JSON object; scalars become strings, a
    /// text given as an array of strings becomes one paragraph per line.
    pub fn from_json(obj: serde_json::Map<String, serde_json::Value>) -> Fields {
        let mut f = Fields::default();
        for (key, value) in obj {
            let Some(slot) = Slot::of(&key) else { continue };
            let value = match value {
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Array(items) if matches!(slot, Slot::Text(_)) => items
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => continue,
            };
            f.set(slot, value);
        }
        f
    }

    /// Builds the article. `source` names it when it has no `id` or `url`;
    /// `at` names the record in rejects (`FILE#LINE`).
    pub fn into_article(
        self,
        source: &str,
        at: &str,
        limits: Limits,
    ) -> Result<RawArticle, Reject> {
        let [t0, t1, t2] = self.text;
        let Some(text) = t0.or(t1).or(t2) else {
            return Err(Reject::new(
                at,
                "ingest",
                "record has no text (no non-empty text, body or content field)",
            ));
        };
        check_size(at, text.len(), limits)?;
        let [d0, d1] = self.date;
        let published = d0.or(d1).and_then(|d| metadata_date(&d));
        Ok(RawArticle {
            source: self
                .id
                .clone()
                .or_else(|| self.url.clone())
                .unwrap_or_else(|| source.to_string()),
            title: self.title.map(|t| t.trim().to_string()),
            text,
            published,
            lang: self.lang.map(|l| l.trim().to_string()),
            url: self.url.map(|u| u.trim().to_string()),
        })
    }
}

/// Rejects an article over [`Limits::max_article_bytes`], with its size.
pub(crate) fn check_size(at: &str, len: usize, limits: Limits) -> Result<(), Reject> {
    if len > limits.max_article_bytes {
        return Err(Reject::new(
            at,
            "ingest",
            too_big("article", len as u64, limits),
        ));
    }
    Ok(())
}

/// Why `what` (an article, a record) of `len` bytes is refused.
pub(crate) fn too_big(what: &str, len: u64, limits: Limits) -> String {
    format!(
        "{what} is {len} bytes, over the {}-byte limit ([prepare] max_article_bytes)",
        limits.max_article_bytes
    )
}

/// A publication date given by metadata, or `None` when it cannot be read.
pub(crate) fn metadata_date(s: &str) -> Option<Published> {
    parse_metadata_date(s).map(|(date, precision)| Published {
        date,
        precision,
        origin: DateOrigin::Metadata,
    })
}

/// Reads the date forms metadata uses: `2024`, `2024-11`, `2024-11-28`,
/// ISO 8601 / RFC 3339 date-times (`2024-11-28T10:00:00Z`, `2024-11-28
/// 10:00`), RFC 2822 (`Thu, 28 Nov 2024 10:00:00 +0100`), `20241128`, and
/// Unix timestamps in seconds or milliseconds.
///
/// A date-time keeps the calendar date it is written with, whatever its UTC
/// offset: that is the publisher's local date, the one printed on the article.
pub(crate) fn parse_metadata_date(s: &str) -> Option<(NaiveDate, Precision)> {
    let s = s.trim();
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.len() {
            4 => parse_partial_date(s),
            8 => NaiveDate::parse_from_str(s, "%Y%m%d")
                .ok()
                .map(|d| (d, Precision::Day)),
            9..=11 => unix_date(s.parse().ok()?),
            12..=14 => unix_date(s.parse::<i64>().ok()? / 1000),
            _ => None,
        };
    }
    if let Some(d) = parse_partial_date(s) {
        return Some(d);
    }
    if let (Some(day), Some(rest)) = (s.get(..10), s.get(10..))
        && let Some((date, Precision::Day)) = parse_partial_date(day)
        && looks_like_time(rest)
    {
        return Some((date, Precision::Day));
    }
    DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| (d.date_naive(), Precision::Day))
}

/// `T10:00:00Z`, ` 10:00`, `t10:00:00.123+01:00`: a separator, then a time.
fn looks_like_time(rest: &str) -> bool {
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return false;
    };
    let time = time.trim_start();
    time.len() >= 4
        && time.as_bytes()[0].is_ascii_digit()
        && time
            .bytes()
            .all(|b| b.is_ascii_digit() || b":.,+-Zz ".contains(&b))
}

fn unix_date(secs: i64) -> Option<(NaiveDate, Precision)> {
    DateTime::from_timestamp(secs, 0).map(|d| (d.date_naive(), Precision::Day))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, metadata value, expected first day and precision)
    type Case = (
        &'static str,
        &'static str,
        Option<(&'static str, Precision)>,
    );

    const DATES: &[Case] = &[
        ("year", "2024", Some(("2024-01-01", Precision::Year))),
        ("month", "2024-11", Some(("2024-11-01", Precision::Month))),
        ("day", "2024-11-28", Some(("2024-11-28", Precision::Day))),
        (
            "rfc 3339 utc",
            "2024-11-28T10:00:00Z",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "rfc 3339 late with offset keeps the local date",
            "2024-11-28T23:30:00-05:00",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "iso with fraction",
            "2024-11-28T10:00:00.123+0100",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "space separated",
            "2024-11-28 10:00",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "rfc 2822",
            "Thu, 28 Nov 2024 10:00:00 +0100",
            Some(("2024-11-28", Precision::Day)),
        ),
        ("compact", "20241128", Some(("2024-11-28", Precision::Day))),
        (
            "unix seconds",
            "1732788000",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "unix millis",
            "1732788000000",
            Some(("2024-11-28", Precision::Day)),
        ),
        (
            "spaces",
            "  2024-11  ",
            Some(("2024-11-01", Precision::Month)),
        ),
        ("month 13", "2024-13", None),
        ("day 31 nov", "2024-11-31", None),
        ("french words", "28 novembre 2024", None),
        ("garbage after day", "2024-11-28 hier", None),
        ("empty", "", None),
        ("short number", "24", None),
    ];

    #[test]
    fn metadata_dates() {
        for (name, input, want) in DATES {
            let got = parse_metadata_date(input);
            let want = want.map(|(d, p)| (d.parse::<NaiveDate>().unwrap(), p));
            assert_eq!(got, want, "case {name}: {input:?}");
        }
    }

    #[test]
    fn slots_ignore_case_and_prefer_text() {
        let obj = serde_json::json!({
            "ID": 42, "Content": "contenu", "text": "Le texte.", "published": "2024-11",
            "Title": " Un titre ", "lang": "fr", "extra": true
        });
        let serde_json::Value::Object(map) = obj else {
            unreachable!()
        };
        let a = Fields::from_json(map)
            .into_article("f.jsonl#1", "f.jsonl#1", Limits::default())
            .unwrap();
        assert_eq!(a.source, "42");
        assert_eq!(a.text, "Le texte.");
        assert_eq!(a.title.as_deref(), Some("Un titre"));
        assert_eq!(a.published.unwrap().precision, Precision::Month);
        assert_eq!(a.published.unwrap().origin, DateOrigin::Metadata);
    }

    #[test]
    fn source_falls_back_to_url_then_location() {
        let cases = [
            (
                r#"{"url": "https://ex.com/a", "body": "Body."}"#,
                "https://ex.com/a",
            ),
            (r#"{"body": "Corps du texte."}"#, "f.json#3"),
            (
                r#"{"id": "a1", "url": "u", "text": ["Un.", "Deux."]}"#,
                "a1",
            ),
        ];
        for (json, want) in cases {
            let serde_json::Value::Object(map) = serde_json::from_str(json).unwrap() else {
                unreachable!()
            };
            let a = Fields::from_json(map)
                .into_article("f.json#3", "f.json#3", Limits::default())
                .unwrap();
            assert_eq!(a.source, want, "{json}");
        }
    }

    #[test]
    fn no_text_and_oversize_are_rejected() {
        let limits = Limits {
            max_article_bytes: 10,
        };
        let mut f = Fields::default();
        f.set(Slot::Title, "Titre".into());
        let r = f.clone().into_article("s", "f#2", limits).unwrap_err();
        assert!(r.reason.contains("no text"), "{r:?}");
        assert_eq!(r.source, "f#2");
        f.set(Slot::Text(0), "Un texte beaucoup trop long.".into());
        let r = f.into_article("s", "f#2", limits).unwrap_err();
        assert!(r.reason.contains("28 bytes"), "{r:?}");
    }
}
