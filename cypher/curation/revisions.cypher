// Name: curation/revisions — the history of changed stored values of entities, sources or facts (a fact's rank), newest first,
// at most $limit per key. Each key is looked up under its own label (index seeks), never by scanning.
UNWIND $keys AS k
OPTIONAL MATCH (e:Entity {key: k})
OPTIONAL MATCH (s:Source {key: k})
OPTIONAL MATCH (f:Assertion {key: k})
WITH k, coalesce(e, s, f) AS n
CALL (n) {
  OPTIONAL MATCH (n)-[:REVISED]->(r:Revision)
  WITH r ORDER BY r.at DESC, r.field
  RETURN collect(r {.*})[0..$limit] AS revisions
}
RETURN k AS key, revisions
