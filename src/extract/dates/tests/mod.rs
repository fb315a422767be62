//! Table tests of the dates stage, run on the real data files of
//! `pipelines/`: one table per language ([`fr`], [`en`]), one runner that
//! prints every failing case.

mod en;
mod fr;
mod segments;

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::DatesStage;
use crate::config::Config;
use crate::document::{Anchor, DateOrigin, Document, Precision, Published};
use crate::ingest::RawArticle;
use crate::pipeline::Stage;
use crate::text::Preparer;

/// One test sentence: what the stage must find in it, in text order.
pub(super) struct Case {
    /// What the case checks.
    pub name: &'static str,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` when the article gives none.
    pub published: Option<&'static str>,
    /// The article text.
    pub text: &'static str,
    /// Every expression found (exact text) and its value.
    pub want: &'static [(&'static str, Option<&'static str>)],
}

fn shipped() -> &'static (Preparer, DatesStage) {
    static SHIPPED: OnceLock<(Preparer, DatesStage)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/default.toml");
        let cfg = Config::load(&path).expect("pipelines/default.toml loads");
        let preparer = Preparer::build(&cfg).expect("abbreviations load");
        let stage = DatesStage::build(&cfg).expect("the dates stage builds from the shipped data");
        (preparer, stage)
    })
}

fn parse_published(s: &str) -> Published {
    let parts: Vec<u32> = s.split('-').map(|p| p.parse().unwrap()).collect();
    let (date, precision) = match parts.as_slice() {
        [y] => (NaiveDate::from_ymd_opt(*y as i32, 1, 1), Precision::Year),
        [y, m] => (NaiveDate::from_ymd_opt(*y as i32, *m, 1), Precision::Month),
        [y, m, d] => (NaiveDate::from_ymd_opt(*y as i32, *m, *d), Precision::Day),
        _ => panic!("bad published {s}"),
    };
    Published {
        date: date.unwrap(),
        precision,
        origin: DateOrigin::Header,
    }
}

/// Prepares `text` as an article in `lang` and runs the stage on it.
pub(super) fn run(lang: &str, published: Option<&str>, text: &str) -> Document {
    let (preparer, stage) = shipped();
    let mut doc = preparer
        .prepare(RawArticle {
            source: "test".into(),
            title: None,
            text: text.into(),
            published: published.map(parse_published),
            lang: Some(lang.into()),
            url: None,
        })
        .expect("test text prepares");
    stage.process(&mut doc);
    doc
}

/// Runs every case of a table and fails listing each case that differs.
pub(super) fn check(lang: &str, cases: &[Case]) {
    let mut failures = Vec::new();
    for case in cases {
        let doc = run(lang, case.published, case.text);
        let got: Vec<(String, Option<String>)> = doc
            .dates
            .iter()
            .map(|d| (doc.slice(d.span).to_string(), d.value.clone()))
            .collect();
        let want: Vec<(String, Option<String>)> = case
            .want
            .iter()
            .map(|(t, v)| (t.to_string(), v.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!(
                "[{lang}] {}\n  text: {}\n  want: {want:?}\n  got:  {got:?}",
                case.name, case.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn stage_builds_and_keeps_text_order() {
    let doc = run(
        "fr",
        Some("2025-04-03"),
        "Hier, le ministre a parlé. Le 1er mai 2024 et demain comptent.",
    );
    let starts: Vec<usize> = doc.dates.iter().map(|d| d.span.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    assert_eq!(doc.dates.len(), 3);
    assert_eq!(doc.dates[0].sentence, 0);
    assert_eq!(doc.dates[1].sentence, 1);
}

#[test]
fn anchors_and_bounds_are_recorded() {
    let doc = run(
        "fr",
        Some("2025-04-03"),
        "Le traité du 3 mai 2024 a été signé hier, fin mars.",
    );
    let d = &doc.dates;
    assert_eq!(d.len(), 3, "{d:?}");
    assert_eq!(d[0].anchor, Anchor::Absolute);
    assert_eq!(d[1].anchor, Anchor::Publication);
    assert_eq!(d[2].value.as_deref(), Some("2025-03"));
    assert_eq!(d[2].start_date, NaiveDate::from_ymd_opt(2025, 3, 21));
    assert_eq!(d[2].end_date, NaiveDate::from_ymd_opt(2025, 3, 31));
    assert_eq!(d[2].granularity.as_str(), "range");
}

#[test]
fn weekday_and_context_anchors() {
    let cases: &[(&str, Option<&str>, &str, &str, Anchor)] = &[
        (
            "fr",
            None,
            "Reçus ce jeudi 3 avril. Créée en 2023.",
            "ce jeudi 3 avril",
            Anchor::Weekday,
        ),
        (
            "en",
            None,
            "Met on Tuesday, March 4; founded in 2024.",
            "on Tuesday, March 4",
            Anchor::Weekday,
        ),
        (
            "fr",
            Some("2024-11"),
            "Arrivés le 28 novembre. Partis ce vendredi.",
            "ce vendredi",
            Anchor::Context,
        ),
        (
            "fr",
            None,
            "En 2019, la mission. Le 3 mars, Gao.",
            "Le 3 mars",
            Anchor::Context,
        ),
        (
            "en",
            Some("2025-04-03"),
            "He left on Tuesday.",
            "on Tuesday",
            Anchor::Publication,
        ),
    ];
    for (lang, published, text, expr, anchor) in cases {
        let doc = run(lang, *published, text);
        let d = doc.dates.iter().find(|d| doc.slice(d.span) == *expr);
        assert_eq!(
            d.map(|d| d.anchor),
            Some(*anchor),
            "{text}: {:?}",
            doc.dates
        );
    }
}

#[test]
fn publication_is_inferred_from_the_latest_dated_past_day() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "fr",
            "Le 1er décembre 2024, une conférence s'est tenue à Bamako.",
            Some("2024-12-01"),
        ),
        (
            "fr",
            "Il les a reçus ce jeudi 3 avril. L'alliance a été créée en 2023.",
            Some("2025-04-01"),
        ),
        (
            "fr",
            "Le sommet aura lieu le 15 juin 2026. Le 3 mars 2025, le ministre a parlé.",
            Some("2025-03-01"),
        ),
        (
            "en",
            "The talks, held on March 4, 2024, failed. Another round was held in May 2024.",
            Some("2024-05-01"),
        ),
        (
            "fr",
            "Le 2 mars 2025, ils sont partis. Le lundi 3 avril 2025, ils sont revenus.",
            Some("2025-03-01"),
        ),
        ("fr", "L'alliance a été créée en 2023.", None),
        ("en", "On Monday the minister met his counterpart.", None),
    ];
    for (lang, text, want) in cases {
        let doc = run(lang, None, text);
        let got = doc.published.map(|p| {
            assert_eq!(p.origin, DateOrigin::Inferred);
            assert_eq!(p.precision, Precision::Month);
            p.date.to_string()
        });
        assert_eq!(got.as_deref(), *want, "{text}");
    }
}

#[test]
fn given_publication_is_kept() {
    let doc = run("fr", Some("2023-02"), "Le 1er décembre 2024, rien.");
    assert_eq!(doc.published.unwrap().origin, DateOrigin::Header);
}

#[test]
fn every_pattern_has_a_case() {
    let (preparer, stage) = shipped();
    for (lang, tables) in [("fr", fr::TABLES), ("en", en::TABLES)] {
        let model = &stage.langs[lang];
        let mut used = vec![false; model.n_patterns()];
        for case in tables.iter().flat_map(|t| t.iter()) {
            let doc = preparer
                .prepare(RawArticle {
                    source: "test".into(),
                    title: None,
                    text: case.text.into(),
                    published: None,
                    lang: Some(lang.into()),
                    url: None,
                })
                .unwrap();
            for e in model.find(&doc) {
                if let Some(k) = e.pattern {
                    used[k] = true;
                }
            }
        }
        let unused: Vec<&str> = (0..used.len())
            .filter(|k| !used[*k])
            .map(|k| model.pattern_name(k))
            .collect();
        assert!(
            unused.is_empty(),
            "[{lang}] patterns without a test case: {unused:?}"
        );
    }
}

/// Throughput of the stage alone on the seed articles and the case texts,
/// repeated to about 4 MB: `cargo test --lib extract::dates::tests::throughput
/// -- --ignored --nocapture` (the number depends on the build profile).
#[test]
#[ignore]
fn throughput() {
    let (preparer, stage) = shipped();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| {
            (
                "fr".to_string(),
                std::fs::read_to_string(e.unwrap().path()).unwrap(),
            )
        })
        .collect();
    for (lang, tables) in [("fr", fr::TABLES), ("en", en::TABLES)] {
        let para: Vec<&str> = tables
            .iter()
            .flat_map(|t| t.iter().map(|c| c.text))
            .collect();
        texts.push((lang.to_string(), para.join("\n")));
    }
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < 4_000_000 {
        for (lang, text) in &texts {
            let doc = preparer
                .prepare(RawArticle {
                    source: "bench".into(),
                    title: None,
                    text: text.clone(),
                    published: None,
                    lang: Some(lang.clone()),
                    url: None,
                })
                .unwrap();
            bytes += doc.text.len();
            docs.push(doc);
        }
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for doc in &mut docs {
        stage.process(doc);
        n += doc.dates.len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "dates stage: {} docs, {:.1} MB, {n} dates in {secs:.2} s = {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}

mod never_panics {
    use proptest::prelude::*;

    use super::run;

    const TOKENS: &[&str] = &[
        "le",
        "l'",
        "l’",
        "du",
        "au",
        "en",
        "depuis",
        "il y a",
        "dans",
        "ce",
        "cette",
        "ces",
        "dernier",
        "prochain",
        "mi",
        "-",
        "–",
        ",",
        "fin",
        "début",
        "de",
        "et",
        "à",
        "hier",
        "aujourd'hui",
        "semaine",
        "mois",
        "année",
        "ans",
        "lundi",
        "Vendredi",
        "janvier",
        "février",
        "mars",
        "déc.",
        "été",
        "1er",
        "3",
        "29",
        "31",
        "12",
        "2024",
        "1999",
        "2100",
        "99999999999999999999",
        "1 500",
        "2,5",
        "15h",
        "03/04/2025",
        "2024-02-30",
        "the",
        "on",
        "last",
        "next",
        "ago",
        "a",
        "three",
        "days",
        "year",
        "May",
        "March",
        "Tuesday",
        "3rd",
        "early",
        "mid",
        "late",
        "the end",
        "between",
        "and",
        "from",
        "to",
        "summer",
        "«",
        "»",
        "é",
        "’",
        "\n",
        ".",
        "Jeudi 3 avril",
        "2023",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_token_soup_gives_ordered_valid_mentions(
            picks in proptest::collection::vec((0..TOKENS.len(), 0..3usize), 1..40),
            lang in prop_oneof![Just("fr"), Just("en")],
            published in prop_oneof![
                Just(None), Just(Some("2025-01-02")), Just(Some("2024-02")), Just(Some("2023")),
            ],
        ) {
            let text: String = picks
                .iter()
                .map(|(t, sep)| format!("{}{}", TOKENS[*t], [" ", "", ", "][*sep]))
                .collect();
            // blank articles are rejected before any stage runs
            prop_assume!(!text.trim().is_empty());
            let doc = run(lang, published, &text);
            let mut last_end = 0;
            for d in &doc.dates {
                prop_assert!(d.span.start < d.span.end);
                prop_assert!(d.span.start >= last_end, "overlap in {text:?}");
                prop_assert!(doc.text.is_char_boundary(d.span.start));
                prop_assert!(doc.text.is_char_boundary(d.span.end));
                if let (Some(s), Some(e)) = (d.start_date, d.end_date) {
                    prop_assert!(s <= e, "{:?} in {text:?}", d);
                }
                prop_assert_eq!(d.value.is_some(), d.start_date.is_some());
                last_end = d.span.end;
            }
        }
    }
}
