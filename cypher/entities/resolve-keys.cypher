// Name: entities/resolve-keys — for each key given as an argument or filter: the entity it names, directly or, when
// it was merged away, through its Redirect; and when it names none, up to 5 nearest existing keys to suggest:
// first keys that start with it (a range seek on the entity_key index), then entities whose name or alias matches a
// word of the key ($queries[i]: a Lucene query built from the key, null when it has no words; the search_text
// full-text index, at most 100 candidates), those with the same key prefix (place:, company: …) first. Bounded by
// construction: no scan, whatever the graph's size.
UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS k
OPTIONAL MATCH (direct:Entity {key: k})
OPTIONAL MATCH (:Redirect {key: k})-[:REDIRECTS_TO]->(target:Entity)
WITH i, k, coalesce(direct, target) AS e
CALL (i, k, e) {
  WITH i, k, e WHERE e IS NULL
  CALL (i, k) {
    MATCH (s:Entity) WHERE s.key STARTS WITH k
    WITH s ORDER BY s.key LIMIT 5
    RETURN s, 0 AS tier, 0.0 AS score
    UNION ALL
    WITH i, k WHERE $queries[i] IS NOT NULL
    CALL db.index.fulltext.queryNodes('search_text', $queries[i], {limit: 100}) YIELD node, score
    WITH node AS s, score, split(k, ':')[0] + ':' AS prefix WHERE s:Entity
    RETURN s, CASE WHEN s.key STARTS WITH prefix THEN 1 ELSE 2 END AS tier, score
  }
  WITH s, min(tier) AS tier, max(score) AS score
  // Among keys that extend it, the shortest extension is the nearest (company:alibab → company:alibaba before
  // company:alibaba-cloud); among name matches, the best score.
  ORDER BY tier, CASE WHEN tier = 0 THEN size(s.key) ELSE 0 END, score DESC, s.key
  LIMIT 5
  RETURN collect({key: s.key, name: s.name}) AS suggestions
}
RETURN k AS key, e.key AS resolved, coalesce(suggestions, []) AS suggestions
