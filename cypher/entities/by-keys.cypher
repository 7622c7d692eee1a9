// Name: entities/by-keys — entities for a batch of keys (DataLoader); a merged-away key resolves through REDIRECTS_TO.
// With the facts the GraphQL selection asks for ($facts, possibly empty; see fragments/facts-of-entity). The whole
// entity when $props is null, else `values` holds the properties named in $props (what the selection reads).
UNWIND $keys AS k
OPTIONAL MATCH (direct:Entity {key: k})
OPTIONAL MATCH (:Redirect {key: k})-[:REDIRECTS_TO]->(target:Entity)
WITH k, coalesce(direct, target) AS e
// @include facts-of-entity
RETURN k AS requested, CASE WHEN e IS NOT NULL AND $props IS NULL THEN e {.*, createdAt: null} END AS entity,
       CASE WHEN e IS NOT NULL AND $props IS NOT NULL THEN [p IN $props | e[p]] END AS values, facts
