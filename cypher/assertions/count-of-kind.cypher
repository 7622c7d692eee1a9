// Name: assertions/count-of-kind — totalCount for one kind of fact (index seek on kind, then the same filters).
MATCH (a:Assertion)
WHERE a.kind = $kind AND a.key IS NOT NULL
  AND ($metric IS NULL OR a.metric = $metric)
  AND ($mode IS NULL OR a.mode = $mode)
  AND (CASE WHEN $rank IS NULL THEN a.rank <> 'deprecated' ELSE a.rank = $rank END)
  AND ($periodYear IS NULL OR a.periodYear = $periodYear)
  AND ($periodType IS NULL OR a.periodType = $periodType)
  AND ($entity IS NULL OR EXISTS { (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(:Entity {key: $entity}) })
  AND ($country IS NULL OR EXISTS {
        (a)-[:SUBJECT|MEMBER]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
  AND ($textContains IS NULL OR toLower(coalesce(a.text, a.summary)) CONTAINS toLower($textContains))
RETURN count(a) AS total
