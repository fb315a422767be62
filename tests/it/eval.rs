//! `gazette eval` against tables built from the gold files themselves: a
//! converter turns each gold file into a Document (actors and mentions,
//! quotes, dates, events located in the prepared seed text), the real table
//! writer writes them, and every score must be 1.0; then damaged copies must
//! score lower. Also the binary's own report and JSON.

use std::path::Path;

use gazette::Config;
use gazette::document::{
    ActorKind, Anchor, DateMention, DocActor, Document, Event, EventStatus, Granularity, Mention,
    Quote, QuoteKind, Span,
};
use gazette::eval::gold::{Gold, load_dir};
use gazette::eval::spans::Folded;
use gazette::eval::{evaluate, source_matches};
use gazette::ingest::{self, Limits};
use gazette::output::rows::BatchTables;
use gazette::output::schema::{ACTORS, ARTICLES, DATES, EVENTS, MENTIONS, QUOTES, TABLES};
use gazette::output::writer::{CommitMode, Formats, Layout, OutputWriter};
use gazette::resolve::{ActorRegistry, actor_id};
use gazette::text::Preparer;
use gazette::text::fold::fold;

use crate::util::{gazette, root};

/// Byte spans of every occurrence of `needle` in the document's text.
fn byte_spans(doc: &Document, needle: &str) -> Vec<Span> {
    let bytes: Vec<usize> = doc
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([doc.text.len()])
        .collect();
    Folded::new(&doc.text)
        .find_all(needle)
        .into_iter()
        .map(|r| Span::new(bytes[r.start], bytes[r.end]))
        .collect()
}

/// The first occurrence of `needle` not used yet (gold lists a repeated
/// expression once per occurrence).
fn locate(doc: &Document, needle: &str, used: &mut Vec<Span>) -> Span {
    let span = byte_spans(doc, needle)
        .into_iter()
        .find(|s| !used.contains(s))
        .unwrap_or_else(|| panic!("{}: gold text not in the article: {needle:?}", doc.source));
    used.push(span);
    span
}

/// Fills a prepared document with exactly what its gold file says.
fn fill_from_gold(doc: &mut Document, gold: &Gold) {
    let idx = |name: &str| {
        gold.actors
            .iter()
            .position(|a| a.name == name)
            .unwrap_or_else(|| panic!("{}: unknown gold actor {name}", gold.file))
    };
    for a in &gold.actors {
        let key = format!("gold:{}", fold(&a.name));
        doc.actors.push(DocActor {
            actor_id: actor_id(&key),
            key,
            name: a.name.clone(),
            kind: a
                .kind
                .as_deref()
                .and_then(ActorKind::parse)
                .unwrap_or(ActorKind::Organization),
            country: a.country.clone(),
            sector: None,
            known_aliases: a.aliases.clone(),
            wikidata: None,
        });
    }
    let mut mentions = Vec::new();
    for (i, a) in gold.actors.iter().enumerate() {
        for alias in &a.aliases {
            for span in byte_spans(doc, alias) {
                mentions.push(Mention {
                    span,
                    sentence: doc.sentence_at(span.start),
                    actor: i,
                    role: None,
                    metonym: false,
                });
            }
        }
    }
    mentions.sort_by_key(|m| (m.span, m.actor));
    mentions.dedup_by_key(|m| (m.span, m.actor));
    doc.mentions = mentions;
    let mut used = Vec::new();
    for q in &gold.quotes {
        let span = locate(doc, &q.text, &mut used);
        doc.quotes.push(Quote {
            span,
            sentence: doc.sentence_at(span.start),
            kind: match q.kind.as_str() {
                "direct" => QuoteKind::Direct,
                "partial" => QuoteKind::Partial,
                _ => QuoteKind::Indirect,
            },
            speaker: q.speaker.as_deref().map(idx),
            cue: None,
        });
    }
    let mut used = Vec::new();
    for d in &gold.dates {
        let span = locate(doc, &d.text, &mut used);
        doc.dates.push(DateMention {
            span,
            sentence: doc.sentence_at(span.start),
            value: d.value.clone(),
            start_date: None,
            end_date: None,
            granularity: Granularity::Day,
            anchor: Anchor::Absolute,
        });
    }
    for e in &gold.events {
        let span = e
            .evidence
            .as_deref()
            .and_then(|t| byte_spans(doc, t).first().copied())
            .unwrap_or_default();
        let date = e.date.as_ref().map(|v| {
            doc.dates
                .iter()
                .position(|d| d.value.as_ref() == Some(v))
                .unwrap_or_else(|| panic!("{}: event date {v} is no gold date", gold.file))
        });
        doc.events.push(Event {
            sentence: doc.sentence_at(span.start),
            event_type: e.event_type.clone(),
            mode: e.mode.clone(),
            sources: e.source.iter().map(|n| idx(n)).collect(),
            targets: e.target.iter().map(|n| idx(n)).collect(),
            location: None,
            date,
            status: if e.status.as_deref() == Some("planned") {
                EventStatus::Planned
            } else {
                EventStatus::Asserted
            },
            trigger: String::new(),
            span,
            confidence: 1.0,
        });
    }
}

/// Prepares the seed articles, fills them from their gold files, lets
/// `damage` change them, and writes the tables into `out` with the real writer.
fn gold_tables(out: &Path, damage: impl Fn(&mut Vec<Document>)) {
    let golds = load_dir(&root().join("tests/gold/seeds")).unwrap();
    let config = Config::load(&root().join("pipelines/default.toml")).unwrap();
    let preparer = Preparer::build(&config).unwrap();
    let (files, rejects) = ingest::discover(&[root().join("seeds")]);
    assert!(rejects.is_empty());
    let limits = Limits {
        max_article_bytes: config.prepare.max_article_bytes,
    };
    let mut docs = Vec::new();
    for f in &files {
        for raw in ingest::read_file(f, limits).articles {
            let mut doc = preparer.prepare(raw).unwrap();
            let (_, gold) = golds
                .iter()
                .find(|(_, g)| source_matches(&doc.source, &g.file))
                .unwrap_or_else(|| panic!("no gold for {}", doc.source));
            fill_from_gold(&mut doc, gold);
            docs.push(doc);
        }
    }
    assert_eq!(docs.len(), golds.len());
    damage(&mut docs);
    write_tables(out, &docs);
}

/// Writes documents as one run's output folder with the real table writer
/// and actor registry (Parquet only).
pub(crate) fn write_tables(out: &Path, docs: &[Document]) {
    let formats = Formats {
        parquet: true,
        csv: false,
    };
    let mut writer = OutputWriter::create(out, formats, Layout::Single, "test").unwrap();
    let mut registry = ActorRegistry::new();
    let mut tables = BatchTables::default();
    for d in docs {
        registry.add_document(d);
        tables.add(d);
    }
    let t = &mut tables;
    for (spec, frame) in [
        (&ARTICLES, t.articles.take_frame()),
        (&MENTIONS, t.mentions.take_frame()),
        (&QUOTES, t.quotes.take_frame()),
        (&DATES, t.dates.take_frame()),
        (&EVENTS, t.events.take_frame()),
        (&ACTORS, registry.to_table().take_frame()),
    ] {
        writer.write_batch(spec, None, frame.unwrap()).unwrap();
    }
    writer.build_tables(&TABLES, true).unwrap();
    writer.commit(CommitMode::Replace).unwrap();
}

#[test]
fn gold_scored_against_itself_is_perfect() {
    let out = tempfile::tempdir().unwrap();
    gold_tables(out.path(), |_| {});
    let report = evaluate(&root().join("tests/gold/seeds"), out.path()).unwrap();
    assert_eq!(report.matched_articles, 5);
    for (name, value) in &report.metrics {
        assert_eq!(*value, Some(1.0), "metric {name}\n{}", report.render(true));
    }
    for a in &report.articles {
        assert!(a.warnings.is_empty(), "{}: {:?}", a.file, a.warnings);
        assert_eq!(a.actors.split, 0, "{}", a.file);
        for f1 in [
            a.actors.counts.f1(),
            a.quotes.counts.f1(),
            a.dates.counts.f1(),
            a.events.strict.f1(),
        ] {
            assert!(
                f1.is_none() || f1 == Some(1.0),
                "{}\n{}",
                a.file,
                report.render(true)
            );
        }
    }
    assert!(report.totals.quotes.counts.gold > 0 && report.totals.events.strict.gold > 0);
}

#[test]
fn damaged_tables_score_lower_where_damaged() {
    let out = tempfile::tempdir().unwrap();
    gold_tables(out.path(), |docs| {
        let d = &mut docs[0];
        // every speaker lost, one date value wrong, one event's type changed,
        // an actor split in two ids, one invented quote (the last sentence),
        // and one over the first sentence, which holds an ignore_quotes span
        for q in &mut d.quotes {
            q.speaker = None;
        }
        d.dates[0].value = Some("1999".into());
        d.events[0].event_type = "ASSAULT".into();
        let mut twin = d.actors[0].clone();
        twin.key.push_str(":twin");
        twin.actor_id = actor_id(&twin.key);
        d.actors.push(twin);
        let last = d.actors.len() - 1;
        let first_mention = d.mentions.iter().position(|m| m.actor == 0).unwrap();
        d.mentions[first_mention].actor = last;
        let s = *d.sentences.last().unwrap();
        d.quotes.push(Quote {
            span: s,
            sentence: d.sentences.len() - 1,
            kind: QuoteKind::Direct,
            speaker: None,
            cue: None,
        });
        let first = d.sentences[0];
        d.quotes.push(Quote {
            span: first,
            sentence: 0,
            kind: QuoteKind::Partial,
            speaker: None,
            cue: None,
        });
        d.quotes.sort_by_key(|q| q.span);
    });
    let report = evaluate(&root().join("tests/gold/seeds"), out.path()).unwrap();
    let m = |k: &str| report.metrics[k].unwrap();
    assert!(m("quotes.speaker_accuracy") < 1.0);
    assert!(m("quotes.precision") < 1.0);
    assert_eq!(m("quotes.recall"), 1.0);
    assert_eq!(report.totals.quotes.ignored, 1);
    assert_eq!(
        report.totals.quotes.counts.extracted,
        report.totals.quotes.counts.gold + 1
    );
    assert!(m("dates.value_accuracy") < 1.0);
    assert_eq!(m("dates.f1"), 1.0);
    assert!(m("events.strict.recall") < 1.0 && m("events.lenient.recall") < 1.0);
    assert_eq!(report.totals.actors.split, 1);
    assert_eq!(m("actors.recall"), 1.0);
    assert_eq!(m("actors.precision"), 1.0);
    let first = &report.articles[0];
    assert_eq!(first.actors.split_into.len(), 1);
    assert_eq!(report.articles[1].quotes.counts.f1(), Some(1.0));
}

#[test]
fn binary_prints_tables_and_writes_json() {
    let out = tempfile::tempdir().unwrap();
    gold_tables(out.path(), |_| {});
    let json = out.path().join("eval.json");
    let o = gazette(&[
        "eval",
        "--gold",
        "tests/gold/seeds",
        out.path().to_str().unwrap(),
        "--json",
        json.to_str().unwrap(),
        "--details",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "actors",
        "speaker accuracy",
        "events lenient",
        "000_abb74dfd6aeeb7bf.txt",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["metrics"]["events.strict.f1"], 1.0);
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    // a missing output folder is an error with a hint, exit 2
    let o = gazette(&["eval", "--gold", "tests/gold/seeds", "/nonexistent/out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("gazette run"));
}

#[test]
fn seeds_keep_their_quality_floors() {
    let out = tempfile::tempdir().unwrap();
    crate::util::run_ok(&root().join("seeds"), out.path(), &[]);
    let o = gazette(&[
        "eval",
        "--gold",
        "tests/gold/seeds",
        out.path().to_str().unwrap(),
        "--floors",
        "tests/floors.toml",
    ]);
    assert!(
        o.status.success(),
        "a seed score fell below tests/floors.toml:\n{}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    // month partitions score like single files
    let part = tempfile::tempdir().unwrap();
    crate::util::run_ok(
        &root().join("seeds"),
        part.path(),
        &["--partition", "month"],
    );
    let gold = root().join("tests/gold/seeds");
    let (a, b) = (
        evaluate(&gold, out.path()).unwrap(),
        evaluate(&gold, part.path()).unwrap(),
    );
    assert_eq!(a.metrics, b.metrics);
    assert_eq!(b.matched_articles, 5);
}
