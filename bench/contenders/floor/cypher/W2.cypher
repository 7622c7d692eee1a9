// W2: the first 20 companies (by name, key) domiciled in a country or a place PART_OF it; one extra row for hasNextPage.
MATCH (e:Entity)
WHERE e.kind = 'Company' AND e.name IS NOT NULL
  AND EXISTS { (e)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) }
WITH e ORDER BY e.name ASC, e.key ASC LIMIT 21
RETURN collect(e {.key, .name}) AS rows
