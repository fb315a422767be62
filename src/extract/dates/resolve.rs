//! Resolving an expression to a calendar value.
//!
//! Rules, in the order they apply:
//! - A written year makes the value absolute.
//! - Relative expressions (`hier`, `la semaine dernière`, `il y a trois
//!   jours`, `ce vendredi`) count from the publication date; each needs the
//!   publication's precision to reach its own (a day needs a day, a month a
//!   month). When the publication is known to the month only, weekday and
//!   week expressions count from the nearest preceding day of that month
//!   the text itself dates (anchor `context`).
//! - A date without year takes, among the publication year and its two
//!   neighbours, the one on the side `dernier`/`prochain` (or else the
//!   tense) points to, nearest to the publication, and agreeing with its
//!   weekday when one is written.
//! - Without publication date, a weekday with day and month takes the
//!   nearest year where that day falls on that weekday (around the latest
//!   year the text mentions); a bare day-month takes the year the text last
//!   mentioned.
//! - Anything else stays unresolved (`value` null), never guessed.

use chrono::{Datelike, NaiveDate};

use crate::document::{Anchor, DateOrigin, Granularity, Precision, Published};

use super::calendar::{
    Period, Resolved, day_range, in_week, last_day, monday_of, part_of, range, step_to_weekday,
    weekday_number,
};
use super::class::Unit;
use super::expr::{Cal, Expr};
use super::tense::Tense;

/// What an expression can be resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Reference {
    /// The publication date.
    pub published: Option<Published>,
    /// With a month-precision publication: the nearest preceding day of that
    /// month that the text dates.
    pub context_day: Option<NaiveDate>,
    /// Without publication: the year the text last wrote before the expression.
    pub context_year: Option<i32>,
    /// Without publication: the year around which a weekday fixes the year.
    pub weekday_year: Option<i32>,
    /// Tense of the expression's sentence near it.
    pub tense: Option<Tense>,
}

/// The result of resolving one expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    /// The value, when resolvable.
    pub resolved: Option<Resolved>,
    /// What it was resolved against (or would be).
    pub anchor: Anchor,
    /// True when a written weekday disagrees with a fully written date.
    pub weekday_conflict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Before,
    Overlap,
    After,
}

impl Reference {
    /// The reference day for day-level expressions, and its anchor.
    fn day(&self, allow_context: bool) -> Option<(NaiveDate, Anchor)> {
        let p = self.published?;
        match p.precision {
            Precision::Day => Some((p.date, Anchor::Publication)),
            Precision::Month if allow_context => self.context_day.map(|d| (d, Anchor::Context)),
            _ => None,
        }
    }

    /// The reference month, when the publication is known to the month.
    fn month(&self) -> Option<(i32, u32)> {
        let p = self.published?;
        (p.precision != Precision::Year).then(|| (p.date.year(), p.date.month()))
    }

    /// The first and last days the publication date may be.
    fn bounds(&self) -> Option<(NaiveDate, NaiveDate)> {
        let p = self.published?;
        match p.precision {
            Precision::Day => Some((p.date, p.date)),
            Precision::Month => Some((p.date, last_day(p.date.year(), p.date.month())?)),
            Precision::Year => None,
        }
    }

    fn wanted(&self, dir: Option<i64>, this: bool) -> Option<Tense> {
        match dir {
            Some(d) if d < 0 => Some(Tense::Past),
            Some(_) => Some(Tense::Future),
            None if this => None,
            None => self.tense,
        }
    }
}

fn side(first: NaiveDate, last: NaiveDate, (lo, hi): (NaiveDate, NaiveDate)) -> (Side, i64) {
    if last < lo {
        (Side::Before, (lo - last).num_days())
    } else if first > hi {
        (Side::After, (first - hi).num_days())
    } else {
        (Side::Overlap, 0)
    }
}

fn allowed(s: Side, want: Option<Tense>) -> bool {
    match want {
        Some(Tense::Past) => s != Side::After,
        Some(Tense::Future) => s != Side::Before,
        None => true,
    }
}

/// The period of a calendar with a year: day, month or year.
fn cal_period(c: &Cal, year: i32) -> Option<Period> {
    Some(match (c.month, c.day) {
        (Some(m), Some(d)) => Period::Day(NaiveDate::from_ymd_opt(year, m, d)?),
        (Some(m), None) => Period::Month(year, m),
        (None, _) => Period::Year(year),
    })
}

fn weekday_matches(c: &Cal, p: &Period) -> bool {
    match (c.weekday, p) {
        (Some(w), Period::Day(d)) => weekday_number(*d) == w,
        _ => true,
    }
}

/// The year nearest to `base` (later first on ties) in which the day and
/// month fall on the written weekday; the calendar repeats within 28 years.
fn year_of_weekday(c: &Cal, base: i32) -> Option<i32> {
    (0..=28)
        .flat_map(|k| [base + k, base - k])
        .find(|&y| cal_period(c, y).is_some_and(|p| weekday_matches(c, &p)))
}

/// The year of a calendar written without one.
fn choose_year(c: &Cal, dir: Option<i64>, this: bool, r: &Reference) -> Option<(i32, Anchor)> {
    c.month?;
    // A weekday fixes the year unless a publication date from the input
    // already does (an inferred one may itself come from this weekday).
    let given = r.published.filter(|p| p.origin != DateOrigin::Inferred);
    if c.weekday.is_some() && c.day.is_some() && given.is_none() {
        let base = r.published.map(|p| p.date.year()).or(r.weekday_year);
        if let Some(y) = base.and_then(|b| year_of_weekday(c, b)) {
            return Some((y, Anchor::Weekday));
        }
    }
    if let Some(bounds) = r.bounds() {
        let want = r.wanted(dir, this);
        let py = bounds.0.year();
        return (py - 1..=py + 1)
            .filter_map(|y| {
                let p = cal_period(c, y)?;
                let (s, dist) = side(p.first(), p.last(), bounds);
                let key = (
                    !weekday_matches(c, &p),
                    !allowed(s, want),
                    dist,
                    s == Side::After,
                );
                Some((key, y))
            })
            .min()
            .map(|(_, y)| (y, Anchor::Publication));
    }
    if let Some(p) = r.published {
        // Known to the year only: a weekday can still confirm that year.
        let y = p.date.year();
        let period = cal_period(c, y)?;
        return (c.weekday.is_some() && c.day.is_some() && weekday_matches(c, &period))
            .then_some((y, Anchor::Publication));
    }
    if dir.is_none() && c.weekday.is_none() {
        let y = r.context_year?;
        cal_period(c, y)?;
        return Some((y, Anchor::Context));
    }
    None
}

/// A weekday with a day of month but no month: the nearest such date
/// around the reference day.
fn choose_month(c: &Cal, r: &Reference) -> Option<(Period, Anchor)> {
    let (day, w) = (c.day?, c.weekday?);
    let (rd, anchor) = r.day(true)?;
    (-1..=1)
        .filter_map(|k| {
            let (y, m) = super::calendar::add_months(rd.year(), rd.month(), k);
            let d = NaiveDate::from_ymd_opt(y, m, day)?;
            (weekday_number(d) == w).then(|| ((d - rd).num_days().abs(), d))
        })
        .min()
        .map(|(_, d)| (Period::Day(d), anchor))
}

fn outcome(resolved: Option<Resolved>, anchor: Anchor) -> Outcome {
    Outcome {
        resolved,
        anchor,
        weekday_conflict: false,
    }
}

/// Resolves one expression.
pub(crate) fn resolve(e: &Expr, r: &Reference) -> Outcome {
    if let Some(offset) = e.deictic {
        let day = r
            .day(false)
            .and_then(|(d, _)| Period::Day(d).shifted(offset));
        return outcome(day.map(|p| p.resolved()), Anchor::Publication);
    }
    if let (Some((unit, _)), Some(count), Some(sign)) = (e.unit, e.count, e.shift) {
        return outcome(shift(unit, sign * count, r), Anchor::Publication);
    }
    if let Some(season) = e.season {
        return resolve_season(e, season, r);
    }
    if let Some(b) = e.b {
        return resolve_range(e, &b, r);
    }
    if e.a.day.is_some() || e.a.month.is_some() || e.a.year.is_some() {
        return resolve_single(e, r);
    }
    if let Some(w) = e.a.weekday {
        return resolve_weekday(w, e.dir, e.this, r);
    }
    if let Some((unit, _)) = e.unit {
        let (period, anchor) = match relative_period(unit, e.dir.unwrap_or(0), r) {
            Some((p, a)) => (Some(p), a),
            None => (None, Anchor::Publication),
        };
        let resolved = match (period, e.part) {
            (Some(Ok(p)), Some(part)) => Some(part_of(&p, part)),
            (Some(Ok(p)), None) => Some(p.resolved()),
            (Some(Err(days)), _) => Some(days),
            (None, _) => None,
        };
        return outcome(resolved, anchor);
    }
    outcome(None, Anchor::Publication)
}

fn resolve_single(e: &Expr, r: &Reference) -> Outcome {
    let c = &e.a;
    let found = match (c.year, c.month) {
        (Some(y), _) => cal_period(c, y).map(|p| (p, Anchor::Absolute)),
        (None, Some(_)) => choose_year(c, e.dir, e.this, r)
            .and_then(|(y, anchor)| cal_period(c, y).map(|p| (p, anchor))),
        (None, None) => choose_month(c, r),
    };
    let Some((period, anchor)) = found else {
        let anchor = if c.year.is_some() {
            Anchor::Absolute
        } else {
            Anchor::Publication
        };
        return outcome(None, anchor);
    };
    let resolved = match e.part {
        Some(part) => part_of(&period, part),
        None => period.resolved(),
    };
    Outcome {
        resolved: Some(resolved),
        anchor,
        weekday_conflict: anchor == Anchor::Absolute && !weekday_matches(c, &period),
    }
}

fn resolve_range(e: &Expr, b: &Cal, r: &Reference) -> Outcome {
    let mut a = e.a;
    let mut b = *b;
    a.month = a.month.or(b.month);
    b.month = b.month.or(a.month);
    let start_before = |a: &Cal, b: &Cal, y: i32| match (cal_period(a, y), cal_period(b, y)) {
        (Some(pa), Some(pb)) => pa.first() <= pb.last(),
        _ => true,
    };
    let anchor = match (a.year, b.year) {
        (Some(_), Some(_)) => Anchor::Absolute,
        (None, Some(y)) => {
            a.year = Some(if start_before(&a, &b, y) { y } else { y - 1 });
            Anchor::Absolute
        }
        (Some(y), None) => {
            b.year = Some(if start_before(&a, &b, y) { y } else { y + 1 });
            Anchor::Absolute
        }
        (None, None) => match choose_year(&a, e.dir, e.this, r) {
            Some((y, anchor)) => {
                a.year = Some(y);
                b.year = Some(if start_before(&a, &b, y) { y } else { y + 1 });
                anchor
            }
            None => return outcome(None, Anchor::Publication),
        },
    };
    let pa = a.year.and_then(|y| cal_period(&a, y));
    let pb = b.year.and_then(|y| cal_period(&b, y));
    let resolved = match (pa, pb) {
        (Some(pa), Some(pb)) => range(&pa, &pb),
        _ => None,
    };
    outcome(resolved, anchor)
}

fn resolve_weekday(w: u32, dir: Option<i64>, this: bool, r: &Reference) -> Outcome {
    let Some((rd, anchor)) = r.day(true) else {
        return outcome(None, Anchor::Publication);
    };
    let day = match dir {
        Some(d) if d < 0 => step_to_weekday(rd, w, -1, false),
        Some(_) => step_to_weekday(rd, w, 1, false),
        None if this || anchor == Anchor::Context => in_week(monday_of(rd), w),
        None => {
            let before = step_to_weekday(rd, w, -1, true);
            let after = step_to_weekday(rd, w, 1, true);
            match r.tense {
                Some(Tense::Past) => before,
                Some(Tense::Future) => after,
                None if after - rd < rd - before => after,
                None => before,
            }
        }
    };
    outcome(Some(Period::Day(day).resolved()), anchor)
}

/// `la semaine dernière`, `ce mois-ci`, `l'année prochaine`: the period
/// containing the reference, moved by `n`. Weekends come back as day ranges.
fn relative_period(
    unit: Unit,
    n: i64,
    r: &Reference,
) -> Option<(Result<Period, Resolved>, Anchor)> {
    Some(match unit {
        Unit::Day => return None,
        Unit::Week => {
            let (d, anchor) = r.day(true)?;
            (Ok(Period::Week(monday_of(d)).shifted(n)?), anchor)
        }
        Unit::Weekend => {
            let (d, anchor) = r.day(true)?;
            let Period::Week(monday) = Period::Week(monday_of(d)).shifted(n)? else {
                return None;
            };
            (
                Err(day_range(in_week(monday, 6), in_week(monday, 7))),
                anchor,
            )
        }
        Unit::Month => {
            let (y, m) = r.month()?;
            (Ok(Period::Month(y, m).shifted(n)?), Anchor::Publication)
        }
        Unit::Year => {
            let y = r.published?.date.year();
            (Ok(Period::Year(y).shifted(n)?), Anchor::Publication)
        }
    })
}

/// `il y a trois jours`, `two weeks ago`: the period `n` units away.
fn shift(unit: Unit, n: i64, r: &Reference) -> Option<Resolved> {
    let p = r.published?;
    let base = match unit {
        Unit::Day => Period::Day(r.day(false)?.0),
        Unit::Week | Unit::Weekend => Period::Week(monday_of(r.day(false)?.0)),
        Unit::Month => {
            let (y, m) = r.month()?;
            Period::Month(y, m)
        }
        Unit::Year => Period::Year(p.date.year()),
    };
    Some(base.shifted(n)?.resolved())
}

/// The occurrence of a season starting in `year`; a season crossing the
/// new year (winter) written with a year is the one ending in that year.
fn season_range((s, t): (u32, u32), start_year: i32) -> Option<Resolved> {
    let end_year = if t < s { start_year + 1 } else { start_year };
    range(&Period::Month(start_year, s), &Period::Month(end_year, t))
}

fn resolve_season(e: &Expr, season: (u32, u32), r: &Reference) -> Outcome {
    let crosses = season.1 < season.0;
    if let Some(y) = e.a.year {
        let start = if crosses { y - 1 } else { y };
        return outcome(season_range(season, start), Anchor::Absolute);
    }
    let Some(bounds) = r.bounds() else {
        return outcome(None, Anchor::Publication);
    };
    let want = r.wanted(e.dir, e.this);
    let strict = e.dir.is_some();
    let py = bounds.0.year();
    let best = (py - 2..=py + 1)
        .filter_map(|y| {
            let s = season_range(season, y)?;
            let (side, dist) = side(s.start, s.end, bounds);
            let ok = allowed(side, want) && !(strict && side == Side::Overlap);
            Some(((!ok, dist, side == Side::After), s))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, s)| s);
    outcome(best, Anchor::Publication)
}

/// The granularity an expression has (or would have, when unresolved).
pub(crate) fn shape_granularity(e: &Expr) -> Granularity {
    if e.b.is_some() || e.season.is_some() || e.part.is_some() {
        return Granularity::Range;
    }
    if e.deictic.is_some() || e.a.day.is_some() || e.a.weekday.is_some() {
        return Granularity::Day;
    }
    if e.a.month.is_some() {
        return Granularity::Month;
    }
    if e.a.year.is_some() {
        return Granularity::Year;
    }
    match e.unit.map(|(u, _)| u) {
        Some(Unit::Day) => Granularity::Day,
        Some(Unit::Week) => Granularity::Week,
        Some(Unit::Weekend) => Granularity::Range,
        Some(Unit::Month) => Granularity::Month,
        _ => Granularity::Year,
    }
}
