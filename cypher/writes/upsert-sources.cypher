// Name: writes/upsert-sources — idempotent upsert by key, with its publisher when given.
UNWIND $rows AS row
MERGE (s:Source {key: row.key})
ON CREATE SET s.createdAt = datetime()
SET s += row.props
WITH s, row
CALL (s, row) {
  OPTIONAL MATCH (p:Entity {key: row.publisher})
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (s)-[:PUBLISHED_BY]->(p))
}
RETURN count(s) AS written
