// Name: changes/facts-concerned — what a change-log entry of each fact names: its kind, the entities it concerns (its
// role edges) and the sources it cites; for writes whose own statements do not return them (rank changes).
UNWIND $keys AS key
MATCH (a:Assertion {key: key})
RETURN a.key AS key, a.kind AS kind,
  COLLECT { MATCH (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity) RETURN DISTINCT e.key } AS entities,
  COLLECT { MATCH (a)-[:SUPPORTED_BY]->(s:Source) RETURN DISTINCT s.key } AS sources
