-- A country's timeline: what its actors did, by date, with the evidence.
-- columns: date, date_origin, type, status, source, target, evidence
SELECT date, date_origin, type, status, source, target, evidence
FROM read_parquet('output/parquet/timeline.parquet')
WHERE source_country = 'RUS' OR target_country = 'RUS'
ORDER BY date NULLS LAST, event_id;
