//! `event_counts`, `dyads` and `timeline`: events over the outputs.
//!
//! Every event gets a date to count it by (`when`): its own date, else the
//! publication date of the first article of its near-duplicate family (its
//! root). An event repeated in near-duplicate articles is one distinct event:
//! within a family, events with the same type, mode, status, main source,
//! main target and date value count as many times as the article reporting
//! them most often does (so two such events of one article stay two).

use anyhow::Result;
use polars::prelude::*;

use super::actors::{actor_names, count, left_join};
use super::inputs::Inputs;

/// What makes two events of one near-duplicate family the same event.
const EVENT_IDENTITY: [&str; 6] = [
    "type",
    "mode",
    "status",
    "source_id",
    "target_id",
    "date_value",
];

const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

fn names(cols: &[&str]) -> Vec<Expr> {
    cols.iter().map(|c| col(*c)).collect()
}

/// Events with their family (`root`), `when` and `date_origin`.
pub(super) fn dated_events(inp: &Inputs) -> Result<LazyFrame> {
    Ok(date_events(inp.scan("events")?, inp.roots()?))
}

/// [`dated_events`] of given `events` and `roots` (`article_id, root,
/// root_published`).
pub(super) fn date_events(events: LazyFrame, roots: LazyFrame) -> LazyFrame {
    left_join(events, roots, &["article_id"]).with_columns([
        coalesce(&[col("date"), col("root_published")]).alias("when"),
        when(col("date").is_not_null())
            .then(lit("event"))
            .otherwise(
                when(col("root_published").is_not_null())
                    .then(lit("publication"))
                    .otherwise(lit(NULL).cast(DataType::String)),
            )
            .alias("date_origin"),
    ])
}

/// Groups events by `dims`: `n_events`, `n_distinct_events`, `n_articles`,
/// and the `extra` aggregations.
fn count_events(lf: LazyFrame, dims: &[&str], extra: Vec<Expr>) -> LazyFrame {
    let mut family: Vec<&str> = dims.to_vec();
    for k in ["root"].iter().chain(EVENT_IDENTITY.iter()) {
        if !family.contains(k) {
            family.push(k);
        }
    }
    let mut per_article = family.clone();
    per_article.push("article_id");
    let distinct = lf
        .clone()
        .group_by(names(&per_article))
        .agg([len().alias("c")])
        .group_by(names(&family))
        .agg([col("c").max().alias("c")])
        .group_by(names(dims))
        .agg([count(col("c").sum(), "n_distinct_events")]);
    let mut aggs = vec![
        count(len(), "n_events"),
        count(col("article_id").n_unique(), "n_articles"),
    ];
    aggs.extend(extra);
    left_join(lf.group_by(names(dims)).agg(aggs), distinct, dims)
}

/// `event_counts`: events per month, type, status and country pair.
pub fn event_counts(inp: &Inputs) -> Result<LazyFrame> {
    let lf = dated_events(inp)?.with_column(
        col("when")
            .cast(DataType::String)
            .str()
            .slice(lit(0), lit(7))
            .alias("month"),
    );
    let dims = [
        "month",
        "type",
        "quad_class",
        "status",
        "source_country",
        "target_country",
    ];
    Ok(count_events(lf, &dims, vec![])
        .sort(dims, SortMultipleOptions::default().with_nulls_last(true)))
}

/// `dyads`: events from source to target, per ordered pair of actors (every
/// source × every target of an event) and of their countries; negated and
/// hypothetical events are left out.
pub fn dyads(inp: &Inputs) -> Result<LazyFrame> {
    let explode = ExplodeOptions {
        empty_as_null: false,
        keep_nulls: false,
    };
    let pairs = dated_events(inp)?
        .filter(
            col("status")
                .eq(lit("negated"))
                .or(col("status").eq(lit("hypothetical")))
                .not(),
        )
        .explode(cols(["source_ids"]), explode)
        .explode(cols(["target_ids"]), explode)
        .filter(
            col("source_ids")
                .is_not_null()
                .and(col("target_ids").is_not_null()),
        );
    let keep = |level: &str, source: Expr, target: Expr| {
        let mut select = vec![
            lit(level).alias("level"),
            source.alias("source"),
            target.alias("target"),
            col("event_id"),
            col("article_id"),
            col("quad_class"),
            col("when"),
            col("root"),
        ];
        select.extend(names(&EVENT_IDENTITY));
        select
    };
    let actors = actor_names(inp)?;
    let country = |side: &str| {
        actors.clone().select([
            col("actor_id").alias(side),
            col("country").alias(format!("{side}_country_of")),
        ])
    };
    let by_actor = pairs
        .clone()
        .select(keep("actor", col("source_ids"), col("target_ids")))
        .unique(None, UniqueKeepStrategy::Any);
    let by_country = left_join(
        left_join(pairs, country("source_ids"), &["source_ids"]),
        country("target_ids"),
        &["target_ids"],
    )
    .filter(
        col("source_ids_country_of")
            .is_not_null()
            .and(col("target_ids_country_of").is_not_null()),
    )
    .select(keep(
        "country",
        col("source_ids_country_of"),
        col("target_ids_country_of"),
    ))
    .unique(None, UniqueKeepStrategy::Any);
    let rows = concat([by_actor, by_country], UnionArgs::default())?;
    let mut extra: Vec<Expr> = QUADS
        .iter()
        .map(|q| count(col("quad_class").eq(lit(*q)).sum(), &format!("n_{q}")))
        .collect();
    extra.push(col("when").min().alias("first_date"));
    extra.push(col("when").max().alias("last_date"));
    let counted = count_events(rows, &["level", "source", "target"], extra);
    let name = |side: &str| {
        actors.clone().select([
            col("actor_id").alias(side),
            col("name").alias(format!("{side}_actor_name")),
        ])
    };
    let named = left_join(
        left_join(counted, name("source"), &["source"]),
        name("target"),
        &["target"],
    );
    let display = |side: &str| {
        when(col("level").eq(lit("country")))
            .then(col(side))
            .otherwise(col(format!("{side}_actor_name")))
            .alias(format!("{side}_name"))
    };
    Ok(named
        .with_columns([display("source"), display("target")])
        .sort(
            ["level", "n_events", "source", "target"],
            SortMultipleOptions::default().with_order_descending_multi([false, true, false, false]),
        ))
}

/// `timeline`: every event by date, with its evidence text.
pub fn timeline(inp: &Inputs) -> Result<LazyFrame> {
    Ok(sort_timeline(timeline_rows(
        inp.scan("articles")?,
        dated_events(inp)?,
    )))
}

/// The timeline rows of `articles` and their [`dated_events`], in no order.
pub fn timeline_rows(articles: LazyFrame, dated_events: LazyFrame) -> LazyFrame {
    let articles = articles.select([col("article_id"), col("text"), col("duplicate_of")]);
    // the events are the build side: article texts stream through, only the
    // evidence slices are kept
    let joined = articles.join(
        dated_events,
        [col("article_id")],
        [col("article_id")],
        JoinArgs {
            build_side: Some(JoinBuildSide::ForceRight),
            ..JoinArgs::new(JoinType::Inner)
        },
    );
    joined.with_columns([
        col("when").alias("date"),
        col("text")
            .str()
            .slice(
                col("start").cast(DataType::Int64),
                (col("end") - col("start")).cast(DataType::UInt64),
            )
            .alias("evidence"),
    ])
}

/// Timeline rows in the table's order: by date (undated last), article,
/// position, event id. Rows of different months never interleave, so
/// months sorted one by one and concatenated give the same table.
pub fn sort_timeline(rows: LazyFrame) -> LazyFrame {
    rows.sort(
        ["date", "article_id", "start", "event_id"],
        SortMultipleOptions::default().with_nulls_last(true),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_events_merge_across_a_family_not_within_an_article() {
        // family r: article a reports the same AID twice, its near-duplicate b
        // once, and b adds a CONSULT; article c (its own family) repeats a's AID
        let df = df! {
            "root" => ["r", "r", "r", "r", "c"],
            "article_id" => ["a", "a", "b", "b", "c"],
            "type" => ["AID", "AID", "AID", "CONSULT", "AID"],
            "g" => ["x"; 5],
        }
        .unwrap();
        let lf = df.lazy().with_columns(
            ["mode", "status", "source_id", "target_id", "date_value"]
                .map(|c| lit(NULL).cast(DataType::String).alias(c)),
        );
        let out = count_events(lf, &["g", "type"], vec![])
            .sort(["type"], SortMultipleOptions::default())
            .collect()
            .unwrap();
        let col = |n: &str| -> Vec<i64> {
            out.column(n)
                .unwrap()
                .i64()
                .unwrap()
                .iter()
                .flatten()
                .collect()
        };
        assert_eq!(col("n_events"), [4, 1]);
        assert_eq!(col("n_distinct_events"), [3, 1]);
        assert_eq!(col("n_articles"), [3, 1]);
    }
}
