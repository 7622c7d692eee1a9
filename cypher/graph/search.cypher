// Name: graph/search — full-text search (the English-analyzed search_en index over names, aliases, descriptions,
// summaries, quote/claim text and as-reported amounts, and snippet_en over the verbatim SUPPORTED_BY snippets, whose
// hits count for their fact). $query is a Lucene query built by src/domain/search-query.ts, never the user's text.
// A node's score is the sum of its own and its snippets' scores (times 2 when its kind is one the text names).
// Order: exact name or alias matches, then the kinds the text names, then entities before facts, then score.
// Each index is asked for at most $candidates hits, so the work is bounded whatever the graph's size.
CALL () {
  CALL db.index.fulltext.queryNodes('search_en', $query, {limit: $candidates}) YIELD node, score
  RETURN node, score
  UNION ALL
  CALL db.index.fulltext.queryRelationships('snippet_en', $query, {limit: $candidates}) YIELD relationship, score
  RETURN startNode(relationship) AS node, score
}
WITH node, sum(score) AS score
WHERE ($kinds IS NULL OR node.kind IN $kinds)
  AND (node:Entity OR (node.rank <> 'deprecated' AND node.outranked IS NULL))
WITH node, score * CASE WHEN node.kind IN $kindHints THEN 2.0 ELSE 1.0 END AS score,
     node:Entity AND ($exact IN coalesce(node.aliasKeys, []) OR toLower(node.name) = $exact) AS exact
ORDER BY exact DESC, node.kind IN $kindHints DESC, node:Entity DESC, score DESC, node.key ASC
LIMIT $limit
RETURN node {.*, createdAt: null, _label: CASE WHEN node:Entity THEN 'Entity' ELSE 'Assertion' END} AS node, score,
       exact, [(node)-[r:SUPPORTED_BY]->(:Source) | r.snippet][..20] AS snippets
