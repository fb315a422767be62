"""Who spoke most: quotes per speaker, with pandas.

columns: speaker, country, n_quotes, n_direct, n_articles
"""
import pandas as pd

quotes = pd.read_parquet("output/parquet/quotes.parquet")
actors = pd.read_parquet("output/parquet/actors.parquet", columns=["actor_id", "name", "country"])

spoken = quotes.merge(actors, left_on="speaker_id", right_on="actor_id")
result = (
    spoken.assign(direct=spoken["kind"].eq("direct"))
    .groupby(["name", "country"], dropna=False)
    .agg(n_quotes=("quote_id", "size"), n_direct=("direct", "sum"), n_articles=("article_id", "nunique"))
    .reset_index()
    .rename(columns={"name": "speaker"})
    .sort_values(["n_quotes", "speaker"], ascending=[False, True])
    .head(20)
)
print(result.to_string(index=False))
