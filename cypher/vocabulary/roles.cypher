// Name: vocabulary/roles — how many role edges of each type join facts to entities (from the count store).
CALL () {
  MATCH ()-[r:SUBJECT]->() RETURN 'SUBJECT' AS name, count(r) AS count
  UNION ALL
  MATCH ()-[r:OBJECT]->() RETURN 'OBJECT' AS name, count(r) AS count
  UNION ALL
  MATCH ()-[r:MEMBER]->() RETURN 'MEMBER' AS name, count(r) AS count
  UNION ALL
  MATCH ()-[r:SPEAKER]->() RETURN 'SPEAKER' AS name, count(r) AS count
  UNION ALL
  MATCH ()-[r:CONCERNS]->() RETURN 'CONCERNS' AS name, count(r) AS count
}
RETURN name, count
