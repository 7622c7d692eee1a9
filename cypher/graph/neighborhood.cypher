// Name: graph/neighborhood — nodes within $depth hops of an entity (facts and timeless links, no sources) and the
// edges among them, for drawing: at most $limit nodes besides the start. Bounded reads whatever the degrees: each
// level keeps at most $limit + 1 new nodes, and each node of a level contributes at most $fanout neighbours to the
// next (read without sorting, so a hub's thousands of facts are never all read). Within a level nodes come by key. `truncated` is true when a cap cut
// something off; then which of the nodes at the cut level are kept is not specified (nearer levels always first).
MATCH (start:Entity {key: $key})
CALL (start) {
  MATCH (start)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]-(n)
  WHERE n:Entity OR n:Assertion
  WITH DISTINCT n LIMIT $limit + 1
  WITH n ORDER BY n.key
  RETURN collect(n) AS level1
}
CALL (start, level1) {
  UNWIND CASE WHEN $depth >= 2 THEN level1[..$limit] ELSE [] END AS f
  CALL (f) {
    MATCH (f)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]-(n)
    WHERE n:Entity OR n:Assertion
    WITH n LIMIT $fanout + 1
    RETURN collect(n) AS around
  }
  WITH start, level1, around, size(around) > $fanout AS cut
  UNWIND around[..$fanout] AS n
  WITH cut, CASE WHEN n <> start AND NOT n IN level1 THEN n END AS n
  ORDER BY n.key
  // No grouping key: one row even when nothing was found.
  RETURN collect(DISTINCT n)[..$limit + 1] AS level2, any(c IN collect(cut) WHERE c) AS cut2
}
CALL (start, level1, level2) {
  UNWIND CASE WHEN $depth >= 3 THEN level2[..$limit] ELSE [] END AS f
  CALL (f) {
    MATCH (f)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]-(n)
    WHERE n:Entity OR n:Assertion
    WITH n LIMIT $fanout + 1
    RETURN collect(n) AS around
  }
  WITH start, level1, level2, around, size(around) > $fanout AS cut
  UNWIND around[..$fanout] AS n
  WITH cut, CASE WHEN n <> start AND NOT n IN level1 AND NOT n IN level2 THEN n END AS n
  ORDER BY n.key
  // No grouping key: one row even when nothing was found.
  RETURN collect(DISTINCT n)[..$limit + 1] AS level3, any(c IN collect(cut) WHERE c) AS cut3
}
WITH start, level1 + level2 + level3 AS found, cut2 OR cut3 AS cut
WITH [start] + found[..$limit] AS members, cut OR size(found) > $limit AS truncated
// Relationships in the nodes' order, then by type and the key they point to: never in storage order, which changes
// when a relationship is written again (an un-merge recreates them) though the graph means the same.
UNWIND range(0, size(members) - 1) AS i
WITH members, truncated, i, members[i] AS a
OPTIONAL MATCH (a)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(b)
WHERE b IN members
WITH members, truncated, i, a, r, b
ORDER BY i, type(r), b.key
WITH members, truncated, collect(DISTINCT CASE WHEN b IS NOT NULL THEN {type: type(r), from: a.key, to: b.key} END)
  AS relationships
RETURN [n IN members | n {.*, createdAt: null, _label: CASE WHEN n:Entity THEN 'Entity' ELSE 'Assertion' END}] AS nodes,
       relationships, truncated
