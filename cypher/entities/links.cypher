// Name: entities/links — timeless neighbours (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF) for a batch of entity keys.
// $type comes from a closed enum; $direction is OUT (e)-[:T]->(n) or IN (e)<-[:T]-(n). Each neighbour whole when
// $props is null, else as the list of the values of the properties named in $props.
UNWIND $keys AS k
MATCH (e:Entity {key: k})
CALL (e) {
  MATCH (e)-[r]->(n:Entity) WHERE $direction = 'OUT' AND type(r) = $type
  RETURN n
  UNION
  MATCH (e)<-[r]-(n:Entity) WHERE $direction = 'IN' AND type(r) = $type
  RETURN n
}
WITH k, n ORDER BY n.name, n.key
RETURN k AS key,
       collect(CASE WHEN $props IS NULL THEN n {.*, createdAt: null} ELSE [p IN $props | n[p]] END)[..$limit] AS entities
