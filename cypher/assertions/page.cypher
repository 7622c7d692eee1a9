// Name: assertions/page — one keyset page of facts in key order (the key index gives the order; no SKIP, no sort).
// $after is '' for the first page so the range seek always applies; the other filters are checked along the way.
// The whole fact when $props is null, else `values` holds the properties named in $props (what the selection reads).
MATCH (a:Assertion)
WHERE a.key > $after
  AND ($kinds IS NULL OR a.kind IN $kinds)
  AND ($metric IS NULL OR a.metric = $metric)
  AND ($mode IS NULL OR a.mode = $mode)
  AND (CASE WHEN $rank IS NULL THEN a.rank <> 'deprecated' ELSE a.rank = $rank END)
  AND ($periodYear IS NULL OR a.periodYear = $periodYear)
  AND ($periodType IS NULL OR a.periodType = $periodType)
  AND ($entity IS NULL OR EXISTS { (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(:Entity {key: $entity}) })
  AND ($country IS NULL OR EXISTS {
        (a)-[:SUBJECT|MEMBER]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
  AND ($textContains IS NULL OR toLower(coalesce(a.text, a.summary)) CONTAINS toLower($textContains))
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.key ASC
LIMIT $limit
