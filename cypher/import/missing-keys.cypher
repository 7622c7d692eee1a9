// Name: import/missing-keys — which referenced entity, source and curator keys do not exist yet (index lookups only).
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
CALL () {
  UNWIND $curatorKeys AS k
  OPTIONAL MATCH (c:Curator {key: k})
  WITH k, c WHERE c IS NULL
  RETURN collect(k) AS curators
}
RETURN entities, sources, curators
