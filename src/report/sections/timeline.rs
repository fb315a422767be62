//! The timeline section: a dot strip of dated events per day and quad
//! class, then the latest events with their evidence, trigger highlighted.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::super::data::{QUADS, ReportData, TimelineRow};
use super::super::html::{DataTable, Section};
use super::super::svg::{StripPoint, dot_strip, escape};
use super::{QUAD_COLOURS, clip, quad_colour, quad_label, sources};

fn day_number(date: &str) -> Option<f64> {
    let d = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some(d.num_days_from_ce() as f64)
}

fn from_day_number(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

/// Axis ticks covering `[min, max]` (day numbers): days, month starts or
/// year starts, whichever gives at most about eight ticks. The first and
/// last ticks bound the axis.
pub fn date_ticks(min: f64, max: f64) -> Vec<(f64, String)> {
    let (lo, hi) = (min.floor() as i64 - 1, max.ceil() as i64 + 1);
    let span = hi - lo;
    let mut ticks = Vec::new();
    if span <= 45 {
        let step = (span / 7).max(1);
        let mut d = lo;
        while d < hi + step {
            if let Some(date) = from_day_number(d) {
                ticks.push((d as f64, date.format("%d %b %Y").to_string()));
            }
            d += step;
        }
        return ticks;
    }
    let (Some(start), Some(end)) = (from_day_number(lo), from_day_number(hi)) else {
        return ticks;
    };
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1;
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= 8)
        .unwrap_or(240);
    let (mut y, mut m) = (start.year(), start.month() as i32);
    if step >= 12 {
        m = 1;
    } else {
        m -= (m - 1) % step;
    }
    while let Some(date) = NaiveDate::from_ymd_opt(y, m as u32, 1) {
        let label = if step >= 12 {
            date.format("%Y").to_string()
        } else {
            date.format("%b %Y").to_string()
        };
        ticks.push((date.num_days_from_ce() as f64, label));
        if date > end {
            break;
        }
        m += step;
        y += (m - 1) / 12;
        m = (m - 1) % 12 + 1;
    }
    ticks
}

/// The evidence with the first occurrence of the trigger marked.
fn highlight(evidence: &str, trigger: &str) -> String {
    let evidence = clip(evidence, 600);
    match (!trigger.is_empty())
        .then(|| evidence.find(trigger))
        .flatten()
    {
        Some(i) => format!(
            "{}<mark>{}</mark>{}",
            escape(&evidence[..i]),
            escape(trigger),
            escape(&evidence[i + trigger.len()..])
        ),
        None => escape(&evidence),
    }
}

fn event_item(r: &TimelineRow) -> String {
    let mut when = escape(&r.date);
    if r.date_origin == "publication" {
        when.push_str("<small>publication date</small>");
    } else if let Some(v) = r.date_value.as_deref().filter(|v| *v != r.date) {
        let _ = write!(when, "<small>{}</small>", escape(v));
    }
    let who = match (&r.source, &r.target) {
        (Some(s), Some(t)) => format!("{} → {}", escape(s), escape(t)),
        (Some(s), None) => escape(s),
        (None, Some(t)) => format!("→ {}", escape(t)),
        (None, None) => "<span class=\"muted\">no actor found</span>".into(),
    };
    let reports = if r.n_reports > 1 {
        format!(" <span class=\"muted\">· {} articles</span>", r.n_reports)
    } else {
        String::new()
    };
    let status = if r.status == "asserted" {
        String::new()
    } else {
        format!("<span class=\"tag\">{}</span>", escape(&r.status))
    };
    // dark text on the light (verbal) colours, white on the dark ones
    let ink = if r.quad_class.starts_with("material") {
        "#fff"
    } else {
        "#1f2328"
    };
    format!(
        "<li><div class=\"when\">{when}</div><div><div class=\"who\"><span class=\"tag\" style=\"background:{};color:{ink}\">{}</span>{status}{who}{reports}</div><p class=\"evidence\">{}</p></div></li>",
        quad_colour(&r.quad_class),
        escape(&r.event_type),
        highlight(&r.evidence, &r.trigger)
    )
}

/// Dated events: a strip chart of all of them, the latest listed.
pub fn timeline(data: &ReportData) -> Section {
    let t = &data.timeline;
    let lanes: Vec<(String, String)> = QUADS
        .iter()
        .zip(QUAD_COLOURS)
        .map(|(q, c)| (quad_label(q), c.to_string()))
        .collect();
    let points: Vec<StripPoint> = t
        .daily
        .iter()
        .filter_map(|(date, quad, n)| {
            Some(StripPoint {
                x: day_number(date)?,
                lane: QUADS.iter().position(|q| q == quad)?,
                size: *n as f64,
                label: format!("{date} · {}: {n}", quad_label(quad)),
            })
        })
        .collect();
    let (min, max) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
    let ticks = if points.is_empty() {
        Vec::new()
    } else {
        date_ticks(min, max)
    };
    let mut body = dot_strip(&lanes, &points, &ticks, "dated events per day");
    if !t.rows.is_empty() {
        body.push_str("<ul class=\"events\">");
        for r in &t.rows {
            body.push_str(&event_item(r));
        }
        body.push_str("</ul>");
    }
    let mut note = String::from(
        "Events by date (dot size: event reports that day), then the latest events with \
         the sentence part that states them (trigger highlighted). Near-duplicate \
         articles are left out.",
    );
    if t.by_publication && t.n_dated > 0 {
        note.push_str(" No event carries a date of its own: events are placed at their article's publication date.");
    }
    let listed: i64 = t.rows.iter().map(|r| r.n_reports).sum();
    if t.n_dated > listed {
        let _ = write!(
            note,
            " Listing the latest {} events ({listed} of {} dated reports; an event told \
             by several articles is listed once).",
            t.rows.len(),
            t.n_dated
        );
    }
    Section {
        id: "timeline".into(),
        title: "Timeline".into(),
        note,
        body,
        table: Some(DataTable {
            headers: [
                "date", "type", "status", "source", "target", "trigger", "articles",
            ]
            .map(String::from)
            .to_vec(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    vec![
                        r.date.clone(),
                        r.event_type.clone(),
                        r.status.clone(),
                        r.source.clone().unwrap_or_default(),
                        r.target.clone().unwrap_or_default(),
                        r.trigger.clone(),
                        r.n_reports.to_string(),
                    ]
                })
                .collect(),
        }),
        sources: sources(data, "timeline", &["events", "articles"]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::data::Timeline;
    use super::super::super::svg::marks;
    use super::*;

    fn row(date: &str, evidence: &str, trigger: &str) -> TimelineRow {
        TimelineRow {
            date: date.into(),
            date_origin: "event".into(),
            event_type: "CONSULT".into(),
            quad_class: "verbal_cooperation".into(),
            status: "asserted".into(),
            source: Some("Mali".into()),
            target: Some("<Russie>".into()),
            trigger: trigger.into(),
            evidence: evidence.into(),
            ..Default::default()
        }
    }

    #[test]
    fn evidence_is_escaped_and_the_trigger_marked() {
        let data = ReportData {
            timeline: Timeline {
                rows: vec![row(
                    "2024-11-28",
                    "Le <b>ministre</b> a rencontré X.",
                    "a rencontré",
                )],
                daily: vec![("2024-11-28".into(), "verbal_cooperation".into(), 1)],
                n_dated: 1,
                by_publication: false,
            },
            ..Default::default()
        };
        let s = timeline(&data);
        assert_eq!(marks(&s.body), 1);
        assert!(
            s.body
                .contains("Le &lt;b&gt;ministre&lt;/b&gt; <mark>a rencontré</mark> X.")
        );
        assert!(s.body.contains("Mali → &lt;Russie&gt;"));
        assert!(!s.body.contains("<b>"));
    }

    #[test]
    fn a_missing_trigger_is_not_marked() {
        assert_eq!(highlight("He met them.", "rencontre"), "He met them.");
        assert_eq!(highlight("a & b", ""), "a &amp; b");
    }

    #[test]
    fn no_dated_event_says_so() {
        let s = timeline(&ReportData::default());
        assert_eq!(marks(&s.body), 0);
        assert!(s.body.contains("no dated events"));
    }

    #[test]
    fn ticks_bound_every_span() {
        for (a, b) in [
            ("2024-11-28", "2024-11-28"),
            ("2024-11-01", "2024-12-20"),
            ("2019-03-02", "2024-11-28"),
        ] {
            let (x, y) = (day_number(a).unwrap(), day_number(b).unwrap());
            let t = date_ticks(x, y);
            assert!(t.len() >= 2 && t.len() <= 10, "{a}..{b}: {t:?}");
            assert!(t[0].0 <= x && t[t.len() - 1].0 >= y, "{a}..{b}: {t:?}");
        }
    }
}
