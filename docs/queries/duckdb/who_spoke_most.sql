-- Who spoke most: quotes per speaker, in how many articles, and how many of
-- them were direct (in quotation marks).
-- columns: speaker, kind, country, n_quotes, n_direct, n_articles
SELECT
    a.name AS speaker,
    a.kind,
    a.country,
    count(*) AS n_quotes,
    count(*) FILTER (WHERE q.kind = 'direct') AS n_direct,
    count(DISTINCT q.article_id) AS n_articles
FROM read_parquet('output/parquet/quotes.parquet') AS q
JOIN read_parquet('output/parquet/actors.parquet') AS a ON a.actor_id = q.speaker_id
GROUP BY a.name, a.kind, a.country
ORDER BY n_quotes DESC, speaker
LIMIT 20;
