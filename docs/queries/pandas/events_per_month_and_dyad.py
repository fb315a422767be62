"""Events per month and country dyad, with pandas, from the events table
(month: the event's date, else its article's publication date).

columns: month, source_country, target_country, quad_class, n_events
"""
import pandas as pd

events = pd.read_parquet("output/parquet/events.parquet")
articles = pd.read_parquet("output/parquet/articles.parquet", columns=["article_id", "published"])

e = events.merge(articles, on="article_id")
e = e[e["status"].isin(["asserted", "planned"])].dropna(subset=["source_country", "target_country"])
when = pd.to_datetime(e["date"].fillna(e["published"]))
e = e.assign(month=when.dt.strftime("%Y-%m"))
result = (
    e.groupby(["month", "source_country", "target_country", "quad_class"], dropna=False)
    .size()
    .reset_index(name="n_events")
    .sort_values(["month", "n_events"], ascending=[True, False])
)
print(result.to_string(index=False))
