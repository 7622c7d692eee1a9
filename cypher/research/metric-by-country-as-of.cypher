// Name: research/metric-by-country-as-of — research/metric-by-country as the graph stood at $asOf: figures and
// Domiciles count when the graph had them then and they were not yet retracted (see research/figures-as-of). The
// years still come from the (metric, periodYear) index; a year with no figure then yields no row.
MATCH (y:Assertion)
WHERE y.metric = $metric AND y.periodYear >= $yearFrom AND y.periodYear <= $yearTo
WITH DISTINCT y.periodYear AS year
ORDER BY year DESC
CALL (year) {
  MATCH (a:Assertion)
  WHERE a.metric = $metric AND a.periodYear = year
    AND a.kind = 'FinancialFigure' AND coalesce(a.firstSeen <= datetime($asOf), true) AND (a.rank <> 'deprecated' OR coalesce(a.deprecatedSince > datetime($asOf), false)) AND a.outranked IS NULL AND a.amountMinor IS NOT NULL
    AND ($periodType IS NULL OR a.periodType = $periodType)
  MATCH (a)-[:SUBJECT]->(c)
  OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
  USING JOIN ON c
  WHERE coalesce(d.firstSeen <= datetime($asOf), true) AND (d.rank <> 'deprecated' OR coalesce(d.deprecatedSince > datetime($asOf), false)) AND d.outranked IS NULL
  // @include metric-by-country-sums
}
// @include metric-by-country-rows
