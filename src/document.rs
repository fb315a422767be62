//! The one document type that flows through every stage, and the records
//! stages add to it.
//!
//! A [`Document`] is built by `text::prepare` from an ingested article, then
//! each extraction stage reads what earlier stages added and appends its own
//! records. Offsets inside the pipeline are **byte** offsets into
//! [`Document::text`] ([`Span`]); the output module converts them to the
//! Unicode code-point offsets the table contract requires. Stages never
//! re-read files or re-split sentences.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`Document::text`].
///
/// Both ends always fall on UTF-8 character boundaries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// How precise a calendar value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day is known.
    Day,
    /// Only the month is known.
    Month,
    /// Only the year is known.
    Year,
}

impl Precision {
    /// The name used in the tables (`day`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

/// Where an article's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrigin {
    /// Given by the input's metadata (front matter, JSON field, HTML meta tag).
    Metadata,
    /// Given by the leading ` date YYYY-MM ` header of a text file.
    Header,
    /// Inferred from the dates the text itself mentions.
    Inferred,
}

impl DateOrigin {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrigin::Metadata => "metadata",
            DateOrigin::Header => "header",
            DateOrigin::Inferred => "inferred",
        }
    }
}

/// A publication date: the first day of the period it names, its precision
/// and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// First day of the period (`2024-11` is stored as 2024-11-01).
    pub date: NaiveDate,
    /// How much of `date` is known.
    pub precision: Precision,
    /// Where the value came from.
    pub origin: DateOrigin,
}

/// The four kinds of actor the tables know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A named human being.
    Person,
    /// Governments' bodies, armies, companies, armed groups, media, IGOs.
    Organization,
    /// A sovereign state (or its government used as an actor).
    Country,
    /// A city, region or other location.
    Place,
}

impl ActorKind {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Place => "place",
        }
    }

    /// Parses the table name back (`person`, `organization`/`organisation`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" => Some(ActorKind::Person),
            "organization" | "organisation" | "org" => Some(ActorKind::Organization),
            "country" => Some(ActorKind::Country),
            "place" | "loc" | "location" | "city" | "region" => Some(ActorKind::Place),
            _ => None,
        }
    }
}

/// Index of an actor in [`Document::actors`].
pub type ActorIdx = usize;

/// One distinct actor of a document, after within-document resolution.
///
/// Every mention, quote speaker and event participant points at one of these.
/// `actor_id` is a pure function of `key`, so the same actor gets the same id
/// in every article, run and shard without shared state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocActor {
    /// Stable id: derived from `key` by `resolve::actor_id`.
    pub actor_id: String,
    /// Run-wide identity key: a gazetteer id (`gz:per:sergei-lavrov`) or a
    /// normalised name key for actors found outside the gazetteer.
    pub key: String,
    /// Canonical display name.
    pub name: String,
    /// What kind of actor it is.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the country it belongs to or represents.
    pub country: Option<String>,
    /// PLOVER sector (`GOV`, `MIL`, `REB`, `IGO`, ...), when known.
    pub sector: Option<String>,
    /// Known aliases (from the gazetteer) to report in `actors.aliases`.
    pub known_aliases: Vec<String>,
    /// Wikidata id, when the gazetteer gives one.
    pub wikidata: Option<String>,
}

/// One occurrence of an actor in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The surface form's span.
    pub span: Span,
    /// Index of the sentence containing it.
    pub sentence: usize,
    /// The actor it refers to.
    pub actor: ActorIdx,
    /// Title or function attached to this mention (`vice-ministre russe de la Défense`).
    pub role: Option<String>,
    /// True when the mention is a metonym: a capital or country name standing
    /// for a government (`Moscou a annoncé`).
    pub metonym: bool,
}

/// Granularity of a temporal expression's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// One calendar day.
    Day,
    /// One ISO week.
    Week,
    /// One month.
    Month,
    /// One year.
    Year,
    /// An interval `START/END` (also seasons and parts of periods).
    Range,
}

impl Granularity {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::Month => "month",
            Granularity::Year => "year",
            Granularity::Range => "range",
        }
    }
}

/// What a temporal expression's value was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The expression carries its own full date.
    Absolute,
    /// Resolved relative to the publication date.
    Publication,
    /// Year inferred from a weekday given with day and month.
    Weekday,
    /// Resolved from another date in the text.
    Context,
}

impl Anchor {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Absolute => "absolute",
            Anchor::Publication => "publication",
            Anchor::Weekday => "weekday",
            Anchor::Context => "context",
        }
    }
}

/// A temporal expression and its normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression's span.
    pub span: Span,
    /// Index of the sentence containing it.
    pub sentence: usize,
    /// ISO 8601 value (`2024-11-28`, `2024-11`, `2024`, `2025-W14`,
    /// `2024-11-28/2024-11-29`); `None` when it cannot be resolved.
    pub value: Option<String>,
    /// First day the value covers.
    pub start_date: Option<NaiveDate>,
    /// Last day the value covers.
    pub end_date: Option<NaiveDate>,
    /// Granularity of the value.
    pub granularity: Granularity,
    /// What the value was resolved against.
    pub anchor: Anchor,
}

/// The three kinds of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A sentence or clause in quotation marks.
    Direct,
    /// A few words in quotation marks inside reported speech.
    Partial,
    /// Reported speech: SPEAKER + speech verb + que/that + clause.
    Indirect,
}

impl QuoteKind {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Span of the quoted words, quotation marks excluded.
    pub span: Span,
    /// Index of the sentence where the quote starts.
    pub sentence: usize,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaker, when attributed.
    pub speaker: Option<ActorIdx>,
    /// The speech verb as written (`a déclaré`, `said`).
    pub cue: Option<String>,
}

/// Whether an event is reported as done, planned, denied or supposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Reported as having happened.
    Asserted,
    /// Announced, scheduled or promised.
    Planned,
    /// Reported as not having happened.
    Negated,
    /// Conditional or supposed.
    Hypothetical,
}

impl EventStatus {
    /// The name used in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Asserted => "asserted",
            EventStatus::Planned => "planned",
            EventStatus::Negated => "negated",
            EventStatus::Hypothetical => "hypothetical",
        }
    }
}

/// A coded PLOVER event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index of the sentence that states it.
    pub sentence: usize,
    /// PLOVER category (`CONSULT`, `AID`, ...).
    pub event_type: String,
    /// PLOVER mode (`visit`, `withdraw`, ...).
    pub mode: Option<String>,
    /// Acting actors, main one first.
    pub sources: Vec<ActorIdx>,
    /// Recipients, main one first.
    pub targets: Vec<ActorIdx>,
    /// The place where it happened.
    pub location: Option<ActorIdx>,
    /// Index into [`Document::dates`] of the date attached to it.
    pub date: Option<usize>,
    /// Asserted, planned, negated or hypothetical.
    pub status: EventStatus,
    /// The words that signal the event, as written.
    pub trigger: String,
    /// The evidence span (clause or sentence).
    pub span: Span,
    /// How sure the rule that found it is, in `[0, 1]`.
    pub confidence: f32,
}

/// An article after preparation, with everything the stages add to it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable id derived from the normalised text.
    pub id: String,
    /// Input path relative to its root, `PATH#LINE`, the record's `id` or its URL.
    pub source: String,
    /// URL given by the input's metadata.
    pub url: Option<String>,
    /// ISO 639-1 language code (`fr`, `en`, ...).
    pub lang: String,
    /// Title, when the input gives one.
    pub title: Option<String>,
    /// Publication date, when known or inferred.
    pub published: Option<Published>,
    /// Normalised body text that every offset indexes into.
    pub text: String,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order; they never cross a paragraph boundary.
    pub sentences: Vec<Span>,
    /// Repeated paragraphs dropped from the text.
    pub n_duplicate_paragraphs: usize,
    /// Id of an earlier near-identical article of the same run.
    pub duplicate_of: Option<String>,
    /// Distinct actors of this document (filled by the actors stage).
    pub actors: Vec<DocActor>,
    /// Actor mentions, in text order (actors stage).
    pub mentions: Vec<Mention>,
    /// Temporal expressions, in text order (dates stage).
    pub dates: Vec<DateMention>,
    /// Quotations, in text order (quotes stage).
    pub quotes: Vec<Quote>,
    /// Events, in text order (events stage).
    pub events: Vec<Event>,
}

impl Document {
    /// The text under a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Index of the sentence containing byte `pos` (the last sentence
    /// starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| s.start.cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Mentions that lie inside `span`, in text order.
    pub fn mentions_in(&self, span: Span) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| span.contains(m.span))
    }

    /// The publication date used to resolve relative expressions, if any.
    pub fn reference_date(&self) -> Option<NaiveDate> {
        self.published.map(|p| p.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let doc = Document {
            text: "Un. Deux. Trois.".into(),
            sentences: vec![Span::new(0, 3), Span::new(4, 9), Span::new(10, 16)],
            ..Default::default()
        };
        assert_eq!(doc.sentence_at(0), 0);
        assert_eq!(doc.sentence_at(5), 1);
        assert_eq!(doc.sentence_at(9), 1);
        assert_eq!(doc.sentence_at(15), 2);
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        assert!(a.contains(Span::new(2, 5)));
        assert!(!a.contains(Span::new(5, 11)));
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
    }
}
