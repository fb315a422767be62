//! The table contract (`shared/spec/tables.md`) as data: every table, its
//! columns, their types and meaning. Writers, `gazette schema` and the tests
//! all read this one list, so the contract lives in one place.

use polars::prelude::DataType;

/// A column's logical type as DuckDB and pandas see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// UTF-8 string.
    Str,
    /// 32-bit signed integer.
    Int32,
    /// 64-bit signed integer.
    Int64,
    /// 32-bit float.
    Float32,
    /// Calendar date (Parquet DATE / Arrow date32).
    Date,
    /// List of strings (joined with `;` in CSV).
    ListStr,
}

impl ColType {
    /// The polars type written for this column.
    pub fn dtype(self) -> DataType {
        match self {
            ColType::Str => DataType::String,
            ColType::Int32 => DataType::Int32,
            ColType::Int64 => DataType::Int64,
            ColType::Float32 => DataType::Float32,
            ColType::Date => DataType::Date,
            ColType::ListStr => DataType::List(Box::new(DataType::String)),
        }
    }

    /// The name the contract uses.
    pub fn contract_name(self) -> &'static str {
        match self {
            ColType::Str => "string",
            ColType::Int32 => "int32",
            ColType::Int64 => "int64",
            ColType::Float32 => "float32",
            ColType::Date => "date",
            ColType::ListStr => "list<string>",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Column name.
    pub name: &'static str,
    /// Logical type.
    pub ty: ColType,
    /// Whether nulls may appear.
    pub nullable: bool,
    /// What the column means.
    pub doc: &'static str,
}

/// One table of the contract.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// File stem (`articles` → `parquet/articles.parquet`, `csv/articles.csv`).
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// Columns, in file order.
    pub columns: &'static [ColumnSpec],
}

impl TableSpec {
    /// Index of a column by name.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// Builds a [`ColumnSpec`] (for table declarations).
pub const fn col(name: &'static str, ty: ColType, nullable: bool, doc: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        nullable,
        doc,
    }
}

use ColType::*;

/// `articles`: one row per input article.
pub const ARTICLES: TableSpec = TableSpec {
    name: "articles",
    doc: "one row per article",
    columns: &[
        col(
            "article_id",
            Str,
            false,
            "stable id derived from the normalised text",
        ),
        col(
            "source",
            Str,
            false,
            "record id, URL, or path relative to the input root (PATH#LINE for a record)",
        ),
        col(
            "lang",
            Str,
            false,
            "ISO 639-1 code (fr, en), other codes kept",
        ),
        col("title", Str, true, "title from the metadata"),
        col(
            "published",
            Date,
            true,
            "publication date (first day of its period)",
        ),
        col("published_precision", Str, true, "day, month or year"),
        col(
            "published_origin",
            Str,
            true,
            "metadata, header, or inferred",
        ),
        col(
            "text",
            Str,
            false,
            "normalised body text the offsets index into (repeated paragraphs removed)",
        ),
        col("n_chars", Int32, false, "length of text in code points"),
        col("n_sentences", Int32, false, "sentences in text"),
        col(
            "n_duplicate_paragraphs",
            Int32,
            false,
            "repeated paragraphs dropped from this article",
        ),
        col(
            "duplicate_of",
            Str,
            true,
            "article_id of an earlier near-identical article of the run",
        ),
        col("url", Str, true, "URL from the metadata"),
    ],
};

/// `actors`: one row per resolved actor over the whole run.
pub const ACTORS: TableSpec = TableSpec {
    name: "actors",
    doc: "one row per resolved actor over the whole run",
    columns: &[
        col(
            "actor_id",
            Str,
            false,
            "stable id (a hash of the actor's identity key)",
        ),
        col("name", Str, false, "canonical display name"),
        col("kind", Str, false, "person, organization, country, place"),
        col(
            "country",
            Str,
            true,
            "ISO 3166-1 alpha-3 of the country it belongs to or represents",
        ),
        col(
            "aliases",
            ListStr,
            false,
            "every surface form seen in the run, plus known ones",
        ),
        col("roles", ListStr, false, "titles seen with it"),
        col("n_mentions", Int32, false, "mentions over the run"),
        col("n_articles", Int32, false, "articles mentioning it"),
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
        col(
            "sector",
            Str,
            true,
            "PLOVER sector (GOV, MIL, REB, IGO, ...)",
        ),
        col("wikidata", Str, true, "Wikidata id from the gazetteer"),
    ],
};

/// `mentions`: one row per actor mention.
pub const MENTIONS: TableSpec = TableSpec {
    name: "mentions",
    doc: "one row per actor mention",
    columns: &[
        col("article_id", Str, false, "the article"),
        col("actor_id", Str, false, "the resolved actor"),
        col("text", Str, false, "the surface form as written"),
        col(
            "start",
            Int32,
            false,
            "offset of the first code point in articles.text",
        ),
        col(
            "end",
            Int32,
            false,
            "offset one past the last code point (exclusive)",
        ),
        col(
            "sentence",
            Int32,
            false,
            "sentence index in the article, from 0",
        ),
        col("role", Str, true, "title attached to this mention"),
    ],
};

/// `quotes`: one row per quotation.
pub const QUOTES: TableSpec = TableSpec {
    name: "quotes",
    doc: "one row per quotation",
    columns: &[
        col("quote_id", Str, false, "stable id"),
        col("article_id", Str, false, "the article"),
        col(
            "text",
            Str,
            false,
            "quoted words without the quotation marks",
        ),
        col("start", Int32, false, "offset of text"),
        col("end", Int32, false, "end offset of text (exclusive)"),
        col("kind", Str, false, "direct, partial, indirect"),
        col("speaker_id", Str, true, "actor_id of the speaker"),
        col("speaker", Str, true, "the speaker's canonical name"),
        col("cue", Str, true, "the speech verb as written"),
        col(
            "sentence",
            Int32,
            false,
            "sentence index where the quote starts",
        ),
    ],
};

/// `dates`: one row per temporal expression.
pub const DATES: TableSpec = TableSpec {
    name: "dates",
    doc: "one row per temporal expression",
    columns: &[
        col("article_id", Str, false, "the article"),
        col("text", Str, false, "the expression as written"),
        col("start", Int32, false, "offset"),
        col("end", Int32, false, "end offset (exclusive)"),
        col(
            "value",
            Str,
            true,
            "ISO 8601 value: 2024-11-28, 2024-11, 2024, 2025-W14, or START/END",
        ),
        col("start_date", Date, true, "first day the value covers"),
        col("end_date", Date, true, "last day the value covers"),
        col("granularity", Str, false, "day, week, month, year, range"),
        col(
            "anchor",
            Str,
            false,
            "absolute, publication, weekday, context",
        ),
        col("sentence", Int32, false, "sentence index"),
    ],
};

/// `events`: one row per coded event.
pub const EVENTS: TableSpec = TableSpec {
    name: "events",
    doc: "one row per PLOVER event",
    columns: &[
        col("event_id", Str, false, "stable id"),
        col("article_id", Str, false, "the article"),
        col("sentence", Int32, false, "sentence index"),
        col("type", Str, false, "PLOVER category (CONSULT, AID, ...)"),
        col("mode", Str, true, "PLOVER mode (visit, withdraw, ...)"),
        col(
            "quad_class",
            Str,
            false,
            "verbal_cooperation, material_cooperation, verbal_conflict, material_conflict",
        ),
        col("source_id", Str, true, "actor_id of the main source"),
        col("target_id", Str, true, "actor_id of the main target"),
        col("source", Str, true, "main source's canonical name"),
        col("target", Str, true, "main target's canonical name"),
        col("source_country", Str, true, "ISO alpha-3 of the source"),
        col("target_country", Str, true, "ISO alpha-3 of the target"),
        col("location_id", Str, true, "actor_id of the place"),
        col("date", Date, true, "when it happened (first day)"),
        col("date_value", Str, true, "ISO value as in dates.value"),
        col(
            "status",
            Str,
            false,
            "asserted, planned, negated, hypothetical",
        ),
        col("trigger", Str, false, "the words that signal it"),
        col("start", Int32, false, "offset of the evidence span"),
        col(
            "end",
            Int32,
            false,
            "end offset of the evidence span (exclusive)",
        ),
        col(
            "confidence",
            Float32,
            false,
            "how sure the rule that found it is, 0 to 1",
        ),
        col(
            "source_ids",
            ListStr,
            false,
            "actor_ids of every source (reciprocal events list all parties)",
        ),
        col("target_ids", ListStr, false, "actor_ids of every target"),
        col("location", Str, true, "the place's canonical name"),
    ],
};

/// Every extraction table, in the order they are written.
pub const TABLES: [&TableSpec; 6] = [&ARTICLES, &ACTORS, &MENTIONS, &QUOTES, &DATES, &EVENTS];

/// Renders table specs as text for `gazette schema`.
pub fn describe(tables: &[&TableSpec]) -> String {
    let mut out = String::new();
    for t in tables {
        out.push_str(&format!("{} ({})\n", t.name, t.doc));
        for c in t.columns {
            let ty = format!(
                "{}{}",
                c.ty.contract_name(),
                if c.nullable { ", null" } else { "" }
            );
            out.push_str(&format!("  {:<24} {:<20} {}\n", c.name, ty, c.doc));
        }
        out.push('\n');
    }
    out
}

/// Renders the contract as JSON: `[{"name", "doc", "columns": [{"name",
/// "type", "nullable", "doc"}]}]`, for tools that check the written files.
pub fn describe_json(tables: &[&TableSpec]) -> String {
    let tables: Vec<serde_json::Value> = tables
        .iter()
        .map(|t| {
            let columns: Vec<serde_json::Value> = t
                .columns
                .iter()
                .map(|c| serde_json::json!({"name": c.name, "type": c.ty.contract_name(), "nullable": c.nullable, "doc": c.doc}))
                .collect();
            serde_json::json!({"name": t.name, "doc": t.doc, "columns": columns})
        })
        .collect();
    serde_json::to_string_pretty(&tables).unwrap_or_default()
}
