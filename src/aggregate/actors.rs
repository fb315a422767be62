//! `actor_summary` and `cooccurrence`: actors over the outputs, recomputed
//! from `mentions`, `quotes` and `events` (so several outputs add up), with
//! names chosen as the run's registry chooses them (the longest, then the
//! smallest), so one output or its shards give the same table.

use anyhow::Result;
use polars::prelude::*;

use super::inputs::Inputs;

/// A count as the Int64 column `name`.
pub(super) fn count(e: Expr, name: &str) -> Expr {
    e.cast(DataType::Int64).alias(name)
}

/// Left join on `keys` where null keys match each other.
pub(super) fn left_join(left: LazyFrame, right: LazyFrame, keys: &[&str]) -> LazyFrame {
    let on: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
    left.join(
        right,
        on.clone(),
        on,
        JoinArgs {
            nulls_equal: true,
            ..JoinArgs::new(JoinType::Left)
        },
    )
}

/// One row per actor id: `actor_id, name, kind, country`.
pub(super) fn actor_names(inp: &Inputs) -> Result<LazyFrame> {
    Ok(inp
        .scan("actors")?
        .select([col("actor_id"), col("name"), col("kind"), col("country")])
        .with_row_index("row", None)
        .group_by([col("actor_id")])
        .agg([
            col("name")
                .sort_by(
                    [col("name").str().len_chars(), col("name")],
                    SortMultipleOptions::default().with_order_descending_multi([true, false]),
                )
                .first()
                .alias("name"),
            // the first output that saw it decides, as the run's registry does
            col("kind")
                .sort_by([col("row")], SortMultipleOptions::default())
                .first()
                .alias("kind"),
            col("country").min().alias("country"),
        ]))
}

/// `actor_summary`: mentions, articles, sentences, quotes spoken, events as
/// source and as target, first and last seen, per actor.
pub fn actor_summary(inp: &Inputs) -> Result<LazyFrame> {
    let published = inp
        .scan("articles")?
        .select([col("article_id"), col("published")]);
    let mentions = left_join(
        inp.scan("mentions")?
            .select([col("article_id"), col("actor_id"), col("sentence")]),
        published,
        &["article_id"],
    )
    .group_by([col("actor_id")])
    .agg([
        count(len(), "n_mentions"),
        count(col("article_id").n_unique(), "n_articles"),
        count(
            concat_str(
                [col("article_id"), col("sentence").cast(DataType::String)],
                "#",
                false,
            )
            .n_unique(),
            "n_sentences",
        ),
        col("published").min().alias("first_seen"),
        col("published").max().alias("last_seen"),
    ]);
    let quotes = inp
        .scan("quotes")?
        .filter(col("speaker_id").is_not_null())
        .group_by([col("speaker_id").alias("actor_id")])
        .agg([count(len(), "n_quotes")]);
    let events = |list: &str, name: &str| -> Result<LazyFrame> {
        Ok(inp
            .scan("events")?
            .select([col("event_id"), col(list).alias("actor_id")])
            .explode(
                cols(["actor_id"]),
                ExplodeOptions {
                    empty_as_null: false,
                    keep_nulls: false,
                },
            )
            .filter(col("actor_id").is_not_null())
            .group_by([col("actor_id")])
            .agg([count(col("event_id").n_unique(), name)]))
    };
    let mut lf = actor_names(inp)?;
    for right in [
        mentions,
        quotes,
        events("source_ids", "n_events_as_source")?,
        events("target_ids", "n_events_as_target")?,
    ] {
        lf = left_join(lf, right, &["actor_id"]);
    }
    let zero = |c: &str| col(c).fill_null(lit(0i64)).alias(c);
    Ok(lf
        .with_columns([
            zero("n_mentions"),
            zero("n_articles"),
            zero("n_sentences"),
            zero("n_quotes"),
            zero("n_events_as_source"),
            zero("n_events_as_target"),
        ])
        .sort(
            ["n_mentions", "actor_id"],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        ))
}

/// `cooccurrence`: for each pair of actors mentioned in a same article, the
/// articles and the sentences mentioning both.
pub fn cooccurrence(inp: &Inputs) -> Result<LazyFrame> {
    let pairs = |keys: &[&str], name: &str| -> Result<LazyFrame> {
        let mut select: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
        select.push(col("actor_id"));
        let m = inp
            .scan("mentions")?
            .select(select)
            .unique(None, UniqueKeepStrategy::Any);
        let on: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
        Ok(m.clone()
            .join(
                m,
                on.clone(),
                on,
                JoinArgs::new(JoinType::Inner).with_suffix(Some("_b".into())),
            )
            .filter(col("actor_id").lt(col("actor_id_b")))
            .group_by([
                col("actor_id").alias("actor_a"),
                col("actor_id_b").alias("actor_b"),
            ])
            .agg([count(len(), name)]))
    };
    let names = actor_names(inp)?.select([col("actor_id"), col("name")]);
    let lf = left_join(
        pairs(&["article_id"], "n_articles")?,
        pairs(&["article_id", "sentence"], "n_sentences")?,
        &["actor_a", "actor_b"],
    )
    .with_column(col("n_sentences").fill_null(lit(0i64)));
    let named = |lf: LazyFrame, side: &str| {
        left_join(
            lf,
            names.clone().select([
                col("actor_id").alias(side),
                col("name").alias(format!("name_{}", &side[6..])),
            ]),
            &[side],
        )
    };
    Ok(named(named(lf, "actor_a"), "actor_b").sort(
        ["n_articles", "n_sentences", "actor_a", "actor_b"],
        SortMultipleOptions::default().with_order_descending_multi([true, true, false, false]),
    ))
}
