// Name: entities/count — totalCount for the entity connections (same filters as entities/page-*).
MATCH (e:Entity)
WHERE ($kind IS NULL OR e.kind = $kind)
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains)
       OR any(a IN e.aliasKeys WHERE a CONTAINS toLower($nameContains)))
  AND ($country IS NULL
       OR EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
       OR EXISTS { (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
RETURN count(e) AS total
