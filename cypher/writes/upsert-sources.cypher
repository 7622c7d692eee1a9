// Name: writes/upsert-sources — upsert by key that sets only the fields a row gives and never overwrites a stored
// value: a row whose given field (title, url, contentHash, …) or publisher differs from what is stored changes
// nothing and comes back in `conflicts` as [field, stored, given] (the caller then rolls back). Changing a stored
// value is the curation mutation updateSource, which keeps the old value. A URL belongs to one source (constraint).
UNWIND $rows AS row
MERGE (s:Source {key: row.key})
ON CREATE SET s.createdAt = datetime()
WITH s, row
OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(published:Entity)
WITH s, row, collect(published.key) AS publishers
WITH s, row,
  [k IN keys(row.props) WHERE s[k] IS NOT NULL AND NOT coalesce(s[k] = row.props[k], false) | [k, s[k], row.props[k]]] +
  CASE WHEN row.publisher IS NULL OR size(publishers) = 0 OR row.publisher IN publishers THEN []
    ELSE [['publisher', publishers[0], row.publisher]] END AS clashes
CALL (s, row, clashes) {
  WITH s, row WHERE size(clashes) = 0
  SET s += row.props
  SET s.curator = coalesce(s.curator, row.curator)
  WITH s, row
  OPTIONAL MATCH (p:Entity {key: row.publisher})
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (s)-[:PUBLISHED_BY]->(p))
}
RETURN count(s) AS written, collect(CASE WHEN size(clashes) > 0 THEN {key: row.key, clashes: clashes} END) AS conflicts
