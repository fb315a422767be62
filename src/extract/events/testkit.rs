//! Test helper: documents built by hand (text prepared as the pipeline
//! does, actors, mentions and dates placed where their surface forms
//! occur), the stage built from the default configuration with a few
//! demonyms, and a one-line description of each event to compare.

use std::path::Path;

use chrono::NaiveDate;

use crate::config::Config;
use crate::document::{
    ActorKind, Anchor, DateMention, DocActor, Document, Granularity, Mention, Quote, QuoteKind,
    Span,
};
use crate::ingest::RawArticle;
use crate::pipeline::Stage;
use crate::text::Preparer;

use super::{Countries, EventsStage};
use crate::document::ActorKind::{Country, Organization, Person, Place};

/// The stage as configured by `pipelines/default.toml`, with a few test
/// demonyms instead of the gazetteer's (tests do not depend on its content).
pub fn stage() -> EventsStage {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/default.toml");
    let cfg = Config::load(&path).expect("default config");
    let mut st = EventsStage::build(&cfg).expect("events stage builds");
    let mut c = Countries::default();
    for (code, name, dems) in [
        ("RUS", "Russie", "russe|russes|russian|russians"),
        (
            "MLI",
            "Mali",
            "malien|malienne|maliens|maliennes|malian|malians",
        ),
        (
            "NER",
            "Niger",
            "nigérien|nigérienne|nigériens|nigerien|nigerian",
        ),
        ("FRA", "France", "français|française|françaises|french"),
        ("BFA", "Burkina Faso", "burkinabè|burkinabé|burkinabe"),
        (
            "USA",
            "United States",
            "américain|américaine|american|americans",
        ),
        ("ISR", "Israel", "israélien|israélienne|israeli|israelis"),
        (
            "PSE",
            "Palestine",
            "palestinien|palestinienne|palestinian|palestinians",
        ),
    ] {
        for d in dems.split('|') {
            c.demonyms
                .insert(super::tokens::fold_entry(d), code.to_string());
        }
        c.names.insert(
            code.into(),
            super::CountryEntry {
                key: format!("gz:country:{code}"),
                name_fr: name.into(),
                name_en: name.into(),
                country: code.into(),
            },
        );
    }
    st.set_countries(c);
    st
}

/// An actor of a test document: canonical name, kind, country and the
/// surface forms to mark as mentions wherever they occur as words.
pub struct A(
    pub &'static str,
    pub ActorKind,
    pub Option<&'static str>,
    pub &'static [&'static str],
);

/// Builds a document: `actors` are found by their surface forms, `dates`
/// are (surface, ISO value) pairs, `quotes` are (quoted text, speaker name).
pub fn doc(
    lang: &str,
    text: &str,
    actors: &[A],
    dates: &[(&str, &str)],
    quotes: &[(&str, &str)],
) -> Document {
    let prep = Preparer::with_abbreviations(
        vec!["M.".into(), "Mme".into(), "U.S.".into(), "Dr.".into()],
        20,
    );
    let mut d = prep
        .prepare(RawArticle::for_test(lang, text))
        .expect("test text prepares");
    for (i, A(name, kind, country, forms)) in actors.iter().enumerate() {
        d.actors.push(DocActor {
            actor_id: format!("A{i}"),
            key: format!("test:{name}"),
            name: name.to_string(),
            kind: *kind,
            country: country.map(str::to_string),
            sector: None,
            known_aliases: Vec::new(),
            wikidata: None,
        });
        let mut forms: Vec<&str> = forms.to_vec();
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        for f in forms {
            for (pos, _) in d.text.match_indices(f) {
                let span = Span::new(pos, pos + f.len());
                let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if !boundary(d.text[..pos].chars().next_back())
                    || !boundary(d.text[span.end..].chars().next())
                {
                    continue;
                }
                if d.mentions.iter().any(|m| m.span.overlaps(span)) {
                    continue;
                }
                let sentence = d.sentence_at(pos);
                d.mentions.push(Mention {
                    span,
                    sentence,
                    actor: i,
                    role: None,
                    metonym: false,
                });
            }
        }
    }
    d.mentions.sort_by_key(|m| m.span.start);
    for (surface, value) in dates {
        let Some(pos) = d.text.find(surface) else {
            panic!("date '{surface}' not in text");
        };
        let (s, e) = value.split_once('/').unwrap_or((value, value));
        let parse = |v: &str, end: bool| -> Option<NaiveDate> {
            let parts: Vec<u32> = v.split('-').filter_map(|p| p.parse().ok()).collect();
            match parts.as_slice() {
                [y, m, day] => NaiveDate::from_ymd_opt(*y as i32, *m, *day),
                [y, m] if end => NaiveDate::from_ymd_opt(*y as i32, *m + 1, 1)
                    .or_else(|| NaiveDate::from_ymd_opt(*y as i32 + 1, 1, 1))
                    .and_then(|x| x.pred_opt()),
                [y, m] => NaiveDate::from_ymd_opt(*y as i32, *m, 1),
                [y] if end => NaiveDate::from_ymd_opt(*y as i32, 12, 31),
                [y] => NaiveDate::from_ymd_opt(*y as i32, 1, 1),
                _ => None,
            }
        };
        d.dates.push(DateMention {
            span: Span::new(pos, pos + surface.len()),
            sentence: d.sentence_at(pos),
            value: Some(value.to_string()),
            start_date: parse(s, false),
            end_date: parse(e, true),
            granularity: if value.contains('/') {
                Granularity::Range
            } else {
                Granularity::Day
            },
            anchor: Anchor::Absolute,
        });
    }
    d.dates.sort_by_key(|x| x.span.start);
    for (q, speaker) in quotes {
        let pos = d.text.find(q).expect("quote in text");
        d.quotes.push(Quote {
            span: Span::new(pos, pos + q.len()),
            sentence: d.sentence_at(pos),
            kind: QuoteKind::Direct,
            speaker: d.actors.iter().position(|a| a.name == *speaker),
            cue: None,
        });
    }
    d
}

/// `TYPE SRC>TGT status [@date]`, participants by country code (or name).
pub fn describe(d: &Document) -> Vec<String> {
    let who = |v: &[usize]| {
        v.iter()
            .map(|i| {
                let a = &d.actors[*i];
                a.country.clone().unwrap_or_else(|| a.name.clone())
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut out: Vec<String> = d
        .events
        .iter()
        .map(|e| {
            let date = e
                .date
                .and_then(|i| d.dates[i].value.clone())
                .map(|v| format!(" @{v}"))
                .unwrap_or_default();
            format!(
                "{} {}>{} {}{}",
                e.event_type,
                who(&e.sources),
                who(&e.targets),
                e.status.as_str(),
                date
            )
        })
        .collect();
    out.sort();
    out
}

/// Runs the stage on a document and describes its events.
pub fn run(st: &EventsStage, mut d: Document) -> (Vec<String>, Document) {
    st.process(&mut d);
    (describe(&d), d)
}

// Actors the test texts use.
pub const RUSSIE: A = A("Russie", Country, Some("RUS"), &["Russie", "Moscou"]);
pub const MALI: A = A("Mali", Country, Some("MLI"), &["Mali"]);
pub const NIGER: A = A("Niger", Country, Some("NER"), &["Niger"]);
pub const BURKINA: A = A("Burkina Faso", Country, Some("BFA"), &["Burkina Faso"]);
pub const FRANCE: A = A("France", Country, Some("FRA"), &["France", "Paris"]);
pub const BAMAKO: A = A("Bamako", Place, Some("MLI"), &["Bamako"]);
pub const NIAMEY: A = A("Niamey", Place, Some("NER"), &["Niamey"]);
pub const LAVROV: A = A(
    "Sergueï Lavrov",
    Person,
    Some("RUS"),
    &["Sergueï Lavrov", "Sergei Lavrov", "Lavrov"],
);
pub const DIOP: A = A(
    "Abdoulaye Diop",
    Person,
    Some("MLI"),
    &["Abdoulaye Diop", "Diop"],
);
pub const CEDEAO: A = A("CEDEAO", Organization, None, &["CEDEAO", "ECOWAS"]);
pub const JNIM: A = A("JNIM", Organization, None, &["JNIM"]);
pub const ARMY_ML: A = A(
    "Forces armées maliennes",
    Organization,
    Some("MLI"),
    &["Forces armées maliennes", "FAMa", "Malian army"],
);
pub const RUSSIA: A = A("Russia", Country, Some("RUS"), &["Russia", "Moscow"]);
pub const MALI_EN: A = A("Mali", Country, Some("MLI"), &["Mali"]);
pub const NIGER_EN: A = A("Niger", Country, Some("NER"), &["Niger"]);
pub const FRANCE_EN: A = A("France", Country, Some("FRA"), &["France", "Paris"]);
pub const USA: A = A(
    "United States",
    Country,
    Some("USA"),
    &["United States", "Washington"],
);
pub const ECOWAS: A = A("ECOWAS", Organization, None, &["ECOWAS"]);

/// One table-driven case: the events expected in a text.
pub struct Case {
    /// Case name.
    pub name: &'static str,
    /// Case lang.
    pub lang: &'static str,
    /// Case text.
    pub text: &'static str,
    /// Case actors.
    pub actors: &'static [A],
    /// Case dates.
    pub dates: &'static [(&'static str, &'static str)],
    /// Case want.
    pub want: &'static [&'static str],
}

/// Runs cases; fails listing every case whose events differ.
pub fn check(cases: &[Case]) {
    let st = stage();
    let mut failed = Vec::new();
    for c in cases {
        let d = doc(c.lang, c.text, c.actors, c.dates, &[]);
        let (got, _) = run(&st, d);
        let mut want: Vec<String> = c.want.iter().map(|s| s.to_string()).collect();
        want.sort();
        if got != want {
            failed.push(format!(
                "{} [{}]: {}\n    want {:?}\n    got  {:?}",
                c.name, c.lang, c.text, want, got
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} case(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
