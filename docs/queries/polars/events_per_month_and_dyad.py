"""Events per month and actor dyad, with Polars, from the dyads and
timeline aggregates: the strongest dyads, then their events month by month.

columns: month, source, target, type, n_events
"""
import polars as pl

dyads = (
    pl.scan_parquet("output/parquet/dyads.parquet")
    .filter(pl.col("level") == "actor")
    .sort(["n_events", "source_name", "target_name"], descending=[True, False, False])
    .head(10)
    .collect()
)
print(dyads.select("source_name", "target_name", "n_events", "n_distinct_events", "first_date", "last_date"))

result = (
    pl.scan_parquet("output/parquet/timeline.parquet")
    .filter(pl.col("status").is_in(["asserted", "planned"]) & pl.col("target").is_not_null())
    .group_by(pl.col("date").dt.strftime("%Y-%m").alias("month"), "source", "target", "type")
    .agg(pl.len().alias("n_events"))
    .sort(["month", "n_events", "source", "target", "type"], descending=[False, True, False, False, False], nulls_last=True)
    .collect()
)
print(result)
