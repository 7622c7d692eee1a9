// Name: import/missing-keys — which referenced entity keys and source keys do not exist yet (index lookups only).
CALL () {
  UNWIND $entityKeys AS k
  OPTIONAL MATCH (e:Entity {key: k})
  WITH k, e WHERE e IS NULL
  RETURN collect(k) AS entities
}
CALL () {
  UNWIND $sourceKeys AS k
  OPTIONAL MATCH (s:Source {key: k})
  WITH k, s WHERE s IS NULL
  RETURN collect(k) AS sources
}
RETURN entities, sources
