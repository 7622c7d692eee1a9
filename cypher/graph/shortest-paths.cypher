// Name: graph/shortest-paths — shortest paths between two entities through facts and timeless links, never through
// sources (SUPPORTED_BY / PUBLISHED_BY are not traversed); evidence: the source snippets supporting its facts. The
// pattern's bound is the hard cap; $maxHops narrows it. $from and $to are taken as entity keys as given: `found` says
// whether both are, so that names, aliases and merged-away or unknown keys are resolved (or reported) only when they
// are not, and the usual request is this one statement.
OPTIONAL MATCH (a:Entity {key: $from})
OPTIONAL MATCH (b:Entity {key: $to})
CALL (a, b) {
  // One entity at both ends has no path (and would make allShortestPaths fail).
  WITH a, b WHERE a <> b
  MATCH p = allShortestPaths((a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF*..8]-(b))
  WHERE length(p) <= $maxHops
  WITH p LIMIT $limit
  RETURN collect({
    nodes: [n IN nodes(p) | n {.*, createdAt: null, _label: CASE WHEN n:Entity THEN 'Entity' ELSE 'Assertion' END}],
    relationships: [r IN relationships(p) | {type: type(r), from: startNode(r).key, to: endNode(r).key}],
    evidence: reduce(e = 0, n IN [n IN nodes(p) WHERE n:Assertion] | e + COUNT { (n)-[:SUPPORTED_BY]->(:Source) })
  }) AS paths
}
RETURN a IS NOT NULL AND b IS NOT NULL AS found, paths
