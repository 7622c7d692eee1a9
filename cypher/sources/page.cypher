// Name: sources/page — one keyset page of sources ordered by key ($after is '' on the first page). The whole source
// when $props is null, else `values` holds the properties named in $props (publisherKey: the publisher's key).
MATCH (s:Source)
WHERE s.key > $after
  AND ($titleContains IS NULL OR toLower(s.title) CONTAINS toLower($titleContains))
OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(p:Entity) WHERE $props IS NULL OR 'publisherKey' IN $props
RETURN CASE WHEN $props IS NULL THEN s {.*, createdAt: null, publisherKey: p.key} END AS source,
       [x IN coalesce($props, []) | CASE WHEN x = 'publisherKey' THEN p.key ELSE s[x] END] AS values
ORDER BY s.key ASC
LIMIT $limit
