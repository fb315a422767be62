//! The aggregate tables: hand-computed values on a three-article corpus
//! (two near-duplicates and one other), shards equal to one output over the
//! union (library and binary), and both formats written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gazette::aggregate::{AGGREGATES, write_aggregates};
use gazette::document::{
    ActorKind, Anchor, DateMention, DateOrigin, DocActor, Document, Event, EventStatus,
    Granularity, Mention, Precision, Published, Quote, QuoteKind,
};
use gazette::ingest::RawArticle;
use gazette::resolve::actor_id;
use gazette::text::Preparer;
use polars::prelude::*;

use crate::eval::write_tables;
use crate::util::{root, run_ok, strings, table};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A prepared article with hand-placed records.
struct Doc(Document);

impl Doc {
    fn new(source: &str, published: NaiveDate, text: &str) -> Doc {
        let raw = RawArticle {
            source: source.into(),
            title: None,
            text: text.into(),
            published: Some(Published {
                date: published,
                precision: Precision::Day,
                origin: DateOrigin::Metadata,
            }),
            lang: Some("fr".into()),
            url: None,
        };
        Doc(Preparer::with_abbreviations(vec![], 40)
            .prepare(raw)
            .unwrap())
    }

    fn actor(&mut self, name: &str, kind: ActorKind, country: &str) -> usize {
        let key = format!("test:{name}");
        self.0.actors.push(DocActor {
            actor_id: actor_id(&key),
            key,
            name: name.into(),
            kind,
            country: Some(country.into()),
            sector: None,
            known_aliases: vec![],
            wikidata: None,
        });
        self.0.actors.len() - 1
    }

    fn span(&self, text: &str, nth: usize) -> gazette::document::Span {
        let start = self
            .0
            .text
            .match_indices(text)
            .nth(nth)
            .unwrap_or_else(|| panic!("{text:?} #{nth} not in {:?}", self.0.text))
            .0;
        gazette::document::Span::new(start, start + text.len())
    }

    fn mention(&mut self, actor: usize, text: &str, nth: usize) {
        let span = self.span(text, nth);
        let sentence = self.0.sentence_at(span.start);
        self.0.mentions.push(Mention {
            span,
            sentence,
            actor,
            role: None,
            metonym: false,
        });
        self.0.mentions.sort_by_key(|m| m.span);
    }

    fn event(
        &mut self,
        ty: &str,
        s: usize,
        t: usize,
        status: EventStatus,
        evidence: &str,
        date: Option<usize>,
    ) {
        let span = self.span(evidence, 0);
        self.0.events.push(Event {
            sentence: self.0.sentence_at(span.start),
            event_type: ty.into(),
            mode: None,
            sources: vec![s],
            targets: vec![t],
            location: None,
            date,
            status,
            trigger: String::new(),
            span,
            confidence: 0.9,
        });
    }
}

const ARTICLE_A: &str = "Sergueï Lavrov est arrivé au Mali. La Russie aidera le Mali, a dit Lavrov. \
                         Moscou a livré des avions en octobre.";

/// Article A, or its near-duplicate B (same events, one sentence more).
fn article_a(source: &str, published: NaiveDate, extra: &str) -> Doc {
    let mut d = Doc::new(source, published, &format!("{ARTICLE_A} {extra}"));
    let l = d.actor("Sergueï Lavrov", ActorKind::Person, "RUS");
    let r = d.actor("Russie", ActorKind::Country, "RUS");
    let m = d.actor("Mali", ActorKind::Country, "MLI");
    d.mention(l, "Sergueï Lavrov", 0);
    d.mention(m, "Mali", 0);
    d.mention(r, "Russie", 0);
    d.mention(m, "Mali", 1);
    d.mention(l, "Lavrov", 1);
    d.mention(r, "Moscou", 0);
    let q = d.span("La Russie aidera le Mali", 0);
    d.0.quotes.push(Quote {
        span: q,
        sentence: 1,
        kind: QuoteKind::Indirect,
        speaker: Some(l),
        cue: Some("a dit".into()),
    });
    let oct = d.span("en octobre", 0);
    d.0.dates.push(DateMention {
        span: oct,
        sentence: 2,
        value: Some("2024-10".into()),
        start_date: Some(day(2024, 10, 1)),
        end_date: Some(day(2024, 10, 31)),
        granularity: Granularity::Month,
        anchor: Anchor::Publication,
    });
    d.event(
        "CONSULT",
        l,
        m,
        EventStatus::Asserted,
        "Sergueï Lavrov est arrivé au Mali",
        None,
    );
    d.event(
        "AID",
        r,
        m,
        EventStatus::Planned,
        "La Russie aidera le Mali",
        None,
    );
    d.event(
        "AID",
        r,
        m,
        EventStatus::Asserted,
        "Moscou a livré des avions en octobre",
        Some(0),
    );
    d
}

/// Article C: two accusations (two distinct events) and a negated rejection.
fn article_c() -> Doc {
    let mut d = Doc::new(
        "c.txt",
        day(2025, 1, 10),
        "Le Mali a accusé la France. Le Mali a encore accusé la France. \
         La France n'a pas rejeté les accusations du Mali.",
    );
    let m = d.actor("Mali", ActorKind::Country, "MLI");
    let f = d.actor("France", ActorKind::Country, "FRA");
    for i in 0..3 {
        d.mention(m, "Mali", i);
        d.mention(f, "France", i);
    }
    d.event(
        "ACCUSE",
        m,
        f,
        EventStatus::Asserted,
        "Le Mali a accusé la France",
        None,
    );
    d.event(
        "ACCUSE",
        m,
        f,
        EventStatus::Asserted,
        "Le Mali a encore accusé la France",
        None,
    );
    d.event(
        "REJECT",
        f,
        m,
        EventStatus::Negated,
        "La France n'a pas rejeté",
        None,
    );
    d
}

fn corpus() -> Vec<Document> {
    let a = article_a("a.txt", day(2024, 11, 5), "");
    let mut b = article_a("b.txt", day(2024, 11, 6), "Fin.");
    b.0.duplicate_of = Some(a.0.id.clone());
    vec![a.0, b.0, article_c().0]
}

/// Rows of a table as `column=value` strings keyed by `key` columns.
fn rows(out: &Path, name: &str, key: &[&str]) -> BTreeMap<String, BTreeMap<String, String>> {
    let df = table(out, name);
    let mut by_row: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); df.height()];
    for c in df.columns() {
        let s = c.cast(&DataType::String).unwrap();
        for (i, v) in s.str().unwrap().iter().enumerate() {
            by_row[i].insert(c.name().to_string(), v.unwrap_or("null").to_string());
        }
    }
    by_row
        .into_iter()
        .map(|r| {
            (
                key.iter()
                    .map(|k| r[*k].clone())
                    .collect::<Vec<_>>()
                    .join("|"),
                r,
            )
        })
        .collect()
}

/// Checks `expected` `(row key, [(column, value)])` against a table.
fn check(out: &Path, name: &str, key: &[&str], expected: &[(&str, &[(&str, &str)])]) {
    let got = rows(out, name, key);
    assert_eq!(got.len(), expected.len(), "{name}: rows {:#?}", got.keys());
    for (k, cols) in expected {
        let row = got
            .get(*k)
            .unwrap_or_else(|| panic!("{name}: no row {k}; rows {:#?}", got.keys()));
        for (c, v) in *cols {
            assert_eq!(row[*c], *v, "{name} row {k} column {c}");
        }
    }
}

#[test]
fn aggregates_match_a_hand_computation() {
    let out = tempfile::tempdir().unwrap();
    write_tables(out.path(), &corpus());
    let counts = write_aggregates(&[out.path().to_path_buf()], out.path()).unwrap();
    check(
        out.path(),
        "actor_summary",
        &["name"],
        &[
            (
                "Sergueï Lavrov",
                &[
                    ("n_mentions", "4"),
                    ("n_articles", "2"),
                    ("n_sentences", "4"),
                    ("n_quotes", "2"),
                    ("n_events_as_source", "2"),
                    ("n_events_as_target", "0"),
                    ("first_seen", "2024-11-05"),
                    ("last_seen", "2024-11-06"),
                    ("kind", "person"),
                    ("country", "RUS"),
                ],
            ),
            (
                "Russie",
                &[
                    ("n_mentions", "4"),
                    ("n_articles", "2"),
                    ("n_sentences", "4"),
                    ("n_quotes", "0"),
                    ("n_events_as_source", "4"),
                    ("n_events_as_target", "0"),
                ],
            ),
            (
                "Mali",
                &[
                    ("n_mentions", "7"),
                    ("n_articles", "3"),
                    ("n_sentences", "7"),
                    ("n_events_as_source", "2"),
                    ("n_events_as_target", "7"),
                    ("last_seen", "2025-01-10"),
                ],
            ),
            (
                "France",
                &[
                    ("n_mentions", "3"),
                    ("n_articles", "1"),
                    ("n_sentences", "3"),
                    ("n_events_as_source", "1"),
                    ("n_events_as_target", "2"),
                ],
            ),
        ],
    );
    // pairs keyed by their names, whatever the id order
    let pairs = rows(out.path(), "cooccurrence", &["name_a", "name_b"]);
    let mut got: Vec<(String, String, String)> = pairs
        .values()
        .map(|r| {
            let mut n = [r["name_a"].clone(), r["name_b"].clone()];
            n.sort();
            (
                n.join("+"),
                r["n_articles"].clone(),
                r["n_sentences"].clone(),
            )
        })
        .collect();
    got.sort();
    let want = [
        ("France+Mali", "1", "3"),
        ("Mali+Russie", "2", "2"),
        ("Mali+Sergueï Lavrov", "2", "4"),
        ("Russie+Sergueï Lavrov", "2", "2"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
    fn n(e: &'static str, d: &'static str, a: &'static str) -> [(&'static str, &'static str); 3] {
        [("n_events", e), ("n_distinct_events", d), ("n_articles", a)]
    }
    check(
        out.path(),
        "event_counts",
        &["month", "type", "status"],
        &[
            ("2024-11|CONSULT|asserted", &n("2", "1", "2")),
            ("2024-11|AID|planned", &n("2", "1", "2")),
            ("2024-10|AID|asserted", &n("2", "1", "2")),
            ("2025-01|ACCUSE|asserted", &n("2", "2", "1")),
            ("2025-01|REJECT|negated", &n("1", "1", "1")),
        ],
    );
    check(
        out.path(),
        "dyads",
        &["level", "source_name", "target_name"],
        &[
            (
                "actor|Sergueï Lavrov|Mali",
                &[
                    ("n_events", "2"),
                    ("n_distinct_events", "1"),
                    ("n_verbal_cooperation", "2"),
                    ("n_articles", "2"),
                    ("first_date", "2024-11-05"),
                    ("last_date", "2024-11-05"),
                ],
            ),
            (
                "actor|Russie|Mali",
                &[
                    ("n_events", "4"),
                    ("n_distinct_events", "2"),
                    ("n_material_cooperation", "4"),
                    ("first_date", "2024-10-01"),
                    ("last_date", "2024-11-05"),
                ],
            ),
            (
                "actor|Mali|France",
                &[
                    ("n_events", "2"),
                    ("n_distinct_events", "2"),
                    ("n_verbal_conflict", "2"),
                    ("n_material_conflict", "0"),
                ],
            ),
            (
                "country|RUS|MLI",
                &[
                    ("n_events", "6"),
                    ("n_distinct_events", "3"),
                    ("n_verbal_cooperation", "2"),
                    ("n_material_cooperation", "4"),
                    ("n_articles", "2"),
                ],
            ),
            (
                "country|MLI|FRA",
                &[("n_events", "2"), ("n_distinct_events", "2")],
            ),
        ],
    );
    let t = table(out.path(), "timeline");
    assert_eq!(t.height(), 9);
    let dates = strings(&t, "date");
    let first: Vec<&str> = dates.iter().map(|d| d.as_deref().unwrap()).collect();
    assert_eq!(first[..2], ["2024-10-01", "2024-10-01"]);
    assert_eq!(first[8], "2025-01-10");
    assert_eq!(
        strings(&t, "evidence")[0].as_deref(),
        Some("Moscou a livré des avions en octobre")
    );
    assert_eq!(strings(&t, "date_origin")[0].as_deref(), Some("event"));
    assert_eq!(
        strings(&t, "date_origin")[2].as_deref(),
        Some("publication")
    );
    // B's events are dated by A, the first article of their family
    assert!(!first.contains(&"2024-11-06"));
    assert_eq!(counts["timeline"], 9);
    let summary = table(out.path(), "actor_summary");
    assert_eq!(
        summary.column("n_mentions").unwrap().i64().unwrap().sum(),
        Some(18)
    );
    for spec in AGGREGATES {
        assert!(
            out.path()
                .join("csv")
                .join(format!("{}.csv", spec.name))
                .is_file()
        );
        let df = table(out.path(), spec.name);
        for c in spec.columns {
            assert_eq!(
                df.column(c.name).unwrap().dtype(),
                &c.ty.dtype(),
                "{}.{}",
                spec.name,
                c.name
            );
        }
    }
}

/// Every aggregate table of two destinations is the same.
fn assert_same_aggregates(a: &Path, b: &Path) {
    for spec in AGGREGATES {
        let (x, y) = (table(a, spec.name), table(b, spec.name));
        assert!(x.equals_missing(&y), "{} differs:\n{x}\n{y}", spec.name);
        let csv = |d: &Path| {
            std::fs::read_to_string(d.join("csv").join(format!("{}.csv", spec.name))).unwrap()
        };
        assert_eq!(csv(a), csv(b), "{}.csv differs", spec.name);
    }
}

#[test]
fn shards_aggregate_like_one_output() {
    let docs = corpus();
    let dir = tempfile::tempdir().unwrap();
    let (whole, h1, h2, dest) = (
        dir.path().join("whole"),
        dir.path().join("h1"),
        dir.path().join("h2"),
        dir.path().join("dest"),
    );
    write_tables(&whole, &docs);
    write_tables(&h1, &docs[..2]);
    write_tables(&h2, &docs[2..]);
    write_aggregates(std::slice::from_ref(&whole), &whole).unwrap();
    write_aggregates(&[h1, h2], &dest).unwrap();
    assert_eq!(table(&dest, "timeline").height(), 9);
    assert_same_aggregates(&whole, &dest);
}

#[test]
fn binary_on_two_halves_equals_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let halves: [PathBuf; 2] = [dir.path().join("in1"), dir.path().join("in2")];
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, f) in files.iter().enumerate() {
        let half = &halves[usize::from(i >= 3)];
        std::fs::create_dir_all(half).unwrap();
        std::fs::copy(f, half.join(f.file_name().unwrap())).unwrap();
    }
    let out = |n: &str| dir.path().join(n);
    run_ok(&root().join("seeds"), &out("whole"), &[]);
    run_ok(&halves[0], &out("o1"), &[]);
    run_ok(&halves[1], &out("o2"), &[]);
    let s = |p: PathBuf| p.to_str().unwrap().to_string();
    for args in [
        vec!["aggregate".to_string(), s(out("whole")), "-q".into()],
        vec![
            "aggregate".into(),
            s(out("o1")),
            s(out("o2")),
            "--dest".into(),
            s(out("dest")),
            "-q".into(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = crate::util::gazette(&args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    assert_same_aggregates(&out("whole"), &out("dest"));
    // month partitions read like single files
    run_ok(
        &root().join("seeds"),
        &out("part"),
        &["--partition", "month"],
    );
    write_aggregates(&[out("part")], &out("part")).unwrap();
    assert_same_aggregates(&out("whole"), &out("part"));
    // every run writes its own aggregates too
    assert!(out("o1").join("parquet").join("timeline.parquet").exists());
    let o = crate::util::gazette(&["aggregate", dir.path().to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a folder without tables is an error"
    );
}

#[test]
fn run_aggregates_from_compact_state_equal_the_queries() {
    // a run counts actor_summary, cooccurrence, event_counts, dyads and
    // timeline batch by batch (`aggregate::{compact, event_state,
    // timeline}`); `gazette aggregate` queries the written tables: both must
    // give the same tables, here on a generated corpus whose near-duplicates
    // arrive batches after their first article (batches of 8 articles)
    let dir = tempfile::tempdir().unwrap();
    let (corpus, run, dest) = (
        dir.path().join("corpus"),
        dir.path().join("run"),
        dir.path().join("dest"),
    );
    let o = crate::util::gazette(&[
        "synth",
        "--articles",
        "160",
        "--seed",
        "11",
        corpus.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let config = small_batch_config(dir.path(), 8);
    run_ok(&corpus, &run, &["--config", config.to_str().unwrap()]);
    let articles = table(&run, "articles");
    let dups = articles.column("duplicate_of").unwrap().null_count();
    assert!(
        dups + 2 <= articles.height(),
        "the corpus must hold near-duplicates"
    );
    let manifest = std::fs::read_to_string(run.join("manifest.json")).unwrap();
    assert!(
        !manifest.contains("dyads were computed from the written tables"),
        "dyads must come from the run's own counts here"
    );
    write_aggregates(std::slice::from_ref(&run), &dest).unwrap();
    assert_same_aggregates(&run, &dest);
    assert!(table(&run, "dyads").height() > 0);
    // the run's report takes its top actors, their links and the speakers'
    // counts from the aggregates in hand: written again from the tables
    // alone, it must not change by a byte
    let by_run = std::fs::read_to_string(run.join("report.html")).unwrap();
    assert!(by_run.contains("<section id=\"speakers\""));
    let o = crate::util::gazette(&["report", run.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let by_tables = std::fs::read_to_string(run.join("report.html")).unwrap();
    assert!(
        by_run == by_tables,
        "the run's report differs from the tables'"
    );
}

/// The default pipeline with batches of `n` articles, as a config file in
/// `dir` (data files are reached through links to `pipelines/`).
fn small_batch_config(dir: &Path, n: usize) -> PathBuf {
    let pipelines = root().join("pipelines");
    let conf = dir.join("conf");
    std::fs::create_dir_all(&conf).unwrap();
    for e in std::fs::read_dir(&pipelines).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            std::os::unix::fs::symlink(e.path(), conf.join(e.file_name())).unwrap();
        }
    }
    let toml = std::fs::read_to_string(pipelines.join("default.toml")).unwrap();
    let toml = toml.replace("batch_size = 256", &format!("batch_size = {n}"));
    assert!(toml.contains(&format!("batch_size = {n}")));
    let path = conf.join("small-batches.toml");
    std::fs::write(&path, toml).unwrap();
    path
}
