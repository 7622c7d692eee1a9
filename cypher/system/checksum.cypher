// Name: system/checksum — every node (labels, properties) and relationship (type, end keys, properties),
// for a content hash computed in src/repositories/graph-state.ts (sha256 over the sorted rows). Bookkeeping is left
// out: the change log (see system/counts) and the migration ledger (:Migration, :MigrationLock).
CALL () {
  MATCH (n) WHERE NOT n:Change AND NOT n:ChangeCounter AND NOT n:Migration AND NOT n:MigrationLock
  RETURN 'N' AS part, n.key AS a, '' AS type, '' AS b, labels(n) AS labels, properties(n) AS props
  UNION ALL
  MATCH (x)-[r]->(y)
  RETURN 'R' AS part, x.key AS a, type(r) AS type, y.key AS b, [] AS labels, properties(r) AS props
}
RETURN part, a, type, b, labels, props
