//! English cases: one table per pattern family, plus the non-dates.
//! 2025-04-03 is a Thursday.

use super::{Case, check};

const D: Option<&str> = Some("2025-04-03");

#[rustfmt::skip]
const ABSOLUTE_DATES: &[Case] = &[
    Case { name: "month day, year", published: None,
        text: "The treaty was signed on April 3, 2025 in Moscow.",
        want: &[("on April 3, 2025", Some("2025-04-03"))] },
    Case { name: "day month year", published: None,
        text: "The summit opened on 3 April 2025.",
        want: &[("on 3 April 2025", Some("2025-04-03"))] },
    Case { name: "ordinal of month", published: None,
        text: "It ended on the 21st of March 2024.",
        want: &[("on the 21st of March 2024", Some("2024-03-21"))] },
    Case { name: "numeric month/day/year", published: None,
        text: "The decree dated 04/03/2025 was published.",
        want: &[("04/03/2025", Some("2025-04-03"))] },
    Case { name: "numeric with a first field over 12", published: None,
        text: "The letter dated 25/12/2024 was leaked.",
        want: &[("25/12/2024", Some("2024-12-25"))] },
    Case { name: "abbreviated month", published: None,
        text: "Filed on Sept. 5, 2023 in court.",
        want: &[("on Sept. 5, 2023", Some("2023-09-05"))] },
    Case { name: "month year", published: None,
        text: "Elections were held in March 2024.",
        want: &[("in March 2024", Some("2024-03"))] },
    Case { name: "years in context", published: None,
        text: "The alliance was created in 2023 and has ruled since 2022.",
        want: &[("in 2023", Some("2023")), ("since 2022", Some("2022"))] },
    Case { name: "year range", published: None,
        text: "He was minister from 2015 to 2019.",
        want: &[("from 2015 to 2019", Some("2015/2019"))] },
    Case { name: "the year + year", published: None,
        text: "Nothing changed in the year 2019.",
        want: &[("in the year 2019", Some("2019"))] },
    Case { name: "list of years", published: None,
        text: "Elections took place in 2020 and 2023.",
        want: &[("in 2020 and 2023", Some("2020/2023"))] },
    Case { name: "year range with hyphen", published: None,
        text: "The 2024-2026 plan was adopted.",
        want: &[("The 2024-2026", Some("2024/2026"))] },
    Case { name: "attributive year after the", published: None,
        text: "The 2023 coup ended the 2012 pact.",
        want: &[("The 2023", Some("2023")), ("the 2012", Some("2012"))] },
];

#[test]
fn absolute_dates() {
    check("en", ABSOLUTE_DATES);
}

#[rustfmt::skip]
const DAY_MONTH_WITHOUT_YEAR: &[Case] = &[
    Case { name: "past day", published: Some("2025-02-10"),
        text: "The second batch was delivered on January 19.",
        want: &[("on January 19", Some("2025-01-19"))] },
    Case { name: "December in a January article", published: Some("2025-01-10"),
        text: "Talks began on December 28 and resumed in December.",
        want: &[("on December 28", Some("2024-12-28")), ("in December", Some("2024-12"))] },
    Case { name: "future tense crosses into next year", published: Some("2024-12-20"),
        text: "The summit will open on 10 January.",
        want: &[("on 10 January", Some("2025-01-10"))] },
    Case { name: "leap day", published: Some("2025-03-01"),
        text: "Troops arrived on February 29.",
        want: &[("on February 29", Some("2024-02-29"))] },
    Case { name: "last + month", published: D,
        text: "Fighting resumed last March.",
        want: &[("last March", Some("2025-03"))] },
    Case { name: "weekday, month, day: nearest year of that weekday", published: None,
        text: "Officials met on Tuesday, March 4 after talks that began in 2024.",
        want: &[("on Tuesday, March 4", Some("2025-03-04")), ("in 2024", Some("2024"))] },
];

#[test]
fn day_month_without_year() {
    check("en", DAY_MONTH_WITHOUT_YEAR);
}

#[rustfmt::skip]
const WEEKDAYS_AND_RELATIVE_EXPRESSIONS: &[Case] = &[
    Case { name: "on + weekday, past", published: D,
        text: "He met the minister on Tuesday.",
        want: &[("on Tuesday", Some("2025-04-01"))] },
    Case { name: "weekday, future", published: D,
        text: "They will meet on Friday.",
        want: &[("on Friday", Some("2025-04-04"))] },
    Case { name: "last / next / this weekday", published: D,
        text: "Last Friday, next Tuesday and this Monday.",
        want: &[("Last Friday", Some("2025-03-28")), ("next Tuesday", Some("2025-04-08")), ("this Monday", Some("2025-03-31"))] },
    Case { name: "deictic days", published: D,
        text: "Yesterday, today and tomorrow; the day before yesterday too.",
        want: &[("Yesterday", Some("2025-04-02")), ("today", Some("2025-04-03")), ("tomorrow", Some("2025-04-04")), ("the day before yesterday", Some("2025-04-01"))] },
    Case { name: "weeks months years", published: D,
        text: "Last week, next month, last year and this year.",
        want: &[("Last week", Some("2025-W13")), ("next month", Some("2025-05")), ("last year", Some("2024")), ("this year", Some("2025"))] },
    Case { name: "ago", published: D,
        text: "Three days ago, two weeks ago and a year ago.",
        want: &[("Three days ago", Some("2025-03-31")), ("two weeks ago", Some("2025-W12")), ("a year ago", Some("2024"))] },
    Case { name: "from now", published: D,
        text: "The vote is set for two days from now.",
        want: &[("two days from now", Some("2025-04-05"))] },
    Case { name: "relative without publication stays null", published: None,
        text: "He arrived yesterday and leaves next week.",
        want: &[("yesterday", None), ("next week", None)] },
    Case { name: "weekday the ordinal", published: Some("2024-09-20"),
        text: "The attack happened on Friday the 13th.",
        want: &[("on Friday the 13th", Some("2024-09-13"))] },
    Case { name: "the current year", published: D,
        text: "Targets for the current year were met.",
        want: &[("the current year", Some("2025"))] },
    Case { name: "would marks the future", published: Some("2025-04-05"),
        text: "He said he would travel to Gao on Monday.",
        want: &[("on Monday", Some("2025-04-07"))] },
    Case { name: "parts of today", published: D,
        text: "This morning, tonight and last night.",
        want: &[("This morning", Some("2025-04-03")), ("tonight", Some("2025-04-03")),
                ("last night", Some("2025-04-02"))] },
];

#[test]
fn weekdays_and_relative_expressions() {
    check("en", WEEKDAYS_AND_RELATIVE_EXPRESSIONS);
}

#[rustfmt::skip]
const PARTS_OF_PERIODS: &[Case] = &[
    Case { name: "early + year", published: None,
        text: "The deal was struck in early 2024.",
        want: &[("in early 2024", Some("2024"))] },
    Case { name: "late + month", published: D,
        text: "Fighting flared in late March.",
        want: &[("in late March", Some("2025-03"))] },
    Case { name: "mid- + year", published: None,
        text: "The coup took place in mid-2023.",
        want: &[("in mid-2023", Some("2023"))] },
    Case { name: "the end of the year", published: D,
        text: "Troops will leave by the end of the year.",
        want: &[("by the end of the year", Some("2025"))] },
    Case { name: "late last year", published: D,
        text: "The base was handed over late last year.",
        want: &[("late last year", Some("2024"))] },
];

#[test]
fn parts_of_periods() {
    check("en", PARTS_OF_PERIODS);
}

#[rustfmt::skip]
const LISTS_AND_RANGES: &[Case] = &[
    Case { name: "between days", published: D,
        text: "The fair runs between 3 and 5 May.",
        want: &[("between 3 and 5 May", Some("2025-05-03/2025-05-05"))] },
    Case { name: "month range with year", published: None,
        text: "From March to May 2024, output fell.",
        want: &[("From March to May 2024", Some("2024-03/2024-05"))] },
    Case { name: "hyphenated days", published: None,
        text: "The forum on May 3-5, 2025 drew ten states.",
        want: &[("on May 3-5, 2025", Some("2025-05-03/2025-05-05"))] },
    Case { name: "list of days", published: None,
        text: "Meetings on 28 and 29 November 2024 failed.",
        want: &[("on 28 and 29 November 2024", Some("2024-11-28/2024-11-29"))] },
    Case { name: "seasons", published: D,
        text: "Last summer was calm; the summer of 2023 was not.",
        want: &[("Last summer", Some("2024-06/2024-08")), ("the summer of 2023", Some("2023-06/2023-08"))] },
    Case { name: "month day list", published: None,
        text: "Talks on May 3 and 4, 2025 stalled.",
        want: &[("on May 3 and 4, 2025", Some("2025-05-03/2025-05-04"))] },
    Case { name: "month day range", published: None,
        text: "The truce held from March 3 to April 2, 2025.",
        want: &[("from March 3 to April 2, 2025", Some("2025-03-03/2025-04-02"))] },
    Case { name: "day range across months", published: None,
        text: "It ran from 28 November to 2 December 2024.",
        want: &[("from 28 November to 2 December 2024", Some("2024-11-28/2024-12-02"))] },
    Case { name: "day-day month", published: None,
        text: "The forum of 3-5 May 2024 drew ten states.",
        want: &[("3-5 May 2024", Some("2024-05-03/2024-05-05"))] },
    Case { name: "season relative and prepositional", published: Some("2025-01-15"),
        text: "This winter is mild; troops leave in the spring.",
        want: &[("This winter", Some("2024-12/2025-02")), ("in the spring", Some("2025-03/2025-05"))] },
];

#[test]
fn lists_and_ranges() {
    check("en", LISTS_AND_RANGES);
}

#[rustfmt::skip]
const NON_DATES: &[Case] = &[
    Case { name: "durations", published: D,
        text: "The war has lasted for two years and three months.",
        want: &[] },
    Case { name: "age", published: D,
        text: "A 45-year-old man, aged 45, was hurt.",
        want: &[] },
    Case { name: "time of day", published: D,
        text: "The meeting starts at 3 p.m. and ends at 17:30.",
        want: &[] },
    Case { name: "counts", published: D,
        text: "About 1,500 troops and 2,023 civilians left.",
        want: &[] },
    Case { name: "modal may and verb march", published: D,
        text: "Protesters may march to the palace.",
        want: &[] },
    Case { name: "day relative to another day", published: D,
        text: "The next day, they left; in the coming weeks, more will.",
        want: &[] },
    Case { name: "year inside a name", published: D,
        text: "Agenda 2063 and the COP28 talks.",
        want: &[] },
    Case { name: "grouped counts after the", published: D,
        text: "The 1,500 troops and the 45 soldiers left.",
        want: &[] },
];

#[test]
fn non_dates() {
    check("en", NON_DATES);
}

/// Every table of this file, for the pattern coverage test.
pub(super) const TABLES: &[&[Case]] = &[
    ABSOLUTE_DATES,
    DAY_MONTH_WITHOUT_YEAR,
    WEEKDAYS_AND_RELATIVE_EXPRESSIONS,
    PARTS_OF_PERIODS,
    LISTS_AND_RANGES,
    NON_DATES,
];
