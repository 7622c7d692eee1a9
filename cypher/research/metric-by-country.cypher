// Name: research/metric-by-country — reported figures of a metric summed per company country, period and currency
// (integers, exact; currencies never mixed), newest period first, the first $limit rows. Only the keys of the first
// $figuresLimit figures of a row leave the database, and only when the `figures` field is asked for ($withFigures).
MATCH (a:Assertion)
WHERE a.metric = $metric AND a.periodYear >= $yearFrom AND a.periodYear <= $yearTo
  AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated' AND a.amountMinor IS NOT NULL
  AND ($periodType IS NULL OR a.periodType = $periodType)
MATCH (a)-[:SUBJECT]->(c:Entity)
// Joined from the Domicile side: expanding from a hub company walks every fact it is the subject of (PROFILE on
// the benchmark's S data: 225k db hits that way, 8.7k with the join).
OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
USING JOIN ON c
WHERE d.rank <> 'deprecated'
WITH a, c, min(country.key) AS countryKey
WITH countryKey, a.periodYear AS periodYear, a.periodType AS periodType, a.amountCurrency AS currency,
     toString(sum(a.amountMinor)) AS totalMinor,
     all(q IN collect(a.amountQualifier) WHERE q = 'exact') AS exact,
     count(DISTINCT c) AS companies,
     count(a) AS figureCount,
     CASE WHEN $withFigures THEN collect(a.key)[..$figuresLimit] ELSE [] END AS figureKeys
ORDER BY periodYear DESC, periodType, countryKey, currency
LIMIT $limit
// The country entity comes along, so the answer needs no second statement to name it.
OPTIONAL MATCH (place:Entity {key: countryKey})
RETURN countryKey, CASE WHEN place IS NULL THEN null ELSE place {.*, createdAt: null} END AS country,
       periodYear, periodType, currency, totalMinor, exact, companies, figureCount, figureKeys
ORDER BY periodYear DESC, periodType, countryKey, currency
