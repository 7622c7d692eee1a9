// Name: research/figures — best rank (no deprecated or outranked figure or Domicile): the first $limit reported figures of a metric for metricByCompany: newest period first,
// fastest growth first within a period (figures without a change last: $noChange), then key; each with its company
// and the company's country. The year range is always concrete so the (metric, periodYear) index is used (figures
// without a year are left out); ordering by `a.metric` first (a constant here) lets the planner take the index
// order and stop after the page (PartialTop: on M 4k index entries read instead of all 27k capex figures).
// $country (a resolved Place key) keeps the figures of companies domiciled there or in a place PART_OF it; those
// companies are found from the place's side, never by expanding every fact of a hub company. Only the page's
// distinct companies are expanded to their Domicile facts.
CALL () {
  OPTIONAL MATCH (place:Entity {key: $country})<-[:PART_OF*0..4]-(:Place)<-[:OBJECT]-(d:Domicile)-[:SUBJECT]->(c:Entity)
  WHERE place:Place AND d.rank <> 'deprecated' AND d.outranked IS NULL
  RETURN collect(DISTINCT elementId(c)) AS inCountry
}
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.periodYear >= $yearFrom AND a.periodYear <= $yearTo
  AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated' AND a.outranked IS NULL
  AND ($periodType IS NULL OR a.periodType = $periodType)
  AND ($country IS NULL OR EXISTS { (a)-[:SUBJECT]->(c:Entity) WHERE elementId(c) IN inCountry })
WITH a ORDER BY a.metric DESC, a.periodYear DESC, a.periodType ASC, coalesce(a.changeBp, $noChange) DESC, a.key ASC
LIMIT $limit
MATCH (a)-[:SUBJECT]->(c:Entity)
WITH collect({a: a, c: c}) AS page
CALL (page) {
  UNWIND page AS p
  WITH DISTINCT p.c AS c
  OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
  WHERE d.rank <> 'deprecated' AND d.outranked IS NULL
  RETURN collect({c: c, countryKey: country.key}) AS domiciles
}
UNWIND page AS p
WITH p.a AS a, p.c AS c, [x IN domiciles WHERE x.c = p.c AND x.countryKey IS NOT NULL | x.countryKey] AS countries
RETURN a {.*, createdAt: null} AS figure, c.key AS companyKey, reduce(m = null, k IN countries | CASE WHEN m IS NULL OR k < m THEN k ELSE m END) AS countryKey
ORDER BY a.periodYear DESC, a.periodType ASC, coalesce(a.changeBp, $noChange) DESC, a.key ASC
