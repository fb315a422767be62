-- The same count straight from the events table: an event's month is its own
-- date's, else its article's publication month.
-- columns: month, source, target, type, n_events
SELECT
    strftime(coalesce(e.date, ar.published), '%Y-%m') AS month,
    e.source,
    e.target,
    e.type,
    count(*) AS n_events
FROM read_parquet('output/parquet/events.parquet') AS e
JOIN read_parquet('output/parquet/articles.parquet') AS ar USING (article_id)
WHERE e.status IN ('asserted', 'planned') AND e.source IS NOT NULL AND e.target IS NOT NULL
GROUP BY ALL
ORDER BY month NULLS LAST, n_events DESC, e.source, e.target, e.type;
