// Name: writes/upsert-rules — inference rules as data: the rule node and the sources that state it
// (STATED_IN {snippet, start, end, locator, position}); re-importing a rule replaces its citations.
UNWIND $rows AS row
MERGE (r:Rule {key: row.key})
ON CREATE SET r.createdAt = datetime()
SET r += row.props
WITH r, row
CALL (r) {
  OPTIONAL MATCH (r)-[old:STATED_IN]->(:Source)
  DELETE old
}
CALL (r, row) {
  UNWIND row.sources AS ref
  MATCH (s:Source {key: ref.source})
  CREATE (r)-[c:STATED_IN {snippet: ref.snippet}]->(s)
  SET c.start = ref.start, c.end = ref.end, c.locator = ref.locator, c.position = ref.position,
      c.verified = EXISTS { (s)-[:HAS_TEXT]->(t:SourceText) WHERE t.text CONTAINS ref.snippet }
}
RETURN count(r) AS written
