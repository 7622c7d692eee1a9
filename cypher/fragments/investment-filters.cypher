// Fragment: investment-filters — the InvestmentFilter conditions on the Investment `a`, each inactive when its
// parameter is null; best rank: retracted facts and facts outranked by a preferred one are left out. Continues a WHERE.
AND a.rank <> 'deprecated' AND a.outranked IS NULL
AND ($periodYear IS NULL OR a.periodYear = $periodYear)
AND ($periodType IS NULL OR a.periodType = $periodType)
AND ($investor IS NULL OR EXISTS { (a)-[:SUBJECT]->(:Entity)-[:UNIT_OF*0..3]->(:Entity {key: $investor}) })
AND ($target IS NULL OR EXISTS { (a)-[:OBJECT]->(:Entity {key: $target}) })
AND ($place IS NULL OR EXISTS {
  (a)-[:OBJECT]->(:Entity)-[:LOCATED_IN]->(:Place)-[:PART_OF*0..4]->(:Place {key: $place}) })
