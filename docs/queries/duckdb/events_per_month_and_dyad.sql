-- Events per month and country dyad (who does what to whom), asserted or
-- planned, from the event_counts aggregate; n_distinct_events counts an event
-- repeated in near-duplicate articles once.
-- (n_articles is not summed: an article reporting two types would count twice.)
-- columns: month, source_country, target_country, quad_class, n_events, n_distinct_events
SELECT
    month,
    source_country,
    target_country,
    quad_class,
    sum(n_events)::BIGINT AS n_events,
    sum(n_distinct_events)::BIGINT AS n_distinct_events
FROM read_parquet('output/parquet/event_counts.parquet')
WHERE status IN ('asserted', 'planned')
  AND source_country IS NOT NULL
  AND target_country IS NOT NULL
GROUP BY ALL
ORDER BY month NULLS LAST, n_events DESC, source_country, target_country, quad_class;
