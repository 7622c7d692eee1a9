// Name: graph/search — full-text search over names, aliases, quote and claim text; $query is an escaped Lucene string.
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $candidates}) YIELD node, score
WHERE ($kinds IS NULL OR node.kind IN $kinds)
  AND (node:Entity OR node.rank <> 'deprecated')
RETURN node {.*, createdAt: null, _label: CASE WHEN node:Entity THEN 'Entity' ELSE 'Assertion' END} AS node, score
ORDER BY score DESC, node.key ASC
LIMIT $limit
