//! Documents → rows of the per-article tables (`articles`, `mentions`,
//! `quotes`, `dates`, `events`), with offsets converted to code points and
//! stable record ids.

use xxhash_rust::xxh3::xxh3_64;

use super::offsets::CharOffsets;
use super::schema::{ARTICLES, DATES, EVENTS, MENTIONS, QUOTES};
use super::table::{TableBuilder, Value};
use crate::document::{Document, Span};

/// A stable 16-hex-digit record id from its identifying parts.
pub fn record_id(parts: &[&str]) -> String {
    format!("{:016x}", xxh3_64(parts.join("\u{1f}").as_bytes()))
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
}

impl Default for BatchTables {
    fn default() -> Self {
        BatchTables {
            articles: TableBuilder::new(&ARTICLES),
            mentions: TableBuilder::new(&MENTIONS),
            quotes: TableBuilder::new(&QUOTES),
            dates: TableBuilder::new(&DATES),
            events: TableBuilder::new(&EVENTS),
        }
    }
}

fn i32v(x: usize) -> Value {
    Value::I32(Some(x.min(i32::MAX as usize) as i32))
}

impl BatchTables {
    /// Appends one document's rows to every table.
    pub fn add(&mut self, doc: &Document) {
        let co = CharOffsets::new(&doc.text);
        let off = |s: Span| {
            (
                Value::I32(Some(co.char_offset(s.start))),
                Value::I32(Some(co.char_offset(s.end))),
            )
        };
        let id = doc.id.as_str();
        let p = doc.published;
        self.articles.push(vec![
            id.into(),
            doc.source.as_str().into(),
            doc.lang.as_str().into(),
            doc.title.clone().into(),
            Value::Date(p.map(|p| p.date)),
            Value::Str(p.map(|p| p.precision.as_str().to_string())),
            Value::Str(p.map(|p| p.origin.as_str().to_string())),
            doc.text.as_str().into(),
            Value::I32(Some(co.char_offset(doc.text.len()))),
            i32v(doc.sentences.len()),
            i32v(doc.n_duplicate_paragraphs),
            doc.duplicate_of.clone().into(),
            doc.url.clone().into(),
        ]);
        for m in &doc.mentions {
            let a = &doc.actors[m.actor];
            let (s, e) = off(m.span);
            self.mentions.push(vec![
                id.into(),
                a.actor_id.as_str().into(),
                doc.slice(m.span).into(),
                s,
                e,
                i32v(m.sentence),
                m.role.clone().into(),
            ]);
        }
        for q in &doc.quotes {
            let (s, e) = off(q.span);
            let speaker = q.speaker.map(|i| &doc.actors[i]);
            let qid = record_id(&[
                id,
                "quote",
                &q.span.start.to_string(),
                &q.span.end.to_string(),
            ]);
            self.quotes.push(vec![
                qid.into(),
                id.into(),
                doc.slice(q.span).into(),
                s,
                e,
                q.kind.as_str().into(),
                speaker.map(|a| a.actor_id.as_str()).into(),
                speaker.map(|a| a.name.as_str()).into(),
                q.cue.clone().into(),
                i32v(q.sentence),
            ]);
        }
        for d in &doc.dates {
            let (s, e) = off(d.span);
            self.dates.push(vec![
                id.into(),
                doc.slice(d.span).into(),
                s,
                e,
                d.value.clone().into(),
                Value::Date(d.start_date),
                Value::Date(d.end_date),
                d.granularity.as_str().into(),
                d.anchor.as_str().into(),
                i32v(d.sentence),
            ]);
        }
        for ev in &doc.events {
            let (s, e) = off(ev.span);
            let src = ev.sources.first().map(|i| &doc.actors[*i]);
            let tgt = ev.targets.first().map(|i| &doc.actors[*i]);
            let ids = |v: &[usize]| {
                v.iter()
                    .map(|i| doc.actors[*i].actor_id.clone())
                    .collect::<Vec<_>>()
            };
            let (source_ids, target_ids) = (ids(&ev.sources), ids(&ev.targets));
            let date = ev.date.and_then(|i| doc.dates.get(i));
            let eid = record_id(&[
                id,
                "event",
                &ev.event_type,
                &ev.span.start.to_string(),
                &ev.span.end.to_string(),
                &source_ids.join(","),
                &target_ids.join(","),
            ]);
            let loc = ev.location.map(|i| &doc.actors[i]);
            self.events.push(vec![
                eid.into(),
                id.into(),
                i32v(ev.sentence),
                ev.event_type.as_str().into(),
                ev.mode.clone().into(),
                crate::plover::quad_class(&ev.event_type)
                    .unwrap_or("unknown")
                    .into(),
                src.map(|a| a.actor_id.as_str()).into(),
                tgt.map(|a| a.actor_id.as_str()).into(),
                src.map(|a| a.name.as_str()).into(),
                tgt.map(|a| a.name.as_str()).into(),
                src.and_then(|a| a.country.clone()).into(),
                tgt.and_then(|a| a.country.clone()).into(),
                loc.map(|a| a.actor_id.as_str()).into(),
                Value::Date(date.and_then(|d| d.start_date)),
                date.and_then(|d| d.value.clone()).into(),
                ev.status.as_str().into(),
                ev.trigger.as_str().into(),
                s,
                e,
                Value::F32(Some(ev.confidence)),
                Value::List(source_ids),
                Value::List(target_ids),
                loc.map(|a| a.name.as_str()).into(),
            ]);
        }
    }
}
