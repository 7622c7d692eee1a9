// Name: graph/ranked-paths — up to $limit simple paths (no node twice) between two entities through facts and
// timeless links (never through sources: SUPPORTED_BY / PUBLISHED_BY are not among $types), ranked by length, then
// by evidence (how many source snippets support the facts on the path), then by their keys. $types: the
// relationship types a path may use; $kinds: when not null, a path must pass through a fact of one of these kinds.
// Neo4j's SHORTEST selector finds the 50 shortest candidates (a bounded search; the pattern's {1,8} is the hard cap,
// $maxHops narrows it, and the filters apply during the search), of which the simple ones are ranked.
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = SHORTEST 50 ((a) ((x)-[r]-() WHERE type(r) IN $types){1,8} (b)
  WHERE size(r) <= $maxHops AND ($kinds IS NULL OR any(n IN x WHERE n:Assertion AND n.kind IN $kinds)))
WITH p, nodes(p) AS ns
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
WITH p, ns, reduce(e = 0, n IN [n IN ns WHERE n:Assertion] | e + COUNT { (n)-[:SUPPORTED_BY]->(:Source) }) AS evidence
ORDER BY length(p), evidence DESC, [n IN ns | n.key]
LIMIT $limit
RETURN [n IN ns | n {.*, createdAt: null, _label: CASE WHEN n:Entity THEN 'Entity' ELSE 'Assertion' END}] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).key, to: endNode(r).key}] AS relationships,
       evidence
