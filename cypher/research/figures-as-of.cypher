// Name: research/figures-as-of — research/figures as the graph stood at $asOf (an ISO instant): a figure or Domicile
// counts when the graph had it then (firstSeen not later; facts stamped before the change log always count) and it
// was not yet retracted (deprecatedSince later than $asOf, or not deprecated). Same indexes and order as the current
// read; the as-of conditions are checked on the entries the (metric, periodYear) index yields.
CALL () {
  OPTIONAL MATCH (place:Entity {key: $country})<-[:PART_OF*0..4]-(:Place)<-[:OBJECT]-(d:Domicile)-[:SUBJECT]->(c:Entity)
  WHERE place:Place AND coalesce(d.firstSeen <= datetime($asOf), true) AND (d.rank <> 'deprecated' OR coalesce(d.deprecatedSince > datetime($asOf), false))
  RETURN collect(DISTINCT elementId(c)) AS inCountry
}
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.periodYear >= $yearFrom AND a.periodYear <= $yearTo
  AND a.kind = 'FinancialFigure'
  AND coalesce(a.firstSeen <= datetime($asOf), true) AND (a.rank <> 'deprecated' OR coalesce(a.deprecatedSince > datetime($asOf), false))
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
  WHERE coalesce(d.firstSeen <= datetime($asOf), true) AND (d.rank <> 'deprecated' OR coalesce(d.deprecatedSince > datetime($asOf), false))
  RETURN collect({c: c, countryKey: country.key}) AS domiciles
}
UNWIND page AS p
WITH p.a AS a, p.c AS c, [x IN domiciles WHERE x.c = p.c AND x.countryKey IS NOT NULL | x.countryKey] AS countries
RETURN a {.*, createdAt: null} AS figure, c.key AS companyKey, reduce(m = null, k IN countries | CASE WHEN m IS NULL OR k < m THEN k ELSE m END) AS countryKey
ORDER BY a.periodYear DESC, a.periodType ASC, coalesce(a.changeBp, $noChange) DESC, a.key ASC
