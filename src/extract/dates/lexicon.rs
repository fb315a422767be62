//! The date words of one language, loaded once from `pipelines/lexicons/<lang>/dates/`.
//!
//! Every word file has the columns `form`, `class`, `value` and an optional
//! `cased` (`yes` when the word only counts when written with a capital, as
//! English month names: `May` is a month, `may` a verb). A form may be listed
//! under several classes (`au` is both a preposition and a range end). The
//! classes are the terminals of the pattern language ([`super::pattern`]).
//! All forms are compiled into one Aho-Corasick automaton per language.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};

use crate::lexicon::{LexiconError, read_table};

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
    fn from_word_class(s: &str) -> Option<Class> {
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

/// One form of a word file after parsing.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Classes the form belongs to, as a mask of [`Class::bit`].
    pub classes: u32,
    /// The meaning under each class.
    pub sems: Vec<(Class, Sem)>,
    /// True when the form must start with a capital letter in the text.
    pub cased: bool,
}

/// All word forms of a language and their automaton.
pub(crate) struct Words {
    /// Entries, indexed by [`Words::pattern_entry`].
    pub entries: Vec<Entry>,
    /// Automaton pattern id → entry index (a form has several spelling variants).
    pub pattern_entry: Vec<u32>,
    /// Leftmost-longest, ASCII-case-insensitive automaton over every
    /// variant, searched anchored at word starts.
    pub automaton: AhoCorasick,
    /// Bytes that can open a form (both ASCII cases): other word starts
    /// are skipped without a search.
    pub first_bytes: [bool; 256],
    /// One-character punctuation forms (`,`, `-`) and their entries: they
    /// are only looked for between two other items, not by the automaton.
    pub punctuation: Vec<(char, u32)>,
}

fn format_err(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn parse_sem(class: Class, value: Option<&str>) -> Result<Sem, String> {
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

/// Spelling variants of a form the automaton must also find: both
/// apostrophes, and a capitalised first letter for non-ASCII initials
/// (ASCII case is already ignored by the automaton).
fn variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.contains('\'') {
        out.push(form.replace('\'', "\u{2019}"));
    }
    if form.contains('\u{2019}') {
        out.push(form.replace('\u{2019}', "'"));
    }
    let mut extra = Vec::new();
    for v in &out {
        let mut chars = v.chars();
        if let Some(first) = chars.next()
            && !first.is_ascii()
            && first.is_lowercase()
        {
            extra.push(first.to_uppercase().chain(chars).collect::<String>());
        }
    }
    out.extend(extra);
    out
}

impl Words {
    /// Reads the word files and compiles the automaton.
    pub(crate) fn load(paths: &[std::path::PathBuf]) -> Result<Words, LexiconError> {
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<(String, Entry)> = Vec::new();
        for path in paths {
            let table = read_table(path)?;
            for row in &table.rows {
                let form = row.require("form", path)?.to_string();
                let class_name = row.require("class", path)?;
                let class = Class::from_word_class(class_name).ok_or_else(|| {
                    format_err(
                        path,
                        row.line,
                        format!("unknown class '{class_name}' (see the header of this file)"),
                    )
                })?;
                let sem = parse_sem(class, row.get("value"))
                    .map_err(|m| format_err(path, row.line, m))?;
                let cased = row.get("cased") == Some("yes");
                let idx = *by_form.entry(form.clone()).or_insert_with(|| {
                    entries.push((
                        form.clone(),
                        Entry {
                            classes: 0,
                            sems: Vec::new(),
                            cased,
                        },
                    ));
                    entries.len() - 1
                });
                let entry = &mut entries[idx].1;
                entry.classes |= class.bit();
                entry.cased |= cased;
                if !entry.sems.iter().any(|(c, _)| *c == class) {
                    entry.sems.push((class, sem));
                }
            }
        }
        let mut forms = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut punctuation = Vec::new();
        let mut first_bytes = [false; 256];
        for (i, (form, _)) in entries.iter().enumerate() {
            let mut chars = form.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !c.is_alphanumeric()
            {
                punctuation.push((c, i as u32));
                continue;
            }
            if !form.starts_with(char::is_alphanumeric) {
                return Err(LexiconError::Format {
                    path: paths.first().cloned().unwrap_or_default(),
                    line: 0,
                    message: format!(
                        "form '{form}' starts with punctuation: only one-character punctuation forms may"
                    ),
                });
            }
            for v in variants(form) {
                let b = v.as_bytes()[0];
                first_bytes[b.to_ascii_lowercase() as usize] = true;
                first_bytes[b.to_ascii_uppercase() as usize] = true;
                forms.push(v);
                pattern_entry.push(i as u32);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            // A few hundred short forms: the full DFA is small and fastest.
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(&forms)
            .map_err(|e| LexiconError::Format {
                path: paths.first().cloned().unwrap_or_default(),
                line: 0,
                message: format!("cannot compile the date words: {e}"),
            })?;
        Ok(Words {
            entries: entries.into_iter().map(|(_, e)| e).collect(),
            pattern_entry,
            first_bytes,
            punctuation,
            automaton,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_cover_apostrophes_and_accented_capitals() {
        let v = variants("aujourd'hui");
        assert!(v.contains(&"aujourd\u{2019}hui".to_string()));
        let v = variants("été");
        assert!(v.contains(&"Été".to_string()));
    }

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
    }
}
