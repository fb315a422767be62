//! Calendar periods and their ISO 8601 values, on top of chrono.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::document::Granularity;

use super::class::Part;

/// A resolved calendar period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    /// One day.
    Day(NaiveDate),
    /// The ISO week starting on this Monday.
    Week(NaiveDate),
    /// One month.
    Month(i32, u32),
    /// One year.
    Year(i32),
}

/// A period's normalised value, as the `dates` table holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// ISO 8601 value.
    pub value: String,
    /// First day covered.
    pub start: NaiveDate,
    /// Last day covered.
    pub end: NaiveDate,
    /// Granularity of the value.
    pub granularity: Granularity,
}

/// Appends `n` as `format!("{n:0width$}")` writes it (zero-padded to
/// `width` characters, the sign included), without the formatting
/// machinery, which costs more than the rest of a date's resolution.
fn push_padded(out: &mut String, n: i64, width: usize) {
    let mut digits = [0u8; 20];
    let mut v = n.unsigned_abs();
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let width = if n < 0 {
        out.push('-');
        width.saturating_sub(1)
    } else {
        width
    };
    for _ in digits.len() - k..width {
        out.push('0');
    }
    out.extend(digits[k..].iter().map(|&b| char::from(b)));
}

/// Appends `YYYY-MM-DD`.
fn push_day(out: &mut String, d: NaiveDate) {
    push_padded(out, d.year().into(), 4);
    out.push('-');
    push_padded(out, d.month().into(), 2);
    out.push('-');
    push_padded(out, d.day().into(), 2);
}

/// The last day of a month.
pub(crate) fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// The month `n` months after (`n` < 0: before) `year`-`month`.
pub(crate) fn add_months(year: i32, month: u32, n: i64) -> (i32, u32) {
    let index = year as i64 * 12 + (month as i64 - 1) + n;
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

/// The Monday of the ISO week containing `d`.
pub(crate) fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

/// ISO weekday number of a date, 1 (Monday) ..= 7 (Sunday).
pub(crate) fn weekday_number(d: NaiveDate) -> u32 {
    d.weekday().number_from_monday()
}

/// The date of weekday `w` (1..=7) in the ISO week starting `monday`.
pub(crate) fn in_week(monday: NaiveDate, w: u32) -> NaiveDate {
    monday + Duration::days(w as i64 - 1)
}

impl Period {
    /// First day covered.
    pub(crate) fn first(&self) -> NaiveDate {
        match *self {
            Period::Day(d) | Period::Week(d) => d,
            Period::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
        }
    }

    /// Last day covered.
    pub(crate) fn last(&self) -> NaiveDate {
        match *self {
            Period::Day(d) => d,
            Period::Week(d) => d + Duration::days(6),
            Period::Month(y, m) => last_day(y, m).unwrap_or_default(),
            Period::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
        }
    }

    /// ISO 8601 value: `2024-11-28`, `2025-W14`, `2024-11`, `2024`.
    pub(crate) fn value(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_value(&mut out);
        out
    }

    /// Appends [`Period::value`] to `out`.
    fn push_value(&self, out: &mut String) {
        match *self {
            Period::Day(d) => push_day(out, d),
            Period::Week(d) => {
                let w = d.iso_week();
                push_padded(out, w.year().into(), 4);
                out.push_str("-W");
                push_padded(out, w.week().into(), 2);
            }
            Period::Month(y, m) => {
                push_padded(out, y.into(), 4);
                out.push('-');
                push_padded(out, m.into(), 2);
            }
            Period::Year(y) => push_padded(out, y.into(), 4),
        }
    }

    /// The table granularity.
    pub(crate) fn granularity(&self) -> Granularity {
        match self {
            Period::Day(_) => Granularity::Day,
            Period::Week(_) => Granularity::Week,
            Period::Month(..) => Granularity::Month,
            Period::Year(_) => Granularity::Year,
        }
    }

    /// The period as a table value.
    pub(crate) fn resolved(&self) -> Resolved {
        Resolved {
            value: self.value(),
            start: self.first(),
            end: self.last(),
            granularity: self.granularity(),
        }
    }

    /// Same kind of period, shifted by `n` units (days, weeks, months, years).
    pub(crate) fn shifted(&self, n: i64) -> Option<Period> {
        Some(match *self {
            Period::Day(d) => Period::Day(d.checked_add_signed(Duration::try_days(n)?)?),
            Period::Week(d) => Period::Week(d.checked_add_signed(Duration::try_weeks(n)?)?),
            Period::Month(y, m) => {
                let (y, m) = add_months(y, m, n);
                Period::Month(y, m)
            }
            Period::Year(y) => Period::Year(y.checked_add(i32::try_from(n).ok()?)?),
        })
    }
}

/// The interval from the start of `a` to the end of `b`: `START/END`.
/// `None` when `b` ends before `a` starts.
pub(crate) fn range(a: &Period, b: &Period) -> Option<Resolved> {
    (a.first() <= b.last()).then(|| Resolved {
        value: {
            let mut v = String::with_capacity(21);
            a.push_value(&mut v);
            v.push('/');
            b.push_value(&mut v);
            v
        },
        start: a.first(),
        end: b.last(),
        granularity: Granularity::Range,
    })
}

/// An interval of whole days, written `START/END`.
pub(crate) fn day_range(first: NaiveDate, last: NaiveDate) -> Resolved {
    Resolved {
        value: {
            let mut v = String::with_capacity(21);
            push_day(&mut v, first);
            v.push('/');
            push_day(&mut v, last);
            v
        },
        start: first,
        end: last,
        granularity: Granularity::Range,
    }
}

/// Part of a period: the value stays the period's (as TimeML's `mod`
/// START/MID/END), the covered days narrow to its first, middle or last
/// third (months of a year, days of a month, Mon-Tue/Wed-Thu/Fri-Sun of a
/// week), and the granularity becomes `range`.
pub(crate) fn part_of(p: &Period, part: Part) -> Resolved {
    let mut r = p.resolved();
    let third = match part {
        Part::Start => 0,
        Part::Mid => 1,
        Part::End => 2,
    };
    let (start, end) = match *p {
        Period::Day(_) => return r,
        Period::Week(monday) => {
            let (a, b) = [(0, 1), (2, 3), (4, 6)][third];
            (monday + Duration::days(a), monday + Duration::days(b))
        }
        Period::Month(y, m) => {
            let first = p.first();
            let end = match part {
                Part::End => p.last(),
                _ => NaiveDate::from_ymd_opt(y, m, 10 * (third as u32 + 1)).unwrap_or(first),
            };
            (first + Duration::days(10 * third as i64), end)
        }
        Period::Year(y) => {
            let m0 = 1 + 4 * third as u32;
            let start = NaiveDate::from_ymd_opt(y, m0, 1).unwrap_or_default();
            (start, last_day(y, m0 + 3).unwrap_or_default())
        }
    };
    r.start = start;
    r.end = end;
    r.granularity = Granularity::Range;
    r
}

/// The nearest date after (`step` = 1) or before (`step` = -1) `from` that
/// falls on weekday `w` (1..=7), at most a week away; `from` itself counts
/// when `inclusive`.
pub(crate) fn step_to_weekday(from: NaiveDate, w: u32, step: i64, inclusive: bool) -> NaiveDate {
    let target = Weekday::try_from((w as u8 + 6) % 7).unwrap_or(Weekday::Mon);
    let mut d = if inclusive {
        from
    } else {
        from + Duration::days(step)
    };
    while d.weekday() != target {
        d += Duration::days(step);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn padding_writes_what_format_writes() {
        for n in [
            0,
            7,
            -7,
            42,
            -42,
            999,
            1000,
            -1000,
            2024,
            12345,
            -123_456,
            i64::MAX,
            i64::MIN,
        ] {
            for width in [0, 1, 2, 4, 6] {
                let mut got = String::new();
                push_padded(&mut got, n, width);
                assert_eq!(got, format!("{n:0width$}"), "{n} width {width}");
            }
        }
    }

    #[test]
    fn values_and_bounds() {
        let cases: &[(Period, &str, NaiveDate, NaiveDate)] = &[
            (
                Period::Day(ymd(2024, 2, 29)),
                "2024-02-29",
                ymd(2024, 2, 29),
                ymd(2024, 2, 29),
            ),
            (
                Period::Week(ymd(2025, 3, 31)),
                "2025-W14",
                ymd(2025, 3, 31),
                ymd(2025, 4, 6),
            ),
            (
                Period::Week(ymd(2024, 12, 30)),
                "2025-W01",
                ymd(2024, 12, 30),
                ymd(2025, 1, 5),
            ),
            (
                Period::Month(2024, 2),
                "2024-02",
                ymd(2024, 2, 1),
                ymd(2024, 2, 29),
            ),
            (
                Period::Month(2023, 2),
                "2023-02",
                ymd(2023, 2, 1),
                ymd(2023, 2, 28),
            ),
            (
                Period::Year(2023),
                "2023",
                ymd(2023, 1, 1),
                ymd(2023, 12, 31),
            ),
        ];
        for (p, value, first, last) in cases {
            assert_eq!(p.value(), *value, "{p:?}");
            assert_eq!((p.first(), p.last()), (*first, *last), "{p:?}");
        }
    }

    #[test]
    fn month_arithmetic_crosses_years() {
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 3, -27), (2021, 12));
    }

    #[test]
    fn parts_narrow_the_days() {
        let r = part_of(&Period::Month(2024, 2), Part::End);
        assert_eq!(
            (r.value.as_str(), r.start, r.end),
            ("2024-02", ymd(2024, 2, 21), ymd(2024, 2, 29))
        );
        let r = part_of(&Period::Year(2024), Part::Mid);
        assert_eq!((r.start, r.end), (ymd(2024, 5, 1), ymd(2024, 8, 31)));
        let r = part_of(&Period::Month(2024, 3), Part::Start);
        assert_eq!((r.start, r.end), (ymd(2024, 3, 1), ymd(2024, 3, 10)));
    }

    #[test]
    fn weekday_steps() {
        // 2025-04-03 is a Thursday.
        let thu = ymd(2025, 4, 3);
        assert_eq!(weekday_number(thu), 4);
        assert_eq!(step_to_weekday(thu, 4, -1, true), thu);
        assert_eq!(step_to_weekday(thu, 4, -1, false), ymd(2025, 3, 27));
        assert_eq!(step_to_weekday(thu, 1, 1, false), ymd(2025, 4, 7));
        assert_eq!(in_week(monday_of(thu), 5), ymd(2025, 4, 4));
    }
}
