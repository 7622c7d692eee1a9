// W8: capex summed by country (of the company's domicile), period and currency, for one year: the first 100 rows. The figures come
// from the (metric, periodYear) index; the domiciles are joined from the Domicile side (USING JOIN), because
// expanding from a hub company walks every fact it is the subject of.
MATCH (a:Assertion)
WHERE a.metric = 'capex' AND a.periodYear = $year AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated'
  AND a.amountMinor IS NOT NULL
MATCH (a)-[:SUBJECT]->(c:Entity)
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(p:Place)
USING JOIN ON c
WHERE d.rank <> 'deprecated'
WITH a, min(p.key) AS country
WITH country, a.periodYear AS periodYear, a.periodType AS periodType, a.amountCurrency AS currency,
     sum(a.amountMinor) AS amountMinor
// The service's metricByCountry answers at most 100 rows (MAX_PAGE_SIZE) in this order: every contender does the same.
ORDER BY periodYear DESC, periodType, country, currency
LIMIT 100
RETURN collect({country: country, periodYear: periodYear, periodType: periodType, currency: currency,
                amountMinor: amountMinor}) AS rows
