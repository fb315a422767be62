"""The actor network with Polars: nodes (actor_summary) and weighted edges
(cooccurrence), e.g. to hand to networkx or Gephi.

columns: source, target, weight, n_articles, kind_a, kind_b
"""
import polars as pl

nodes = pl.scan_parquet("output/parquet/actor_summary.parquet").select(
    "actor_id", "name", "kind", "country", "n_mentions", "n_quotes"
)
edges = pl.scan_parquet("output/parquet/cooccurrence.parquet").filter(pl.col("n_sentences") > 0)

result = (
    edges.join(nodes.select("actor_id", pl.col("kind").alias("kind_a")), left_on="actor_a", right_on="actor_id")
    .join(nodes.select("actor_id", pl.col("kind").alias("kind_b")), left_on="actor_b", right_on="actor_id")
    .select(
        pl.col("name_a").alias("source"),
        pl.col("name_b").alias("target"),
        pl.col("n_sentences").alias("weight"),
        "n_articles",
        "kind_a",
        "kind_b",
    )
    .sort(["weight", "n_articles", "source", "target"], descending=[True, True, False, False])
    .collect()
)
print(nodes.sort("n_mentions", descending=True).head(10).collect())
print(result)
