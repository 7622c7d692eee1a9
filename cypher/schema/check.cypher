// Name: schema/check — which of our constraints exist (readiness requires all of them).
SHOW CONSTRAINTS YIELD name
WHERE name IN ['entity_key', 'assertion_key', 'source_key', 'source_url_unique']
RETURN count(*) AS present
