// Name: entities/page-desc — as entities/page-asc, by (name, key) descending. $afterName is U+10FFFF on the first page.
// With the facts the GraphQL selection asks of each entity ($facts, possibly empty; see fragments/facts-of-entity).
// The whole entity when $props is null, else `values` holds the properties named in $props.
MATCH (e:Entity)
WHERE e.kind = $kind AND e.name <= $afterName AND e.key IS NOT NULL
  AND CASE WHEN e.name < $afterName THEN true ELSE e.key < $afterKey END
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains)
       OR any(a IN e.aliasKeys WHERE a CONTAINS toLower($nameContains)))
  AND ($country IS NULL
       OR EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
       OR EXISTS { (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
WITH e ORDER BY e.kind DESC, e.name DESC, e.key DESC LIMIT $limit
// @include facts-of-entity
RETURN CASE WHEN $props IS NULL THEN e {.*, createdAt: null} END AS entity, [p IN coalesce($props, []) | e[p]] AS values,
       facts
ORDER BY e.name DESC, e.key DESC
