// Name: entities/count — totalCount for an entity connection (same filters as entities/page-*).
MATCH (e:Entity)
WHERE e.kind = $kind AND e.name IS NOT NULL AND e.key IS NOT NULL
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains)
       OR any(a IN e.aliasKeys WHERE a CONTAINS toLower($nameContains)))
  AND ($country IS NULL
       OR EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
       OR EXISTS { (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
RETURN count(e) AS total
