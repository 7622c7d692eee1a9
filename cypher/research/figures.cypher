// Name: research/figures — a metric's reported figures per company with the company's country, for the research views.
// The year range is always concrete so the (metric, periodYear) index is used; figures without a year are left out.
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.periodYear >= $yearFrom AND a.periodYear <= $yearTo
  AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated'
  AND ($periodType IS NULL OR a.periodType = $periodType)
MATCH (a)-[:SUBJECT]->(c:Entity)
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
WHERE d.rank <> 'deprecated'
WITH a, c, min(country.key) AS countryKey
WHERE $country IS NULL OR countryKey = $country
   OR EXISTS { (:Place {key: countryKey})-[:PART_OF*1..4]->(:Place {key: $country}) }
RETURN a {.*, createdAt: null} AS figure, c.key AS companyKey, countryKey
ORDER BY a.periodYear, a.periodType, c.name
