// Name: vocabulary/kinds — how many entities and facts of each kind the graph holds (the entity_kind_name and
// assertion_kind indexes, kind first).
CALL () {
  MATCH (e:Entity) WHERE e.kind IS NOT NULL
  RETURN 'entity' AS of, e.kind AS name, count(*) AS count
  UNION ALL
  MATCH (a:Assertion) WHERE a.kind IS NOT NULL
  RETURN 'fact' AS of, a.kind AS name, count(*) AS count
}
RETURN of, name, count
ORDER BY of, name
