// Name: research/figures — the first $limit reported figures of a metric for metricByCompany: newest period first,
// fastest growth first within a period (figures without a change last: $noChange), then key; each with its company
// and the company's country. Only the page's figures are expanded to their company and domicile.
// The year range is always concrete so the (metric, periodYear) index is used; figures without a year are left out.
// $country (a resolved Place key) keeps the figures of companies domiciled there or in a place PART_OF it; the
// companies are found from the place's side (its Domicile facts), never by expanding every fact of a hub company.
CALL () {
  OPTIONAL MATCH (:Place {key: $country})<-[:PART_OF*0..4]-(:Place)<-[:OBJECT]-(d:Domicile)-[:SUBJECT]->(c:Entity)
  WHERE d.rank <> 'deprecated'
  RETURN collect(DISTINCT elementId(c)) AS inCountry
}
MATCH (a:Assertion)-[:SUBJECT]->(c:Entity)
WHERE a.metric = $metric AND a.periodYear >= $yearFrom AND a.periodYear <= $yearTo
  AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated'
  AND ($periodType IS NULL OR a.periodType = $periodType)
  AND ($country IS NULL OR elementId(c) IN inCountry)
WITH a, c
ORDER BY a.periodYear DESC, a.periodType ASC, coalesce(a.changeBp, $noChange) DESC, a.key ASC
LIMIT $limit
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
WHERE d.rank <> 'deprecated'
WITH a, c, min(country.key) AS countryKey
RETURN a {.*, createdAt: null} AS figure, c.key AS companyKey, countryKey
ORDER BY a.periodYear DESC, a.periodType ASC, coalesce(a.changeBp, $noChange) DESC, a.key ASC
