// Name: entities/page-asc — one keyset page of one kind of entity by (name, key) ascending: the (kind, name, key)
// index gives seek and order, so page 1,000 costs what page 1 costs. $afterName is '' on the first page.
// A composite index is used only with a predicate on each of its properties, hence `e.key IS NOT NULL`. The
// tie-break on the key is a CASE, not an OR: an OR was planned (on M) as a union of two index seeks, which loses the
// index order, so every company was checked against the filters before the sort (165k db hits instead of ~2k).
// With the facts the GraphQL selection asks of each entity ($facts, possibly empty; see fragments/facts-of-entity).
// The whole entity when $props is null, else `values` holds the properties named in $props.
MATCH (e:Entity)
WHERE e.kind = $kind AND e.name >= $afterName AND e.key IS NOT NULL
  AND CASE WHEN e.name > $afterName THEN true ELSE e.key > $afterKey END
  AND ($nameContains IS NULL OR toLower(e.name) CONTAINS toLower($nameContains)
       OR any(a IN e.aliasKeys WHERE a CONTAINS toLower($nameContains)))
  AND ($country IS NULL
       OR EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
       OR EXISTS { (e)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
WITH e ORDER BY e.kind ASC, e.name ASC, e.key ASC LIMIT $limit
// @include facts-of-entity
RETURN CASE WHEN $props IS NULL THEN e {.*, createdAt: null} END AS entity, [p IN coalesce($props, []) | e[p]] AS values,
       facts
ORDER BY e.name ASC, e.key ASC
