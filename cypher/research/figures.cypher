// Name: research/figures — a metric's reported figures per company with the company's country, for the research views.
MATCH (a:FinancialFigure)-[:SUBJECT]->(c:Entity)
WHERE a.metric = $metric AND a.rank <> 'deprecated'
  AND ($periodYear IS NULL OR a.periodYear = $periodYear)
  AND ($periodType IS NULL OR a.periodType = $periodType)
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
WHERE d.rank <> 'deprecated'
WITH a, c, collect(DISTINCT country.key)[0] AS countryKey
WHERE $country IS NULL OR countryKey = $country
   OR EXISTS { (:Place {key: countryKey})-[:PART_OF*1..4]->(:Place {key: $country}) }
RETURN a {.*, createdAt: null} AS figure, c.key AS companyKey, countryKey
ORDER BY a.periodYear, a.periodType, c.name
