//! What the text itself says about when it was written.
//!
//! - The publication month, when the input gave no date: the latest day or
//!   month the text dates fully (a written year, or a weekday fixing the
//!   year), leaving out sentences in the future tense, future expressions
//!   (`prochain`) and dates whose written weekday contradicts them. Only the
//!   month is claimed: an article usually appears within days of the latest
//!   event it dates, but not necessarily on that day.
//! - The year around which a weekday fixes a year: the latest year written
//!   outside future-tense sentences.
//! - With a month-precision publication, the context day of weekday and
//!   week expressions: the nearest preceding dated day within that month,
//!   not in the future.

use chrono::{Datelike, NaiveDate};

use crate::document::{Anchor, DateMention, DateOrigin, Granularity, Precision, Published};

use super::expr::Expr;
use super::resolve::{Reference, resolve};
use super::tense::Tense;

/// Longest period (in days) still precise enough to date a publication.
const MAX_SPAN_DAYS: i64 = 31;

/// True when `prochain`/`next` or a future tense places `e` after the
/// publication: such dates date neither the article nor the context.
pub(crate) fn is_future(e: &Expr, tense: Option<Tense>) -> bool {
    e.dir.is_some_and(|d| d > 0) || tense == Some(Tense::Future)
}

/// The latest year written in the text outside future contexts.
pub(crate) fn latest_written_year(exprs: &[Expr], tenses: &[Option<Tense>]) -> Option<i32> {
    exprs
        .iter()
        .zip(tenses)
        .filter(|(e, t)| !is_future(e, **t))
        .flat_map(|(e, _)| [e.a.year, e.b.and_then(|b| b.year)])
        .flatten()
        .max()
}

/// The publication month implied by the text, if any.
pub(crate) fn published(
    exprs: &[Expr],
    tenses: &[Option<Tense>],
    weekday_year: Option<i32>,
) -> Option<Published> {
    let latest = exprs
        .iter()
        .zip(tenses)
        .filter(|(e, t)| !is_future(e, **t))
        .filter_map(|(e, t)| {
            let r = Reference {
                weekday_year,
                tense: *t,
                ..Default::default()
            };
            let o = resolve(e, &r);
            let v = o.resolved?;
            let fixed = matches!(o.anchor, Anchor::Absolute | Anchor::Weekday);
            let precise = (v.end - v.start).num_days() < MAX_SPAN_DAYS;
            (fixed && precise && !o.weekday_conflict).then_some(v.end)
        })
        .max()?;
    Some(Published {
        date: NaiveDate::from_ymd_opt(latest.year(), latest.month(), 1)?,
        precision: Precision::Month,
        origin: DateOrigin::Inferred,
    })
}

/// With a publication known to the month: the last day of `d` when `d`
/// dates a day (or a range of a few days) within that month. The stage
/// keeps the latest such day as the context of the expressions that follow.
pub(crate) fn context_day(d: &DateMention, published: Option<Published>) -> Option<NaiveDate> {
    let p = published?;
    if p.precision != Precision::Month {
        return None;
    }
    let end = d.end_date?;
    let day_level = matches!(d.granularity, Granularity::Day)
        || (d.granularity == Granularity::Range
            && d.start_date.is_some_and(|s| (end - s).num_days() < 7));
    (day_level && end.year() == p.date.year() && end.month() == p.date.month()).then_some(end)
}
