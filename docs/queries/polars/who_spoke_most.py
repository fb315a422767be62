"""Who spoke most: quotes per speaker, with Polars (lazy scans).

columns: speaker, country, n_quotes, n_direct, n_articles
"""
import polars as pl

quotes = pl.scan_parquet("output/parquet/quotes.parquet")
actors = pl.scan_parquet("output/parquet/actors.parquet").select("actor_id", "name", "country")

result = (
    quotes.join(actors, left_on="speaker_id", right_on="actor_id")
    .group_by(pl.col("name").alias("speaker"), "country")
    .agg(
        pl.len().alias("n_quotes"),
        (pl.col("kind") == "direct").sum().alias("n_direct"),
        pl.col("article_id").n_unique().alias("n_articles"),
    )
    .sort(["n_quotes", "speaker"], descending=[True, False])
    .head(20)
    .collect()
)
print(result)
