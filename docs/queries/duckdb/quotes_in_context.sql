-- Every quote with its speaker, its article's source and publication date,
-- and the sentence around it: the joins between quotes, actors and articles.
-- columns: published, source, speaker, speaker_kind, kind, quote, in_article
SELECT
    ar.published,
    ar.source,
    q.speaker,
    a.kind AS speaker_kind,
    q.kind,
    q.text AS quote,
    -- offsets count code points, as DuckDB's substring does (1-based)
    substring(ar.text, q.start + 1, q."end" - q.start) = q.text AS in_article
FROM read_parquet('output/parquet/quotes.parquet') AS q
JOIN read_parquet('output/parquet/articles.parquet') AS ar USING (article_id)
LEFT JOIN read_parquet('output/parquet/actors.parquet') AS a ON a.actor_id = q.speaker_id
ORDER BY ar.published NULLS LAST, ar.source, q.start;
