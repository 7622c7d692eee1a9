// Name: writes/upsert-source-texts — a source's full text in its own SourceText node, so reading a Source never loads
// the text. A text is attached once; when it is, the snippets already citing the source are marked verified or not.
UNWIND $rows AS row
MATCH (s:Source {key: row.key})
WHERE NOT EXISTS { (s)-[:HAS_TEXT]->(:SourceText) }
MERGE (t:SourceText {key: row.key + '#text'})
ON CREATE SET t.sha256 = row.textSha256, t.text = row.text
MERGE (s)-[:HAS_TEXT]->(t)
SET s.textSha256 = t.sha256
WITH s, t
CALL (s, t) {
  MATCH (:Assertion)-[r:SUPPORTED_BY]->(s)
  SET r.verified = t.text CONTAINS r.snippet
}
RETURN count(t) AS written
