// Name: entities/page-desc — one keyset page of entities ordered by (name, key) descending; no SKIP.
// Filters: kind, name substring, country (the place or any place PART_OF it, via Domicile or LOCATED_IN).
MATCH (e:Entity)
WHERE ($kind IS NULL OR e.kind = $kind)
  AND ($afterName IS NULL OR e.name <= $afterName)
  AND ($afterName IS NULL OR e.name < $afterName OR e.key < $afterKey)
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains)
       OR any(a IN e.aliasKeys WHERE a CONTAINS toLower($nameContains)))
  AND ($country IS NULL
       OR EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
       OR EXISTS { (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
RETURN e {.*, createdAt: null} AS entity
ORDER BY e.name DESC, e.key DESC
LIMIT $limit
