// W2: the first 20 companies (by name, key) domiciled in a country or a place PART_OF it; one extra row for hasNextPage.
// The (kind, name, key) index gives seek and order (it needs a predicate on each of its properties).
MATCH (e:Entity)
WHERE e.kind = 'Company' AND e.name >= '' AND e.key IS NOT NULL
  AND EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
WITH e ORDER BY e.kind ASC, e.name ASC, e.key ASC LIMIT 21
RETURN collect(e {.key, .name}) AS rows
