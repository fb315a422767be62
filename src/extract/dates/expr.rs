//! A matched temporal expression, reduced to the fields its words fill.
//!
//! The pattern only decides where an expression is; what it means comes
//! from the classes of its words: days, months, years and weekdays fill the
//! start (or, for the `...2` classes, the end) of a calendar date; a unit,
//! count, direction, demonstrative, part or season qualify it. The
//! resolver (`resolve`) reads these fields, whatever pattern matched.

use crate::document::Span;

use super::class::{Part, Sem, Unit};
use super::lexicon::Words;
use super::pattern::Cap;
use super::scan::Item;

/// Calendar fields of one end of an expression.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cal {
    /// Day of month.
    pub day: Option<u32>,
    /// Month 1..=12.
    pub month: Option<u32>,
    /// Year as written.
    pub year: Option<i32>,
    /// ISO weekday 1..=7.
    pub weekday: Option<u32>,
}

impl Cal {
    /// True when no field is set.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Cal::default()
    }
}

/// A temporal expression before resolution.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Expr {
    /// Its span in the text.
    pub span: Span,
    /// Start (or only) calendar fields.
    pub a: Cal,
    /// End calendar fields, for ranges and lists.
    pub b: Option<Cal>,
    /// Day offset from the reference day (`hier`).
    pub deictic: Option<i64>,
    /// Calendar unit and whether it was plural.
    pub unit: Option<(Unit, bool)>,
    /// A count (`trois` jours).
    pub count: Option<i64>,
    /// -1 for counts back (`il y a`), +1 for counts forward (`dans`).
    pub shift: Option<i64>,
    /// -1 past (`dernier`), +1 future (`prochain`).
    pub dir: Option<i64>,
    /// A demonstrative (`ce`, `this`).
    pub this: bool,
    /// Part of the period (`début`).
    pub part: Option<Part>,
    /// Season months (first, last).
    pub season: Option<(u32, u32)>,
    /// Index of the pattern that matched (`None` for all-digit dates), for
    /// tests and debugging.
    pub pattern: Option<usize>,
}

fn set<T>(slot: &mut Option<T>, v: T) {
    if slot.is_none() {
        *slot = Some(v);
    }
}

impl Expr {
    /// Builds an expression from a match; `None` when the words do not make
    /// a calendar reference (`les prochains jours`, `the next day`).
    pub(crate) fn from_caps(
        pattern: usize,
        caps: &[Cap],
        items: &[Item],
        words: &Words,
    ) -> Option<Expr> {
        let first = items[caps.first()?.item].span;
        let last = items[caps.last()?.item].span;
        let mut e = Expr {
            span: Span::new(first.start, last.end),
            pattern: Some(pattern),
            ..Default::default()
        };
        let mut b = Cal::default();
        for cap in caps {
            let Some(sem) = items[cap.item].sem(cap.class, words) else {
                continue;
            };
            let cal = if cap.second { &mut b } else { &mut e.a };
            match sem {
                Sem::Day(d) => set(&mut cal.day, d),
                Sem::Month(m) => set(&mut cal.month, m),
                Sem::Year(y) => set(&mut cal.year, y),
                Sem::Weekday(w) => set(&mut cal.weekday, w),
                Sem::Num(n) => set(&mut e.count, n),
                Sem::Deictic(d) => set(&mut e.deictic, d),
                Sem::Unit(u, plural) => set(&mut e.unit, (u, plural)),
                Sem::Dir(d) => set(&mut e.dir, d),
                Sem::This => e.this = true,
                Sem::Ago => set(&mut e.shift, -1),
                Sem::Later => set(&mut e.shift, 1),
                Sem::Part(p) => set(&mut e.part, p),
                Sem::Season(s, t) => set(&mut e.season, (s, t)),
                Sem::Function => {}
            }
        }
        if !b.is_empty() {
            e.b = Some(b);
        }
        e.is_calendar_reference().then_some(e)
    }

    /// Rejects matches that name no calendar point: plural units without a
    /// count (`les derniers jours`), a day relative to another day
    /// (`the next day`), a count without its direction, a day of month
    /// with neither month nor weekday.
    fn is_calendar_reference(&self) -> bool {
        if let Some((unit, plural)) = self.unit {
            if self.count.is_some() != self.shift.is_some() {
                return false;
            }
            if plural && self.count.is_none() {
                return false;
            }
            if unit == Unit::Day && self.count.is_none() {
                return false;
            }
        } else if self.count.is_some() || self.shift.is_some() {
            return false;
        }
        let month = self.a.month.or(self.b.and_then(|b| b.month));
        if self.a.day.is_some() && month.is_none() && self.a.weekday.is_none() {
            // `du 3 au 5` alone is a count, not a date.
            return false;
        }
        !self.a.is_empty() || self.deictic.is_some() || self.unit.is_some() || self.season.is_some()
    }
}
