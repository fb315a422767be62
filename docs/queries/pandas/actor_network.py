"""The actor network with pandas: sentence co-occurrence edges between
actors, the strongest first, and each actor's number of partners.

columns: source, target, weight, n_articles
"""
import pandas as pd

edges = pd.read_parquet("output/parquet/cooccurrence.parquet")
edges = edges[edges["n_sentences"] > 0]
result = (
    edges.rename(columns={"name_a": "source", "name_b": "target", "n_sentences": "weight"})
    [["source", "target", "weight", "n_articles"]]
    .sort_values(["weight", "n_articles", "source", "target"], ascending=[False, False, True, True])
)
# degree: how many partners each actor has
degree = pd.concat([result["source"], result["target"]]).value_counts()
print(result.head(30).to_string(index=False))
print(degree.head(10).to_string())
