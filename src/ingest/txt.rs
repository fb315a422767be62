//! Plain-text articles (`.txt`, `.md`) with the optional leading header
//! ` date 2024-11 ` that gives the publication month or day.

use chrono::NaiveDate;

use super::{Limits, RawArticle, Reject};
use crate::document::{DateOrigin, Precision, Published};

/// Reads one text article.
pub fn read(rel: &str, bytes: &[u8], limits: Limits) -> Result<RawArticle, Reject> {
    if bytes.len() > limits.max_article_bytes {
        return Err(Reject::new(
            rel,
            "ingest",
            format!(
                "article is {} bytes, over the {}-byte limit ([prepare] max_article_bytes)",
                bytes.len(),
                limits.max_article_bytes
            ),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Reject::new(rel, "decode", format!("not valid UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (published, body) = split_header(text);
    if body.trim().is_empty() {
        return Err(Reject::new(
            rel,
            "ingest",
            "empty article: no text after the header",
        ));
    }
    Ok(RawArticle {
        source: rel.to_string(),
        title: None,
        text: body.to_string(),
        published,
        lang: None,
        url: None,
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
    let num = |p: &str| p.parse::<u32>().ok();
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
