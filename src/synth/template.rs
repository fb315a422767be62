//! Sentence templates: `{slot}` placeholders between literal text, parsed
//! once when the data is loaded so that filling them is a walk over pieces.

use std::collections::BTreeMap;

/// A parsed template: literal text and slots, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template(pub Vec<Piece>);

/// One piece of a [`Template`].
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Text copied as is.
    Lit(String),
    /// A placeholder filled when the template is rendered.
    Slot(Slot),
}

/// What a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A person of the article's cast (0..3) in a given form.
    Person(usize, PersonForm),
    /// A country of the cast (0..3) in a given form.
    Country(usize, CountryForm),
    /// A town of the cast (0: in C1, 1: in C2).
    City(usize, CityForm),
    /// An organisation of the cast.
    Org(OrgKind, OrgForm),
    /// A date expression: a fresh day is drawn (before publication when
    /// false, after when true), then a `date_past`/`date_future` filler is rendered.
    Date(bool),
    /// A computed value: a part of the current date or a number.
    Calc(Calc),
    /// A filler slot of the language (index into its filler lists).
    Filler(usize),
    /// A value of the enclosing person or title being rendered.
    Local(Local),
}

/// Forms of a person mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonForm {
    /// First mention: introduced with the title; later: a shorter form.
    Auto,
    /// The full name.
    Full,
    /// A short form (surname, honorific + surname, rank + surname).
    Short,
    /// The title with its determiner ("le ministre malien de la Défense").
    Title,
    /// The subject pronoun.
    Pron,
    /// The feminine agreement ending.
    Agree,
}

/// Forms of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryForm {
    /// The name with its determiner.
    Name,
    /// "au Mali", "in Mali".
    In,
    /// "du Mali", "of Mali".
    Of,
    /// Adjective, masculine singular.
    Adj,
    /// Adjective, feminine singular.
    AdjF,
    /// Adjective, masculine plural.
    AdjMp,
    /// Adjective, feminine plural.
    AdjFp,
    /// The capital's name.
    Capital,
    /// The name without its determiner.
    Bare,
}

/// Forms of a town.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CityForm {
    /// The name.
    Name,
    /// "à Gao", "in Gao".
    In,
}

/// Kinds of organisations in the cast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum OrgKind {
    /// International or regional organisation.
    Igo,
    /// Armed or paramilitary group.
    Group,
    /// News outlet.
    Media,
    /// Company.
    Company,
}

impl OrgKind {
    /// All kinds, in cast order.
    pub const ALL: [OrgKind; 4] = [
        OrgKind::Igo,
        OrgKind::Group,
        OrgKind::Media,
        OrgKind::Company,
    ];

    /// The kind named in orgs.tsv.
    pub fn parse(s: &str) -> Option<OrgKind> {
        match s {
            "igo" => Some(OrgKind::Igo),
            "group" => Some(OrgKind::Group),
            "media" => Some(OrgKind::Media),
            "company" => Some(OrgKind::Company),
            _ => None,
        }
    }
}

/// Forms of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgForm {
    /// Full at the first mention, mostly short after.
    Auto,
    /// The full name.
    Full,
    /// The short name or acronym.
    Short,
}

/// Computed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calc {
    /// Day of the month of the current date.
    Day,
    /// A later day of the same month (ranges).
    Day2,
    /// Month name.
    Month,
    /// Month number, two digits.
    Mm,
    /// Year.
    Year,
    /// Weekday name.
    Weekday,
    /// The weekday after.
    Weekday2,
    /// A year 1 to 12 years before publication.
    YearPast,
    /// A small number (2..=12).
    N,
    /// A large number with thousands separators.
    Big,
    /// A percentage (5..=95).
    Pct,
}

/// Values local to the rendering of a person or a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    /// Full name.
    Name,
    /// Surname.
    Last,
    /// Honorific.
    Hon,
    /// Title with determiner.
    Title,
    /// Title without determiner.
    TitleRest,
    /// Country adjective, masculine.
    Adj,
    /// Country adjective, feminine.
    AdjF,
    /// Country "of" form.
    Of,
}

/// Resolves a placeholder name (`P1.short`, `date`, `quote`) to a [`Slot`].
/// `fillers` maps filler slot names to their index.
pub fn resolve(name: &str, fillers: &BTreeMap<String, usize>) -> Option<Slot> {
    let (head, form) = match name.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (name, None),
    };
    let cast_index = |prefix: &str| -> Option<usize> {
        let n: usize = head.strip_prefix(prefix)?.parse().ok()?;
        (1..=3).contains(&n).then(|| n - 1)
    };
    if let Some(i) = cast_index("P") {
        let f = match form {
            None => PersonForm::Auto,
            Some("full") => PersonForm::Full,
            Some("short") => PersonForm::Short,
            Some("title") => PersonForm::Title,
            Some("pron") => PersonForm::Pron,
            Some("e") => PersonForm::Agree,
            Some(_) => return None,
        };
        return Some(Slot::Person(i, f));
    }
    if let Some(i) = cast_index("C") {
        let f = match form {
            None => CountryForm::Name,
            Some("in") => CountryForm::In,
            Some("of") => CountryForm::Of,
            Some("adj") => CountryForm::Adj,
            Some("adjf") => CountryForm::AdjF,
            Some("adjmp") => CountryForm::AdjMp,
            Some("adjfp") => CountryForm::AdjFp,
            Some("capital") => CountryForm::Capital,
            Some("bare") => CountryForm::Bare,
            Some(_) => return None,
        };
        return Some(Slot::Country(i, f));
    }
    if head == "CITY" || head == "CITY2" {
        let f = match form {
            None => CityForm::Name,
            Some("in") => CityForm::In,
            Some(_) => return None,
        };
        return Some(Slot::City(usize::from(head == "CITY2"), f));
    }
    let org = match head {
        "ORG" => Some(OrgKind::Igo),
        "GROUP" => Some(OrgKind::Group),
        "MEDIA" => Some(OrgKind::Media),
        "COMPANY" => Some(OrgKind::Company),
        _ => None,
    };
    if let Some(k) = org {
        let f = match form {
            None => OrgForm::Auto,
            Some("full") => OrgForm::Full,
            Some("short") => OrgForm::Short,
            Some(_) => return None,
        };
        return Some(Slot::Org(k, f));
    }
    if form.is_some() {
        return None;
    }
    let slot = match head {
        "date" => Slot::Date(false),
        "date_future" => Slot::Date(true),
        "day" => Slot::Calc(Calc::Day),
        "day2" => Slot::Calc(Calc::Day2),
        "month" => Slot::Calc(Calc::Month),
        "mm" => Slot::Calc(Calc::Mm),
        "year" => Slot::Calc(Calc::Year),
        "weekday" => Slot::Calc(Calc::Weekday),
        "weekday2" => Slot::Calc(Calc::Weekday2),
        "year_past" => Slot::Calc(Calc::YearPast),
        "n" => Slot::Calc(Calc::N),
        "big" => Slot::Calc(Calc::Big),
        "pct" => Slot::Calc(Calc::Pct),
        "name" => Slot::Local(Local::Name),
        "last" => Slot::Local(Local::Last),
        "hon" => Slot::Local(Local::Hon),
        "title" => Slot::Local(Local::Title),
        "title_rest" => Slot::Local(Local::TitleRest),
        "adj" => Slot::Local(Local::Adj),
        "adjf" => Slot::Local(Local::AdjF),
        "of" => Slot::Local(Local::Of),
        other => Slot::Filler(*fillers.get(other)?),
    };
    Some(slot)
}

/// Parses `text` into a [`Template`]; the error names the bad placeholder.
pub fn parse(text: &str, fillers: &BTreeMap<String, usize>) -> Result<Template, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Lit(rest[..open].to_string()));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed '{{' in {text:?}"))?;
        let name = &after[..close];
        let slot = resolve(name, fillers)
            .ok_or_else(|| format!("unknown placeholder {{{name}}} in {text:?}"))?;
        pieces.push(Piece::Slot(slot));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Lit(rest.to_string()));
    }
    Ok(Template(pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fillers() -> BTreeMap<String, usize> {
        [("quote".to_string(), 0), ("sv_quote".to_string(), 1)]
            .into_iter()
            .collect()
    }

    #[test]
    fn parses_literals_and_slots() {
        let t = parse("« {quote} », {sv_quote} {P1}.", &fillers()).unwrap();
        assert_eq!(
            t.0,
            vec![
                Piece::Lit("« ".into()),
                Piece::Slot(Slot::Filler(0)),
                Piece::Lit(" », ".into()),
                Piece::Slot(Slot::Filler(1)),
                Piece::Lit(" ".into()),
                Piece::Slot(Slot::Person(0, PersonForm::Auto)),
                Piece::Lit(".".into()),
            ]
        );
    }

    #[test]
    fn resolves_forms() {
        let f = fillers();
        let cases = [
            ("C2.in", Some(Slot::Country(1, CountryForm::In))),
            ("P3.short", Some(Slot::Person(2, PersonForm::Short))),
            ("CITY2.in", Some(Slot::City(1, CityForm::In))),
            (
                "GROUP.short",
                Some(Slot::Org(OrgKind::Group, OrgForm::Short)),
            ),
            ("date_future", Some(Slot::Date(true))),
            ("P4", None),
            ("C1.plural", None),
            ("nosuchslot", None),
            ("quote.x", None),
        ];
        for (name, want) in cases {
            assert_eq!(resolve(name, &f), want, "{name}");
        }
    }

    #[test]
    fn unknown_or_unclosed_placeholders_are_errors() {
        assert!(
            parse("{P1} {nope}", &fillers())
                .unwrap_err()
                .contains("{nope}")
        );
        assert!(parse("{P1", &fillers()).unwrap_err().contains("unclosed"));
    }
}
