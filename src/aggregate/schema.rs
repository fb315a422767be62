//! The aggregate tables' contract (`shared/spec/tables.md`, "Aggregates"):
//! every column, its type and meaning. Counts are Int64 and their names say
//! their unit (`n_mentions`, `n_articles`, `n_sentences`, `n_events`,
//! `n_quotes`).

use crate::output::schema::ColType::{Date, Int64, Str};
use crate::output::schema::{TableSpec, col};

/// `actor_summary`: one row per actor of the `actors` tables.
pub const ACTOR_SUMMARY: TableSpec = TableSpec {
    name: "actor_summary",
    doc: "one row per actor: how often it is mentioned, speaks and acts",
    columns: &[
        col("actor_id", Str, false, "the actor (actors.actor_id)"),
        col(
            "name",
            Str,
            false,
            "canonical name (the longest seen over the outputs)",
        ),
        col("kind", Str, false, "person, organization, country, place"),
        col("country", Str, true, "ISO 3166-1 alpha-3 code"),
        col("n_mentions", Int64, false, "mentions of it"),
        col("n_articles", Int64, false, "articles mentioning it"),
        col("n_sentences", Int64, false, "sentences mentioning it"),
        col("n_quotes", Int64, false, "quotes it is the speaker of"),
        col(
            "n_events_as_source",
            Int64,
            false,
            "events listing it among their sources (events.source_ids)",
        ),
        col(
            "n_events_as_target",
            Int64,
            false,
            "events listing it among their targets (events.target_ids)",
        ),
        col(
            "first_seen",
            Date,
            true,
            "earliest publication date of an article mentioning it",
        ),
        col(
            "last_seen",
            Date,
            true,
            "latest publication date of an article mentioning it",
        ),
    ],
};

/// `cooccurrence`: one row per pair of actors mentioned in the same article.
pub const COOCCURRENCE: TableSpec = TableSpec {
    name: "cooccurrence",
    doc: "one row per pair of actors mentioned in a same article (actor_a < actor_b)",
    columns: &[
        col(
            "actor_a",
            Str,
            false,
            "actor_id of the pair's first actor (the smaller id)",
        ),
        col("actor_b", Str, false, "actor_id of the pair's second actor"),
        col("name_a", Str, true, "actor_a's canonical name"),
        col("name_b", Str, true, "actor_b's canonical name"),
        col("n_articles", Int64, false, "articles mentioning both"),
        col("n_sentences", Int64, false, "sentences mentioning both"),
    ],
};

/// `event_counts`: events per month, type, status and country pair.
pub const EVENT_COUNTS: TableSpec = TableSpec {
    name: "event_counts",
    doc: "one row per month x type x status x source_country x target_country",
    columns: &[
        col(
            "month",
            Str,
            true,
            "YYYY-MM of the event's date, else of the publication date of the first article reporting it",
        ),
        col("type", Str, false, "PLOVER category"),
        col("quad_class", Str, false, "the type's quad class"),
        col(
            "status",
            Str,
            false,
            "asserted, planned, negated, hypothetical",
        ),
        col(
            "source_country",
            Str,
            true,
            "ISO alpha-3 of the main source",
        ),
        col(
            "target_country",
            Str,
            true,
            "ISO alpha-3 of the main target",
        ),
        col(
            "n_events",
            Int64,
            false,
            "event rows, near-duplicate articles included",
        ),
        col(
            "n_distinct_events",
            Int64,
            false,
            "events counted once over near-duplicate articles (articles.duplicate_of)",
        ),
        col("n_articles", Int64, false, "articles reporting them"),
    ],
};

/// `dyads`: who does what to whom, per ordered pair of actors or countries.
pub const DYADS: TableSpec = TableSpec {
    name: "dyads",
    doc: "one row per ordered pair (source, target) of actors, and of countries; \
          negated and hypothetical events are not counted",
    columns: &[
        col(
            "level",
            Str,
            false,
            "actor (ids) or country (ISO alpha-3 codes)",
        ),
        col(
            "source",
            Str,
            false,
            "actor_id or country code of the source",
        ),
        col(
            "target",
            Str,
            false,
            "actor_id or country code of the target",
        ),
        col(
            "source_name",
            Str,
            true,
            "the source actor's name (the code for countries)",
        ),
        col(
            "target_name",
            Str,
            true,
            "the target actor's name (the code for countries)",
        ),
        col("n_events", Int64, false, "events from source to target"),
        col(
            "n_distinct_events",
            Int64,
            false,
            "events counted once over near-duplicate articles",
        ),
        col(
            "n_verbal_cooperation",
            Int64,
            false,
            "events of that quad class",
        ),
        col(
            "n_material_cooperation",
            Int64,
            false,
            "events of that quad class",
        ),
        col(
            "n_verbal_conflict",
            Int64,
            false,
            "events of that quad class",
        ),
        col(
            "n_material_conflict",
            Int64,
            false,
            "events of that quad class",
        ),
        col("n_articles", Int64, false, "articles reporting them"),
        col(
            "first_date",
            Date,
            true,
            "earliest event date (else publication date)",
        ),
        col(
            "last_date",
            Date,
            true,
            "latest event date (else publication date)",
        ),
    ],
};

/// `timeline`: every event in date order, with its evidence.
pub const TIMELINE: TableSpec = TableSpec {
    name: "timeline",
    doc: "one row per event, ordered by date, with the sentence part that states it",
    columns: &[
        col(
            "date",
            Date,
            true,
            "the event's date, else the publication date of the first article reporting it",
        ),
        col(
            "date_origin",
            Str,
            true,
            "event (dated in the text) or publication",
        ),
        col(
            "date_value",
            Str,
            true,
            "the event's ISO value as in dates.value",
        ),
        col("event_id", Str, false, "the event"),
        col("article_id", Str, false, "the article reporting it"),
        col("type", Str, false, "PLOVER category"),
        col("mode", Str, true, "PLOVER mode"),
        col("quad_class", Str, false, "the type's quad class"),
        col(
            "status",
            Str,
            false,
            "asserted, planned, negated, hypothetical",
        ),
        col("source", Str, true, "main source's name"),
        col("target", Str, true, "main target's name"),
        col(
            "source_country",
            Str,
            true,
            "ISO alpha-3 of the main source",
        ),
        col(
            "target_country",
            Str,
            true,
            "ISO alpha-3 of the main target",
        ),
        col("trigger", Str, false, "the words that signal it"),
        col(
            "evidence",
            Str,
            false,
            "articles.text[start:end]: the evidence span",
        ),
        col(
            "duplicate_of",
            Str,
            true,
            "set when the article is a near-duplicate of an earlier one",
        ),
    ],
};

/// Every aggregate table, in the order they are written.
pub const AGGREGATES: [&TableSpec; 5] = [
    &ACTOR_SUMMARY,
    &COOCCURRENCE,
    &EVENT_COUNTS,
    &DYADS,
    &TIMELINE,
];
