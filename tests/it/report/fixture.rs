//! A small output folder written through the real writer (`BatchTables`,
//! `ActorRegistry`, `OutputWriter`, `Manifest`) from hand-built documents:
//! French and English articles over four months, with actors of several
//! countries, quotes, dated and undated events of every quad class, a
//! negated event, a near-duplicate article, an undated article, a reject,
//! and markup in titles, names, quotes and evidence that the report must
//! escape. The texts are written for this fixture.

use std::path::Path;

use chrono::NaiveDate;
use gazette::document::{
    ActorKind, Anchor, DateMention, DateOrigin, DocActor, Document, Event, EventStatus,
    Granularity, Mention, Precision, Published, Quote, QuoteKind, Span,
};
use gazette::ingest::Reject;
use gazette::output::manifest::Manifest;
use gazette::output::rows::BatchTables;
use gazette::output::schema::{ACTORS, ARTICLES, DATES, EVENTS, MENTIONS, QUOTES, TABLES};
use gazette::output::writer::{CommitMode, Formats, Layout, OutputWriter};
use gazette::resolve::{ActorRegistry, actor_id};

use crate::util::root;

/// Markup planted in the fixture; the report must show it as text.
pub const HOSTILE: [&str; 4] = [
    "<script>alert('title')</script>",
    "<b>Wagner</b> & Cie",
    "<img src=x onerror=alert(1)>",
    "<i>bold</i>",
];

struct Art {
    doc: Document,
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

impl Art {
    fn new(
        source: &str,
        lang: &str,
        published: Option<&str>,
        title: Option<&str>,
        text: &str,
    ) -> Art {
        // sentences end at . ! ? followed by a space or the end
        let mut sentences = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '.' | '!' | '?') && (end == text.len() || bytes[end] == b' ') {
                sentences.push(Span::new(start, end));
                start = (end + 1).min(text.len());
            }
        }
        if start < text.len() {
            sentences.push(Span::new(start, text.len()));
        }
        Art {
            doc: Document {
                id: gazette::text::article_id(&format!("{source}\u{0}{text}")),
                source: source.into(),
                lang: lang.into(),
                title: title.map(str::to_string),
                published: published.map(|p| Published {
                    date: day(p),
                    precision: Precision::Day,
                    origin: DateOrigin::Metadata,
                }),
                text: text.into(),
                paragraphs: vec![Span::new(0, text.len())],
                sentences,
                ..Default::default()
            },
        }
    }

    fn find(&self, needle: &str) -> Span {
        let i = self
            .doc
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", self.doc.text));
        Span::new(i, i + needle.len())
    }

    /// An actor and a mention at every occurrence of each surface form.
    fn actor(
        &mut self,
        key: &str,
        name: &str,
        kind: ActorKind,
        country: Option<&str>,
        forms: &[&str],
    ) -> usize {
        let idx = self.doc.actors.len();
        self.doc.actors.push(DocActor {
            actor_id: actor_id(key),
            key: key.into(),
            name: name.into(),
            kind,
            country: country.map(str::to_string),
            sector: None,
            known_aliases: vec![],
            wikidata: None,
        });
        for form in forms {
            let mut from = 0;
            while let Some(i) = self.doc.text[from..].find(form) {
                let span = Span::new(from + i, from + i + form.len());
                from = span.end;
                // "Tiani" inside "Abdourahamane Tiani" is the same mention
                if self.doc.mentions.iter().any(|m| m.span.overlaps(span)) {
                    continue;
                }
                self.doc.mentions.push(Mention {
                    span,
                    sentence: self.doc.sentence_at(span.start),
                    actor: idx,
                    role: None,
                    metonym: false,
                });
            }
        }
        self.doc.mentions.sort_by_key(|m| m.span);
        idx
    }

    fn country(&mut self, code: &str, name: &str, forms: &[&str]) -> usize {
        self.actor(
            &format!("gz:country:{code}"),
            name,
            Country,
            Some(code),
            forms,
        )
    }

    fn person(&mut self, id: &str, name: &str, country: &str, forms: &[&str]) -> usize {
        self.actor(&format!("gz:per:{id}"), name, Person, Some(country), forms)
    }

    fn date(
        &mut self,
        surface: &str,
        value: &str,
        first: &str,
        last: &str,
        g: Granularity,
    ) -> usize {
        let span = self.find(surface);
        self.doc.dates.push(DateMention {
            span,
            sentence: self.doc.sentence_at(span.start),
            value: Some(value.into()),
            start_date: Some(day(first)),
            end_date: Some(day(last)),
            granularity: g,
            anchor: Anchor::Absolute,
        });
        self.doc.dates.len() - 1
    }

    fn quote(&mut self, words: &str, speaker: Option<usize>, kind: QuoteKind, cue: &str) {
        let span = self.find(words);
        self.doc.quotes.push(Quote {
            span,
            sentence: self.doc.sentence_at(span.start),
            kind,
            speaker,
            cue: Some(cue.into()),
        });
    }

    fn event(
        &mut self,
        event_type: &str,
        source: Option<usize>,
        target: Option<usize>,
        trigger: &str,
        date: Option<usize>,
        status: EventStatus,
    ) {
        let t = self.find(trigger);
        let sentence = self.doc.sentence_at(t.start);
        self.doc.events.push(Event {
            sentence,
            event_type: event_type.into(),
            mode: None,
            sources: source.into_iter().collect(),
            targets: target.into_iter().collect(),
            location: None,
            date,
            status,
            trigger: trigger.into(),
            span: self.doc.sentences[sentence],
            confidence: 0.8,
        });
    }
}

use ActorKind::{Country, Organization, Person};
use EventStatus::{Asserted, Negated, Planned};
use Granularity::{Day, Month};

fn articles() -> Vec<Document> {
    let mut out = Vec::new();

    let mut a = Art::new(
        "fr/bamako.txt",
        "fr",
        Some("2024-10-15"),
        Some("Visite à Bamako"),
        "Le ministre russe des Affaires étrangères Sergueï Lavrov a rencontré le président malien Assimi Goïta à Bamako le 14 octobre 2024. « Nous renforcerons notre coopération militaire », a déclaré Sergueï Lavrov. La France a critiqué la Russie pour cette visite.",
    );
    let lavrov = a.person("lavrov", "Sergueï Lavrov", "RUS", &["Sergueï Lavrov"]);
    let goita = a.person("goita", "Assimi Goïta", "MLI", &["Assimi Goïta"]);
    let france = a.country("FRA", "France", &["France"]);
    let russia = a.country("RUS", "Russie", &["Russie"]);
    let d = a.date(
        "14 octobre 2024",
        "2024-10-14",
        "2024-10-14",
        "2024-10-14",
        Day,
    );
    a.event(
        "CONSULT",
        Some(lavrov),
        Some(goita),
        "a rencontré",
        Some(d),
        Asserted,
    );
    a.event(
        "ACCUSE",
        Some(france),
        Some(russia),
        "a critiqué",
        None,
        Asserted,
    );
    a.quote(
        "Nous renforcerons notre coopération militaire",
        Some(lavrov),
        QuoteKind::Direct,
        "a déclaré",
    );
    out.push(a.doc);

    let niger_text = "Niger expelled the remaining French troops on November 18, 2024. The United States imposed sanctions on the junta on November 19, 2024. \"We will not bow to pressure from Paris or Washington,\" Abdourahamane Tiani said. Tiani said that Niger would seek new partners.";
    let niger = |source: &str| {
        let mut a = Art::new(
            source,
            "en",
            Some("2024-11-20"),
            Some("Niger expels French troops"),
            niger_text,
        );
        let ner = a.country("NER", "Niger", &["Niger"]);
        let fra = a.country("FRA", "France", &["French troops"]);
        let usa = a.country("USA", "United States", &["United States"]);
        let tiani = a.person(
            "tiani",
            "Abdourahamane Tiani",
            "NER",
            &["Abdourahamane Tiani", "Tiani"],
        );
        let d1 = a.date(
            "November 18, 2024",
            "2024-11-18",
            "2024-11-18",
            "2024-11-18",
            Day,
        );
        let d2 = a.date(
            "November 19, 2024",
            "2024-11-19",
            "2024-11-19",
            "2024-11-19",
            Day,
        );
        a.event(
            "COERCE",
            Some(ner),
            Some(fra),
            "expelled",
            Some(d1),
            Asserted,
        );
        a.event(
            "SANCTION",
            Some(usa),
            Some(ner),
            "imposed sanctions",
            Some(d2),
            Asserted,
        );
        a.quote(
            "We will not bow to pressure from Paris or Washington,",
            Some(tiani),
            QuoteKind::Direct,
            "said",
        );
        a.quote(
            "Niger would seek new partners",
            Some(tiani),
            QuoteKind::Indirect,
            "said",
        );
        a.doc
    };
    let original = niger("en/niger.json#1");
    let mut copy = niger("en/niger-mirror.json#4");
    copy.duplicate_of = Some(original.id.clone());
    out.push(original);
    out.push(copy);

    let mut a = Art::new(
        "fr/niamey.html",
        "fr",
        Some("2024-11-29"),
        Some("Alexandre Novak à Niamey"),
        "Alexandre Novak s'est rendu à Niamey le 28 novembre 2024. Il a signé un accord énergétique avec le Niger. Alexandre Novak a affirmé que la Russie restera un partenaire fiable. La Russie fournira une aide alimentaire au Burkina Faso en décembre 2024.",
    );
    let novak = a.person("novak", "Alexandre Novak", "RUS", &["Alexandre Novak"]);
    let ner = a.country("NER", "Niger", &["Niger"]);
    let rus = a.country("RUS", "Russie", &["Russie"]);
    let bfa = a.country("BFA", "Burkina Faso", &["Burkina Faso"]);
    a.actor(
        "gz:plc:niamey",
        "Niamey",
        ActorKind::Place,
        Some("NER"),
        &["Niamey"],
    );
    let d = a.date(
        "28 novembre 2024",
        "2024-11-28",
        "2024-11-28",
        "2024-11-28",
        Day,
    );
    let dec = a.date(
        "décembre 2024",
        "2024-12",
        "2024-12-01",
        "2024-12-31",
        Month,
    );
    a.event(
        "CONSULT",
        Some(novak),
        Some(ner),
        "s'est rendu",
        Some(d),
        Asserted,
    );
    a.event(
        "COOPERATE",
        Some(novak),
        Some(ner),
        "a signé un accord",
        Some(d),
        Asserted,
    );
    a.event(
        "AID",
        Some(rus),
        Some(bfa),
        "fournira une aide",
        Some(dec),
        Planned,
    );
    a.quote(
        "la Russie restera un partenaire fiable",
        Some(novak),
        QuoteKind::Indirect,
        "a affirmé",
    );
    out.push(a.doc);

    let mut a = Art::new(
        "en/kursk.txt",
        "en",
        Some("2024-12-10"),
        Some("Shelling near Kursk"),
        "Ukrainian forces shelled positions near Kursk on December 8, 2024, Russia said. Russia accused Ukraine of targeting civilians. Volodymyr Zelensky rejected the claims as \"pure propaganda\" on Monday. Russia did not send troops to Chad.",
    );
    let ukr = a.country("UKR", "Ukraine", &["Ukrainian forces", "Ukraine"]);
    let rus = a.country("RUS", "Russia", &["Russia"]);
    let zel = a.person(
        "zelensky",
        "Volodymyr Zelensky",
        "UKR",
        &["Volodymyr Zelensky"],
    );
    let chad = a.country("TCD", "Chad", &["Chad"]);
    let d = a.date(
        "December 8, 2024",
        "2024-12-08",
        "2024-12-08",
        "2024-12-08",
        Day,
    );
    a.event(
        "ASSAULT",
        Some(ukr),
        Some(rus),
        "shelled",
        Some(d),
        Asserted,
    );
    a.event("ACCUSE", Some(rus), Some(ukr), "accused", None, Asserted);
    a.event("REJECT", Some(zel), Some(rus), "rejected", None, Asserted);
    a.event(
        "MOBILIZE",
        Some(rus),
        Some(chad),
        "did not send troops",
        None,
        Negated,
    );
    a.quote("pure propaganda", Some(zel), QuoteKind::Partial, "rejected");
    out.push(a.doc);

    let text = format!(
        "Le groupe {} a attaqué un convoi près de Gao le 3 janvier 2025. « {} », a déclaré l'armée malienne. Le Mali a demandé l'aide de la Russie.",
        HOSTILE[1], HOSTILE[2]
    );
    let mut a = Art::new(
        "fr/gao.txt",
        "fr",
        Some("2025-01-05"),
        Some(HOSTILE[0]),
        &text,
    );
    let wagner = a.actor(
        "gz:org:wagner",
        HOSTILE[1],
        Organization,
        Some("RUS"),
        &[HOSTILE[1]],
    );
    let army = a.actor(
        "gz:org:fama",
        "Forces armées maliennes",
        Organization,
        Some("MLI"),
        &["l'armée malienne"],
    );
    let mali = a.country("MLI", "Mali", &["Mali"]);
    let rus = a.country("RUS", "Russie", &["Russie"]);
    let d = a.date(
        "3 janvier 2025",
        "2025-01-03",
        "2025-01-03",
        "2025-01-03",
        Day,
    );
    a.event(
        "ASSAULT",
        Some(wagner),
        Some(army),
        "a attaqué",
        Some(d),
        Asserted,
    );
    a.event(
        "REQUEST",
        Some(mali),
        Some(rus),
        "a demandé",
        None,
        Asserted,
    );
    a.quote(HOSTILE[2], Some(army), QuoteKind::Direct, "a déclaré");
    out.push(a.doc);

    let mut a = Art::new(
        "en/geneva.txt",
        "en",
        None,
        None,
        &format!(
            "Sergei Lavrov met Antony Blinken in Geneva. The talks ended without {}.",
            HOSTILE[3]
        ),
    );
    let lavrov = a.person("lavrov", "Sergueï Lavrov", "RUS", &["Sergei Lavrov"]);
    let blinken = a.person("blinken", "Antony Blinken", "USA", &["Antony Blinken"]);
    a.event(
        "CONSULT",
        Some(lavrov),
        Some(blinken),
        "met",
        None,
        Asserted,
    );
    out.push(a.doc);
    out
}

/// Writes the fixture's output folder in `out` and returns its documents.
pub fn write(out: &Path, layout: Layout, formats: Formats) -> Vec<Document> {
    let docs = articles();
    write_docs(out, layout, formats, &docs);
    docs
}

/// `copies` copies of the fixture's articles spread over 2020-2024, with 200
/// distinct actors per copy of each person, for timing the report on a
/// larger output.
pub fn scaled(copies: usize) -> Vec<Document> {
    let base = articles();
    let mut docs = Vec::with_capacity(base.len() * copies);
    for k in 0..copies {
        for d in &base {
            let mut d = d.clone();
            d.id = format!("{}{k:08x}", &d.id[..8]);
            d.source = format!("{}#{k}", d.source);
            if let Some(p) = &mut d.published {
                p.date = day("2020-01-01") + chrono::Duration::days((k * 7 % 1800) as i64);
            }
            for a in d.actors.iter_mut().filter(|a| a.kind == Person) {
                a.key = format!("{}-{}", a.key, k % 200);
                a.actor_id = actor_id(&a.key);
                a.name = format!("{} {}", a.name, k % 200);
            }
            d.duplicate_of = None;
            docs.push(d);
        }
    }
    docs
}

/// Writes documents as a run would (batches of 256), with a manifest.
pub fn write_docs(out: &Path, layout: Layout, formats: Formats, docs: &[Document]) {
    let mut writer = OutputWriter::create(out, formats, layout, "00001").unwrap();
    let mut registry = ActorRegistry::new();
    for batch in docs.chunks(256) {
        let mut groups: std::collections::BTreeMap<String, BatchTables> = Default::default();
        for d in batch {
            registry.add_document(d);
            let month = d.published.map_or("unknown".to_string(), |p| {
                p.date.format("%Y-%m").to_string()
            });
            groups.entry(month).or_default().add(d);
        }
        for (month, mut t) in groups {
            let m = Some(month.as_str());
            for (spec, table) in [
                (&ARTICLES, &mut t.articles),
                (&MENTIONS, &mut t.mentions),
                (&QUOTES, &mut t.quotes),
                (&DATES, &mut t.dates),
                (&EVENTS, &mut t.events),
            ] {
                writer
                    .write_batch(spec, m, table.take_frame().unwrap())
                    .unwrap();
            }
        }
    }
    writer
        .write_batch(&ACTORS, None, registry.to_table().take_frame().unwrap())
        .unwrap();
    writer.build_tables(&TABLES, true).unwrap();
    let config = gazette::Config::load(&root().join("pipelines/default.toml")).unwrap();
    let manifest = Manifest {
        version: "0.0.0-fixture".into(),
        config,
        inputs: vec!["fixture".into()],
        input_fingerprint: "0".repeat(32),
        files: docs.len() as u64,
        skipped_files: 0,
        skipped_articles: 0,
        bytes: 4_321,
        articles: docs.len() as u64,
        rows: writer
            .row_counts()
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        timings: [("total", 0.5), ("ingest", 0.1), ("stage.events", 0.2)]
            .map(|(k, v)| (k.to_string(), v))
            .into_iter()
            .collect(),
        rejects: vec![Reject::new(
            "<evil>.bin",
            "ingest",
            "not a text file (binary content)",
        )],
        threads: 1,
        shard: None,
        warnings: vec![],
    };
    let json = serde_json::to_string_pretty(&manifest).unwrap();
    std::fs::write(writer.staging().join("manifest.json"), json).unwrap();
    writer.commit(CommitMode::Replace).unwrap();
}
