// W8: capex summed by country (of the company's domicile), period and currency, for one year.
MATCH (a:FinancialFigure)-[:SUBJECT]->(c:Entity)
WHERE a.metric = 'capex' AND a.rank <> 'deprecated' AND a.periodYear = $year AND a.amountMinor IS NOT NULL
CALL (c) {
  OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(p:Place)
  WHERE d.rank <> 'deprecated'
  RETURN collect(DISTINCT p.key)[0] AS country
}
WITH country, a.periodYear AS periodYear, a.periodType AS periodType, a.amountCurrency AS currency,
     sum(a.amountMinor) AS amountMinor
RETURN collect({country: country, periodYear: periodYear, periodType: periodType, currency: currency,
                amountMinor: amountMinor}) AS rows
