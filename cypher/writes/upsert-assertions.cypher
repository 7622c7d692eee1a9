// Name: writes/upsert-assertions — a reified fact with its role edges and SUPPORTED_BY snippets (verified: found in
// the source's stored text; the importer and the API refuse a snippet a stored text does not contain).
// Role edges not in the new row are removed, so re-importing a corrected fact converges. A rank a curator set
// (setRank, resolveConflict, retractAssertion: rankedAt or retractedAt present) is kept: re-importing the line does not
// undo it. The caller then regroups the facts (facts/regroup: their statement groups from their roles as written).
UNWIND $rows AS row
MERGE (a:Assertion {key: row.key})
ON CREATE SET a.createdAt = datetime(), a.createdVia = 'import'
WITH a, row,
     CASE WHEN a.rankedAt IS NOT NULL OR a.retractedAt IS NOT NULL THEN a.rank END AS curatedRank
SET a += row.props
SET a.rank = coalesce(curatedRank, a.rank)
SET a:$(row.kind)
WITH a, row
CALL (a, row) {
  OPTIONAL MATCH (a)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity)
  WITH r, e, [x IN row.roles | x.type + '|' + x.key] AS wanted
  WHERE r IS NOT NULL AND NOT (type(r) + '|' + e.key) IN wanted
  DELETE r
}
CALL (a, row) {
  UNWIND row.roles AS role
  MATCH (e:Entity {key: role.key})
  MERGE (a)-[r:$(role.type)]->(e)
  SET r.position = role.position
}
CALL (a, row) {
  UNWIND row.sources AS ref
  MATCH (s:Source {key: ref.source})
  MERGE (a)-[r:SUPPORTED_BY {snippet: ref.snippet}]->(s)
  SET r.start = ref.start, r.end = ref.end, r.locator = ref.locator, r.position = ref.position,
      r.verified = EXISTS { (s)-[:HAS_TEXT]->(t:SourceText) WHERE t.text CONTAINS ref.snippet }
}
RETURN count(a) AS written
