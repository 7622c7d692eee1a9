// Name: graph/neighborhood — nodes within $depth hops of an entity (facts and timeless links, no sources) and the
// edges among them, capped at $limit nodes, for drawing.
MATCH (start:Entity {key: $key})
CALL (start) {
  MATCH p = (start)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF*1..3]-(n)
  WHERE length(p) <= $depth AND (n:Entity OR n:Assertion)
  WITH DISTINCT n, min(length(p)) AS hops
  ORDER BY hops, n.key
  LIMIT $limit
  RETURN collect(n) AS around
}
WITH start, [start] + around AS members
UNWIND members AS a
MATCH (a)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(b)
WHERE b IN members
WITH members, collect(DISTINCT {type: type(r), from: a.key, to: b.key}) AS relationships
RETURN [n IN members | n {.*, createdAt: null, _label: CASE WHEN n:Entity THEN 'Entity' ELSE 'Assertion' END}] AS nodes,
       relationships
