// Name: sources/page — one keyset page of sources ordered by key ($after is '' on the first page).
MATCH (s:Source)
WHERE s.key > $after
  AND ($titleContains IS NULL OR toLower(s.title) CONTAINS toLower($titleContains))
OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(p:Entity)
RETURN s {.*, createdAt: null, publisherKey: p.key} AS source
ORDER BY s.key ASC
LIMIT $limit
