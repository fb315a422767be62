-- The actor network: edges between actors named in the same sentence
-- (cooccurrence), with each end's kind and total mentions (actor_summary),
-- ready for a graph tool (source, target, weight).
-- columns: source, target, weight, n_articles, kind_a, kind_b, mentions_a, mentions_b
SELECT
    c.name_a AS source,
    c.name_b AS target,
    c.n_sentences AS weight,
    c.n_articles,
    sa.kind AS kind_a,
    sb.kind AS kind_b,
    sa.n_mentions AS mentions_a,
    sb.n_mentions AS mentions_b
FROM read_parquet('output/parquet/cooccurrence.parquet') AS c
JOIN read_parquet('output/parquet/actor_summary.parquet') AS sa ON sa.actor_id = c.actor_a
JOIN read_parquet('output/parquet/actor_summary.parquet') AS sb ON sb.actor_id = c.actor_b
WHERE c.n_sentences > 0
ORDER BY weight DESC, n_articles DESC, source, target;
