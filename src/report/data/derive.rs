//! The aggregate figures the report needs, derived from the base tables when
//! the folder holds no fresh aggregate table. Each function returns a frame
//! with the aggregate table's column names (only the columns the report
//! reads), or `None` when a base table it needs is missing.
//!
//! Simpler than the aggregates themselves: events count their main source
//! and target only, and `event_counts` leaves the events of near-duplicate
//! articles out rather than matching them to their originals.

use std::path::Path;

use std::sync::Arc;

use anyhow::Result;
use polars::prelude::*;

use super::QUADS;
use super::read::{Prepare, Rows, happened, one_of, scan, strings};

/// What makes a row group of `events` into dated events: `when` (their
/// date, else their article's publication date), `date_origin` and the
/// article's `duplicate_of`, from a small frame of the articles' ids and
/// dates read once (`None` without `events` or `articles`).
fn dating(out: &Path) -> Result<Option<Prepare>> {
    if scan(out, "events")?.is_none() {
        return Ok(None);
    }
    let Some(articles) = Rows::Table(out.to_path_buf(), "articles")
        .gather(&["article_id", "published", "duplicate_of"], |lf| lf)?
    else {
        return Ok(None);
    };
    Ok(Some(Arc::new(move |events: LazyFrame| {
        events
            .left_join(
                articles.clone().lazy(),
                col("article_id"),
                col("article_id"),
            )
            .with_columns([
                coalesce(&[col("date"), col("published")]).alias("when"),
                when(col("date").is_not_null())
                    .then(lit("event"))
                    .otherwise(
                        when(col("published").is_not_null())
                            .then(lit("publication"))
                            .otherwise(lit(NULL).cast(DataType::String)),
                    )
                    .alias("date_origin"),
            ])
    })))
}

/// The `events` columns [`dating`] reads.
const DATING: &[&str] = &["article_id", "date"];

/// The dated events (see [`dating`]), a row group of `events` at a time.
fn dated_rows(out: &Path) -> Result<Option<Rows>> {
    Ok(dating(out)?.map(|prepare| Rows::Prepared(out.to_path_buf(), "events", DATING, prepare)))
}

/// The dated events (see [`dating`]) as one lazy frame.
fn dated_events(out: &Path) -> Result<Option<LazyFrame>> {
    let (Some(prepare), Some(events)) = (dating(out)?, scan(out, "events")?) else {
        return Ok(None);
    };
    Ok(Some(prepare(events)))
}

/// `event_counts`: events per month, type, quad class and status, counted
/// per row group of `events` (a month can have several rows: the report
/// sums them).
pub fn event_counts(out: &Path) -> Result<Option<LazyFrame>> {
    let Some(rows) = dated_rows(out)? else {
        return Ok(None);
    };
    let counts = rows.gather(
        &["when", "type", "quad_class", "status", "duplicate_of"],
        |ev| {
            ev.filter(col("duplicate_of").is_null())
                .with_column(
                    col("when")
                        .cast(DataType::String)
                        .str()
                        .slice(lit(0), lit(7))
                        .alias("month"),
                )
                .group_by([col("month"), col("type"), col("quad_class"), col("status")])
                .agg([len().cast(DataType::Int64).alias("n_events")])
        },
    )?;
    Ok(counts.map(DataFrame::lazy))
}

/// `actor_summary`: the `actors` table with the quotes each actor spoke.
pub fn actor_summary(out: &Path) -> Result<Option<LazyFrame>> {
    let Some(actors) = scan(out, "actors")? else {
        return Ok(None);
    };
    let actors = actors.select([
        col("actor_id"),
        col("name"),
        col("kind"),
        col("country"),
        col("n_mentions").cast(DataType::Int64),
        col("n_articles").cast(DataType::Int64),
    ]);
    Ok(Some(match scan(out, "quotes")? {
        Some(quotes) => {
            let spoken = quotes
                .filter(col("speaker_id").is_not_null())
                .group_by([col("speaker_id")])
                .agg([len().cast(DataType::Int64).alias("n_quotes")]);
            actors
                .left_join(spoken, col("actor_id"), col("speaker_id"))
                .with_column(col("n_quotes").fill_null(lit(0i64)))
        }
        None => actors.with_column(lit(0i64).alias("n_quotes")),
    }))
}

/// `cooccurrence` between the actors `ids` only (the network's nodes), from
/// `mentions`: the articles mentioning both (the network does not draw
/// sentence counts).
pub fn cooccurrence(out: &Path, ids: &[String]) -> Result<Option<LazyFrame>> {
    // the mentions of these few actors, a row group at a time
    let Some(m) =
        Rows::Table(out.to_path_buf(), "mentions").gather(&["article_id", "actor_id"], |lf| {
            lf.filter(one_of("actor_id", ids))
                .unique(None, UniqueKeepStrategy::Any)
        })?
    else {
        return Ok(None);
    };
    let m = m.lazy().unique(None, UniqueKeepStrategy::Any);
    Ok(Some(
        m.clone()
            .inner_join(m, col("article_id"), col("article_id"))
            .filter(col("actor_id").lt(col("actor_id_right")))
            .group_by([col("actor_id"), col("actor_id_right")])
            .agg([len().cast(DataType::Int64).alias("n_articles")])
            .select([
                col("actor_id").alias("actor_a"),
                col("actor_id_right").alias("actor_b"),
                col("n_articles"),
            ]),
    ))
}

/// `timeline`: events with their date, without the evidence text (see
/// [`evidence`]: only the listed events need it), a row group of `events`
/// at a time.
pub fn timeline(out: &Path) -> Result<Option<Rows>> {
    let Some(dated) = dating(out)? else {
        return Ok(None);
    };
    let prepare: Prepare = Arc::new(move |ev| dated(ev).with_column(col("when").alias("date")));
    Ok(Some(Rows::Prepared(
        out.to_path_buf(),
        "events",
        DATING,
        prepare,
    )))
}

/// Adds `evidence` (the text of `articles` between `start` and `end`) to a
/// few events (the texts of their articles only are kept, a row group of
/// `articles` at a time).
pub fn evidence(out: &Path, events: DataFrame) -> Result<DataFrame> {
    let ids = strings(&events, "article_id")?;
    let Some(texts) = Rows::Table(out.to_path_buf(), "articles")
        .gather(&["article_id", "text"], |lf| {
            lf.filter(one_of("article_id", &ids))
        })?
    else {
        return Ok(events
            .lazy()
            .with_column(lit("").alias("evidence"))
            .collect()?);
    };
    Ok(events
        .lazy()
        .with_row_index("row", None)
        .left_join(texts.lazy(), col("article_id"), col("article_id"))
        .with_column(
            col("text")
                .str()
                .slice(
                    col("start").cast(DataType::Int64),
                    (col("end") - col("start")).cast(DataType::UInt64),
                )
                .fill_null(lit(""))
                .alias("evidence"),
        )
        .sort(["row"], Default::default())
        .collect()?)
}

/// `dyads`: events from main source to main target, by actor and by
/// country (negated and hypothetical events left out).
pub fn dyads(out: &Path) -> Result<Option<LazyFrame>> {
    let Some(ev) = dated_events(out)? else {
        return Ok(None);
    };
    // near-duplicate articles count, as in the aggregate's per-class counts
    let ev = ev.filter(happened());
    // the run-wide canonical names, as the dyads aggregate shows them
    let ev = match scan(out, "actors")? {
        Some(actors) => {
            let names = |side: &str| {
                actors.clone().select([
                    col("actor_id").alias(side),
                    col("name").alias(format!("{side}_name")),
                ])
            };
            ev.left_join(names("source_id"), col("source_id"), col("source_id"))
                .left_join(names("target_id"), col("target_id"), col("target_id"))
        }
        None => ev.with_columns([
            col("source").alias("source_id_name"),
            col("target").alias("target_id_name"),
        ]),
    };
    let mut aggs: Vec<Expr> = QUADS
        .iter()
        .map(|q| {
            col("quad_class")
                .eq(lit(*q))
                .sum()
                .cast(DataType::Int64)
                .alias(format!("n_{q}"))
        })
        .collect();
    aggs.extend([
        len().cast(DataType::Int64).alias("n_events"),
        col("article_id")
            .n_unique()
            .cast(DataType::Int64)
            .alias("n_articles"),
        col("when").min().alias("first_date"),
        col("when").max().alias("last_date"),
        col("source_name").min(),
        col("target_name").min(),
    ]);
    // keys and display names of each level under the same column names
    let level = |name: &str, keys: [&str; 2], names: [&str; 2]| {
        ev.clone()
            .select([
                col(keys[0]).alias("source"),
                col(keys[1]).alias("target"),
                col(names[0]).alias("source_name"),
                col(names[1]).alias("target_name"),
                col("quad_class"),
                col("article_id"),
                col("when"),
            ])
            .filter(col("source").is_not_null().and(col("target").is_not_null()))
            .group_by([col("source"), col("target")])
            .agg(aggs.clone())
            .with_column(lit(name).alias("level"))
    };
    let by_actor = level(
        "actor",
        ["source_id", "target_id"],
        ["source_id_name", "target_id_name"],
    );
    let by_country = level(
        "country",
        ["source_country", "target_country"],
        ["source_country", "target_country"],
    );
    Ok(Some(concat([by_actor, by_country], UnionArgs::default())?))
}
