// Name: entities/by-keys — entities for a batch of keys (DataLoader); a merged-away key resolves through REDIRECTS_TO.
// With the facts the GraphQL selection asks for ($facts, possibly empty; see fragments/facts-of-entity).
UNWIND $keys AS k
OPTIONAL MATCH (direct:Entity {key: k})
OPTIONAL MATCH (:Redirect {key: k})-[:REDIRECTS_TO]->(target:Entity)
WITH k, coalesce(direct, target) AS e
// @include facts-of-entity
RETURN k AS requested, CASE WHEN e IS NULL THEN null ELSE e {.*, createdAt: null} END AS entity, facts
