//! Documents → rows of the per-article tables (`articles`, `mentions`,
//! `quotes`, `dates`, `events`), with offsets converted to code points and
//! stable record ids.
//!
//! Cells are borrowed from the document and copied once, into the columns
//! ([`TableBuilder::row`]); ids are hashed from a reused buffer.

use xxhash_rust::xxh3::xxh3_64;

use super::offsets::CharOffsets;
use super::schema::{ARTICLES, DATES, EVENTS, MENTIONS, QUOTES};
use super::table::TableBuilder;
use crate::document::{ActorIdx, Document};

/// A stable 16-hex-digit record id from its identifying parts.
pub fn record_id(parts: &[&str]) -> String {
    format!("{:016x}", xxh3_64(parts.join("\u{1f}").as_bytes()))
}

/// Builds record ids like [`record_id`] (parts joined with U+001F, xxh3,
/// 16 hex digits) without allocating per id.
#[derive(Default)]
struct IdHasher {
    key: Vec<u8>,
    hex: [u8; 16],
}

impl IdHasher {
    /// Starts a key with its first part.
    fn start(&mut self, first: &str) -> &mut Self {
        self.key.clear();
        self.key.extend_from_slice(first.as_bytes());
        self
    }

    /// Adds a separator and a part.
    fn part(&mut self, part: &str) -> &mut Self {
        self.key.push(0x1f);
        self.key.extend_from_slice(part.as_bytes());
        self
    }

    /// Adds a separator and a number in decimal.
    fn number(&mut self, n: usize) -> &mut Self {
        self.key.push(0x1f);
        super::push_decimal(&mut self.key, n as u64);
        self
    }

    /// Adds a separator and the actor ids of `actors` joined with `,`.
    fn actor_ids(&mut self, doc: &Document, actors: &[ActorIdx]) -> &mut Self {
        self.key.push(0x1f);
        for (k, a) in actors.iter().enumerate() {
            if k > 0 {
                self.key.push(b',');
            }
            self.key
                .extend_from_slice(doc.actors[*a].actor_id.as_bytes());
        }
        self
    }

    /// The hash of the key built so far (what [`IdHasher::id`] spells).
    fn peek(&self) -> u64 {
        xxh3_64(&self.key)
    }

    /// The id of the key built so far.
    fn id(&mut self) -> &str {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let h = xxh3_64(&self.key);
        for (k, out) in self.hex.iter_mut().enumerate() {
            *out = HEX[((h >> (60 - 4 * k)) & 0xf) as usize];
        }
        std::str::from_utf8(&self.hex).unwrap_or_default()
    }
}

/// The actor ids of `actors`, in order.
fn actor_ids<'d>(doc: &'d Document, actors: &'d [ActorIdx]) -> impl Iterator<Item = &'d str> {
    actors.iter().map(|i| doc.actors[*i].actor_id.as_str())
}

/// The per-article tables of one batch.
pub struct BatchTables {
    /// `articles` rows.
    pub articles: TableBuilder,
    /// `mentions` rows.
    pub mentions: TableBuilder,
    /// `quotes` rows.
    pub quotes: TableBuilder,
    /// `dates` rows.
    pub dates: TableBuilder,
    /// `events` rows.
    pub events: TableBuilder,
    ids: IdHasher,
}

impl Default for BatchTables {
    fn default() -> Self {
        BatchTables {
            articles: TableBuilder::new(&ARTICLES),
            mentions: TableBuilder::new(&MENTIONS),
            quotes: TableBuilder::new(&QUOTES),
            dates: TableBuilder::new(&DATES),
            events: TableBuilder::new(&EVENTS),
            ids: IdHasher::default(),
        }
    }
}

impl BatchTables {
    /// Appends one document's rows to every table.
    pub fn add(&mut self, doc: &Document) {
        let co = CharOffsets::new(&doc.text);
        let off = |b: usize| Some(co.char_offset(b));
        let id = doc.id.as_str();
        let p = doc.published;
        self.articles
            .row()
            .str(id)
            .str(doc.source.as_str())
            .str(doc.lang.as_str())
            .str(doc.title.as_deref())
            .date(p.map(|p| p.date))
            .str(p.map(|p| p.precision.as_str()))
            .str(p.map(|p| p.origin.as_str()))
            .str(doc.text.as_str())
            .i32(off(doc.text.len()))
            .count(doc.sentences.len())
            .count(doc.n_duplicate_paragraphs)
            .str(doc.duplicate_of.as_deref())
            .str(doc.url.as_deref())
            .end();
        for m in &doc.mentions {
            self.mentions
                .row()
                .str(id)
                .str(doc.actors[m.actor].actor_id.as_str())
                .str(doc.slice(m.span))
                .i32(off(m.span.start))
                .i32(off(m.span.end))
                .count(m.sentence)
                .str(m.role.as_deref())
                .end();
        }
        for q in &doc.quotes {
            let speaker = q.speaker.map(|i| &doc.actors[i]);
            let qid = self
                .ids
                .start(id)
                .part("quote")
                .number(q.span.start)
                .number(q.span.end)
                .id();
            self.quotes
                .row()
                .str(qid)
                .str(id)
                .str(doc.slice(q.span))
                .i32(off(q.span.start))
                .i32(off(q.span.end))
                .str(q.kind.as_str())
                .str(speaker.map(|a| a.actor_id.as_str()))
                .str(speaker.map(|a| a.name.as_str()))
                .str(q.cue.as_deref())
                .count(q.sentence)
                .end();
        }
        for d in &doc.dates {
            self.dates
                .row()
                .str(id)
                .str(doc.slice(d.span))
                .i32(off(d.span.start))
                .i32(off(d.span.end))
                .str(d.value.as_deref())
                .date(d.start_date)
                .date(d.end_date)
                .str(d.granularity.as_str())
                .str(d.anchor.as_str())
                .count(d.sentence)
                .end();
        }
        let mut event_ids: Vec<u64> = Vec::with_capacity(doc.events.len());
        for ev in &doc.events {
            let src = ev.sources.first().map(|i| &doc.actors[*i]);
            let tgt = ev.targets.first().map(|i| &doc.actors[*i]);
            let date = ev.date.and_then(|i| doc.dates.get(i));
            let loc = ev.location.map(|i| &doc.actors[i]);
            self.ids
                .start(id)
                .part("event")
                .part(&ev.event_type)
                .number(ev.span.start)
                .number(ev.span.end)
                .actor_ids(doc, &ev.sources)
                .actor_ids(doc, &ev.targets);
            // two acts of one type between the same actors in one clause
            // (`delivered arms and training`) keep distinct ids: the
            // repeat's key adds its mode, trigger and rank
            let hash = self.ids.peek();
            let repeats = event_ids.iter().filter(|e| **e == hash).count();
            if repeats > 0 {
                self.ids
                    .part(ev.mode.as_deref().unwrap_or_default())
                    .part(&ev.trigger)
                    .number(repeats);
            }
            event_ids.push(self.ids.peek());
            let eid = self.ids.id();
            self.events
                .row()
                .str(eid)
                .str(id)
                .count(ev.sentence)
                .str(ev.event_type.as_str())
                .str(ev.mode.as_deref())
                .str(crate::plover::quad_class(&ev.event_type).unwrap_or("unknown"))
                .str(src.map(|a| a.actor_id.as_str()))
                .str(tgt.map(|a| a.actor_id.as_str()))
                .str(src.map(|a| a.name.as_str()))
                .str(tgt.map(|a| a.name.as_str()))
                .str(src.and_then(|a| a.country.as_deref()))
                .str(tgt.and_then(|a| a.country.as_deref()))
                .str(loc.map(|a| a.actor_id.as_str()))
                .date(date.and_then(|d| d.start_date))
                .str(date.and_then(|d| d.value.as_deref()))
                .str(ev.status.as_str())
                .str(ev.trigger.as_str())
                .i32(off(ev.span.start))
                .i32(off(ev.span.end))
                .f32(Some(ev.confidence))
                .list(actor_ids(doc, &ev.sources))
                .list(actor_ids(doc, &ev.targets))
                .str(loc.map(|a| a.name.as_str()))
                .end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_hasher_matches_record_id() {
        let cases: &[&[&str]] = &[
            &["doc-1", "quote", "0", "15"],
            &["doc-é", "event", "ACCUSE", "120", "180", "a,b", ""],
            &["", "", ""],
        ];
        let mut h = IdHasher::default();
        for parts in cases {
            h.start(parts[0]);
            for p in &parts[1..] {
                h.part(p);
            }
            assert_eq!(h.id(), record_id(parts), "{parts:?}");
        }
        let id = h
            .start("d")
            .part("quote")
            .number(3)
            .number(12)
            .id()
            .to_string();
        assert_eq!(id, record_id(&["d", "quote", "3", "12"]));
    }

    #[test]
    fn two_acts_of_one_clause_keep_distinct_event_ids() {
        use crate::document::{Event, EventStatus, Span};
        let act = |trigger: &str, mode: &str| Event {
            sentence: 0,
            event_type: "AID".into(),
            mode: Some(mode.into()),
            sources: vec![],
            targets: vec![],
            location: None,
            date: None,
            status: EventStatus::Asserted,
            trigger: trigger.into(),
            span: Span { start: 0, end: 4 },
            confidence: 1.0,
        };
        let doc = Document {
            id: "d".into(),
            text: "aide".into(),
            events: vec![act("delivered", "military"), act("training", "training")],
            ..Default::default()
        };
        let mut tables = BatchTables::default();
        tables.add(&doc);
        let events = tables.events.take_frame().unwrap();
        let ids: Vec<&str> = events
            .column("event_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        // the first keeps the id of its type, span and actors
        assert_eq!(ids[0], record_id(&["d", "event", "AID", "0", "4", "", ""]));
        assert_ne!(ids[0], ids[1]);
    }
}
