//! The word classes of the date grammar and what a word of each class means.
//!
//! Classes are the terminals of the pattern language ([`super::pattern`]);
//! the `class` column of the word files names them in lowercase, and the
//! `value` column gives the meaning parsed here ([`Sem`]).

/// A terminal of the date grammar: what a word or number can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Class {
    /// A month name (`mars`, `March`, `janv.`).
    Month,
    /// A weekday name.
    Weekday,
    /// A day of month: a number 1..=31 or an ordinal (`1er`, `3rd`).
    Day,
    /// A year: four digits within the configured range.
    Year,
    /// A count: any plain number or a number word (`trois`, `a`).
    Num,
    /// A word naming a day relative to today (`hier`, `yesterday`).
    Deictic,
    /// A calendar unit (`semaine`, `months`).
    Unit,
    /// A direction (`dernier` = past, `next` = future).
    Dir,
    /// A demonstrative pointing at the current period (`cette`, `this`).
    This,
    /// Marks a count back from today (`il y a`, `ago`).
    Ago,
    /// Marks a count forward from today (`dans`).
    Later,
    /// A part of a period (`début`, `mi`, `late`).
    Part,
    /// A season (`été`, `winter`).
    Season,
    /// A determiner (`le`, `l'`, `the`).
    Det,
    /// A preposition that may open a date (`en`, `depuis`, `since`).
    Prep,
    /// Opens a range (`du`, `entre`, `from`, `between`).
    From,
    /// Closes a range (`au`, `à`, `to`, `until`).
    To,
    /// Joins list items (`et`, `and`).
    And,
    /// Links a part or unit to what it qualifies (`de`, `of`).
    Of,
    /// A comma.
    Comma,
    /// A hyphen or dash.
    Hyphen,
}

impl Class {
    /// Every class, for the pattern parser's error messages.
    pub(crate) const ALL: [Class; 21] = [
        Class::Month,
        Class::Weekday,
        Class::Day,
        Class::Year,
        Class::Num,
        Class::Deictic,
        Class::Unit,
        Class::Dir,
        Class::This,
        Class::Ago,
        Class::Later,
        Class::Part,
        Class::Season,
        Class::Det,
        Class::Prep,
        Class::From,
        Class::To,
        Class::And,
        Class::Of,
        Class::Comma,
        Class::Hyphen,
    ];

    /// Classes of which every pattern must contain one: what makes a
    /// sequence a date rather than a run of function words. Matching only
    /// starts where one follows.
    pub(crate) const CORE: [Class; 7] = [
        Class::Month,
        Class::Weekday,
        Class::Day,
        Class::Year,
        Class::Unit,
        Class::Deictic,
        Class::Season,
    ];

    /// The mask of [`Class::CORE`].
    pub(crate) fn core_mask() -> u32 {
        Class::CORE.iter().fold(0, |m, c| m | c.bit())
    }

    /// The bit of this class in a class mask.
    pub(crate) fn bit(self) -> u32 {
        1 << (self as u32)
    }

    /// The name used in pattern files (`DAY`, `MONTH`, ...).
    pub(crate) fn pattern_name(self) -> &'static str {
        match self {
            Class::Month => "MONTH",
            Class::Weekday => "WEEKDAY",
            Class::Day => "DAY",
            Class::Year => "YEAR",
            Class::Num => "NUM",
            Class::Deictic => "DEICTIC",
            Class::Unit => "UNIT",
            Class::Dir => "DIR",
            Class::This => "THIS",
            Class::Ago => "AGO",
            Class::Later => "LATER",
            Class::Part => "PART",
            Class::Season => "SEASON",
            Class::Det => "DET",
            Class::Prep => "PREP",
            Class::From => "FROM",
            Class::To => "TO",
            Class::And => "AND",
            Class::Of => "OF",
            Class::Comma => "COMMA",
            Class::Hyphen => "HYPHEN",
        }
    }

    /// The name used in the `class` column of word files (lowercase), with
    /// `number` and `ordinal` standing for [`Class::Num`] and [`Class::Day`].
    pub(crate) fn from_word_class(s: &str) -> Option<Class> {
        Some(match s {
            "month" => Class::Month,
            "weekday" => Class::Weekday,
            "ordinal" => Class::Day,
            "number" => Class::Num,
            "deictic" => Class::Deictic,
            "unit" => Class::Unit,
            "dir" => Class::Dir,
            "this" => Class::This,
            "ago" => Class::Ago,
            "later" => Class::Later,
            "part" => Class::Part,
            "season" => Class::Season,
            "det" => Class::Det,
            "prep" => Class::Prep,
            "from" => Class::From,
            "to" => Class::To,
            "and" => Class::And,
            "of" => Class::Of,
            "comma" => Class::Comma,
            "hyphen" => Class::Hyphen,
            _ => return None,
        })
    }
}

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// One day.
    Day,
    /// One ISO week.
    Week,
    /// Saturday and Sunday.
    Weekend,
    /// One month.
    Month,
    /// One year.
    Year,
}

/// Which part of a period a word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The first third.
    Start,
    /// The middle third.
    Mid,
    /// The last third.
    End,
}

/// What one word contributes to an expression, by class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sem {
    /// Month 1..=12.
    Month(u32),
    /// ISO weekday 1 (Monday) ..= 7 (Sunday).
    Weekday(u32),
    /// Day of month.
    Day(u32),
    /// Explicit year.
    Year(i32),
    /// A count.
    Num(i64),
    /// Days from the reference day (`hier` = -1).
    Deictic(i64),
    /// A unit; `true` when plural (`jours`), which only counts with a number.
    Unit(Unit, bool),
    /// -1 past, +1 future.
    Dir(i64),
    /// Current period.
    This,
    /// Count back.
    Ago,
    /// Count forward.
    Later,
    /// Part of a period.
    Part(Part),
    /// Season as first and last month (`6-8`; winter `12-2` crosses the year).
    Season(u32, u32),
    /// A function word: only its class matters.
    Function,
}

/// The meaning of a word-file row of `class` with `value`, or what is wrong
/// with the value.
pub(crate) fn parse_sem(class: Class, value: Option<&str>) -> Result<Sem, String> {
    let v = value.unwrap_or("");
    let int = || {
        v.parse::<i64>()
            .map_err(|_| format!("value '{v}' should be a whole number"))
    };
    let in_range = |lo: i64, hi: i64| -> Result<u32, String> {
        let n = int()?;
        if (lo..=hi).contains(&n) {
            Ok(n as u32)
        } else {
            Err(format!("value {n} should be within {lo}..={hi}"))
        }
    };
    Ok(match class {
        Class::Month => Sem::Month(in_range(1, 12)?),
        Class::Weekday => Sem::Weekday(in_range(1, 7)?),
        Class::Day => Sem::Day(in_range(1, 31)?),
        Class::Num => Sem::Num(int()?),
        Class::Deictic => Sem::Deictic(int()?),
        Class::Dir => match int()? {
            -1 => Sem::Dir(-1),
            1 => Sem::Dir(1),
            n => return Err(format!("dir value {n} should be -1 (past) or 1 (future)")),
        },
        Class::Unit => {
            let (name, plural) = match v.strip_suffix('s') {
                Some(stem) => (stem, true),
                _ => (v, false),
            };
            let unit = match name {
                "day" => Unit::Day,
                "week" => Unit::Week,
                "weekend" => Unit::Weekend,
                "month" => Unit::Month,
                "year" => Unit::Year,
                _ => {
                    return Err(format!(
                        "unit '{v}' should be day, week, weekend, month or year (add s for a plural form)"
                    ));
                }
            };
            Sem::Unit(unit, plural)
        }
        Class::Part => match v {
            "start" => Sem::Part(Part::Start),
            "mid" => Sem::Part(Part::Mid),
            "end" => Sem::Part(Part::End),
            _ => return Err(format!("part '{v}' should be start, mid or end")),
        },
        Class::Season => {
            let (a, b) = v
                .split_once('-')
                .ok_or_else(|| format!("season '{v}' should be FIRST-LAST months, as 6-8"))?;
            let month = |s: &str| match s.trim().parse::<u32>() {
                Ok(m) if (1..=12).contains(&m) => Ok(m),
                _ => Err(format!("season '{v}': '{s}' is not a month number")),
            };
            Sem::Season(month(a)?, month(b)?)
        }
        Class::This => Sem::This,
        Class::Ago => Sem::Ago,
        Class::Later => Sem::Later,
        Class::Year => return Err("years are numbers, not words".into()),
        _ => Sem::Function,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sem_values_are_checked() {
        assert_eq!(
            parse_sem(Class::Unit, Some("weeks")),
            Ok(Sem::Unit(Unit::Week, true))
        );
        assert_eq!(
            parse_sem(Class::Unit, Some("day")),
            Ok(Sem::Unit(Unit::Day, false))
        );
        assert_eq!(
            parse_sem(Class::Season, Some("12-2")),
            Ok(Sem::Season(12, 2))
        );
        assert!(parse_sem(Class::Month, Some("13")).is_err());
        assert!(parse_sem(Class::Dir, Some("2")).is_err());
        assert!(parse_sem(Class::Part, Some("middle")).is_err());
    }
}
