// Name: entities/by-keys — entities for a batch of keys (DataLoader); a merged-away key resolves through REDIRECTS_TO.
UNWIND $keys AS k
OPTIONAL MATCH (direct:Entity {key: k})
OPTIONAL MATCH (:Redirect {key: k})-[:REDIRECTS_TO]->(target:Entity)
WITH k, coalesce(direct, target) AS e
RETURN k AS requested, CASE WHEN e IS NULL THEN null ELSE e {.*, createdAt: null} END AS entity
