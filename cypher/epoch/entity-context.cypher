// Name: epoch/entity-context — for given keys: kind, resolution mark, and the timeless structure above them (UNIT_OF parents, PART_OF places, MADE_BY vendor, LOCATED_IN place chain).
UNWIND $keys AS k
MATCH (e:Entity {key: k})
OPTIONAL MATCH (e)-[:UNIT_OF*1..4]->(parent:Entity)
WITH e, collect(DISTINCT parent.key) AS unitOf
OPTIONAL MATCH (e)-[:LOCATED_IN|PART_OF*1..5]->(place:Place)
WITH e, unitOf, collect(DISTINCT place.key) AS within
OPTIONAL MATCH (e)-[:MADE_BY]->(maker:Entity)
RETURN e.key AS key, e.kind AS kind, e.name AS name, e.resolution AS resolution, unitOf, within,
  collect(DISTINCT maker.key) AS madeBy
