// Name: schema/check — which of the indexes we need exist and are online (readiness requires all of them): those
// backing our uniqueness constraints (a constraint's index bears its name) and the two full-text search indexes.
SHOW INDEXES YIELD name, state
WHERE name IN ['entity_key', 'assertion_key', 'source_key', 'source_url_unique', 'search_en', 'snippet_en']
  AND state = 'ONLINE'
RETURN count(*) AS present
