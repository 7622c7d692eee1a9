// Name: entities/resolve-keys — for each key given as an argument or filter: the entity it names, directly or, when
// it was merged away, through its Redirect; else the one entity whose name or alias it is ($names[i]: the key's
// alias forms, e.g. "alibaba" for alibaba, "malaysia" for place:malaysia; a kind prefix such as place: must then be
// the entity's key prefix too) — several such entities resolve none and are all suggested; and when it names none,
// up to 5 nearest existing keys to suggest: first keys that start with it (a range seek on the entity_key index),
// then entities whose name or alias matches a word of the key ($queries[i]: a Lucene query built from the key, null
// when it has no words; the search_text full-text index, at most 100 candidates), those with the same key prefix
// (place:, company: …) first. Bounded by construction: no scan, whatever the graph's size.
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
  WITH i, k, s, min(tier) AS tier, max(score) AS score
  WITH s, tier, score,
       any(n IN $names[i] WHERE n IN s.aliasKeys) AND (NOT k CONTAINS ':' OR s.key STARTS WITH split(k, ':')[0] + ':')
         AS named
  // Entities it names first; among keys that extend it, the shortest extension is the nearest (company:alibab →
  // company:alibaba before company:alibaba-cloud); among name matches, the best score.
  ORDER BY named DESC, tier, CASE WHEN tier = 0 THEN size(s.key) ELSE 0 END, score DESC, s.key
  WITH collect({key: s.key, name: s.name, named: named}) AS found
  WITH [f IN found WHERE f.named] AS named, found
  RETURN CASE WHEN size(named) = 1 THEN named[0].key END AS byName,
         [f IN CASE WHEN size(named) > 1 THEN named ELSE found[..5] END | {key: f.key, name: f.name}] AS suggestions,
         size(named) > 1 AS ambiguous
}
RETURN k AS key, coalesce(e.key, byName) AS resolved, e IS NULL AND byName IS NOT NULL AS byName,
       coalesce(ambiguous, false) AS ambiguous, CASE WHEN byName IS NULL THEN coalesce(suggestions, []) ELSE [] END AS suggestions
