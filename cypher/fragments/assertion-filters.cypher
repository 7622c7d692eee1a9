// Fragment: assertion-filters — the AssertionFilter conditions on the fact `a` other than its kind, each one
// inactive when its parameter is null. Ranks: with $ranks null, best rank (deprecated facts and facts outranked by a
// preferred one of their statement group are left out); given, exactly those ranks, nothing hidden. Continues a WHERE.
// Written without OR between property conditions and without CASE around a property: the planner turns the first
// into a union of index seeks (order lost, entries read twice) and does not take the second from the index.
AND ($metric IS NULL OR a.metric = $metric)
AND ($mode IS NULL OR a.mode = $mode)
AND NOT a.rank IN CASE WHEN $ranks IS NULL THEN ['deprecated'] ELSE [] END
AND ($ranks IS NULL OR a.rank IN $ranks)
AND NOT coalesce(a.outranked, false) IN CASE WHEN $ranks IS NULL THEN [true] ELSE [] END
AND ($periodYear IS NULL OR a.periodYear = $periodYear)
AND ($periodType IS NULL OR a.periodType = $periodType)
AND ($entity IS NULL OR EXISTS { (a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(:Entity {key: $entity}) })
AND ($country IS NULL OR EXISTS {
  (a)-[:SUBJECT|MEMBER]->(:Entity)<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)-[:PART_OF*0..4]->(:Place {key: $country}) })
AND ($textContains IS NULL OR toLower(coalesce(a.text, a.summary)) CONTAINS toLower($textContains))
