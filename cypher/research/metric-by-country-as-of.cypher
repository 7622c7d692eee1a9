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
  MATCH (a)-[:SUBJECT]->(c:Entity)
  OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
  USING JOIN ON c
  WHERE coalesce(d.firstSeen <= datetime($asOf), true) AND (d.rank <> 'deprecated' OR coalesce(d.deprecatedSince > datetime($asOf), false)) AND d.outranked IS NULL
  WITH a, c, min(country.key) AS countryKey
  WITH countryKey, a.periodType AS periodType, a.amountCurrency AS currency,
       toString(sum(a.amountMinor)) AS totalMinor,
       all(q IN collect(a.amountQualifier) WHERE q = 'exact') AS exact,
       toString(sum(CASE WHEN a.amountQualifier = 'less_than' THEN 0
                         WHEN a.amountQualifier = 'range' THEN coalesce(a.amountLowerMinor, a.amountMinor)
                         ELSE a.amountMinor END)) AS lowMinor,
       toString(sum(CASE WHEN a.amountQualifier IN ['more_than', 'at_least'] THEN 0
                         WHEN a.amountQualifier = 'range' THEN coalesce(a.amountUpperMinor, a.amountMinor)
                         ELSE a.amountMinor END)) AS highMinor,
       toString(sum(CASE WHEN a.amountQualifier IN ['more_than', 'at_least', 'less_than'] THEN 0
                         ELSE coalesce(a.amountPrecisionMinor, 1) END)) AS precisionMinor,
       any(q IN collect(a.amountQualifier) WHERE q = 'less_than') AS openBelow,
       any(q IN collect(a.amountQualifier) WHERE q IN ['more_than', 'at_least']) AS openAbove,
       count(DISTINCT c) AS companies,
       count(a) AS figureCount,
       CASE WHEN $withFigures THEN collect(a.key)[..$figuresLimit] ELSE [] END AS figureKeys
  RETURN countryKey, periodType, currency, totalMinor, exact, lowMinor, highMinor, precisionMinor, openBelow,
         openAbove, companies, figureCount, figureKeys
  ORDER BY periodType, countryKey, currency
}
WITH year AS periodYear, countryKey, periodType, currency, totalMinor, exact, lowMinor, highMinor, precisionMinor,
     openBelow, openAbove, companies, figureCount, figureKeys
LIMIT $limit
OPTIONAL MATCH (place:Entity {key: countryKey})
// The country whole when $countryProps is null, else the list of the values of the properties it names.
RETURN countryKey,
       CASE WHEN place IS NULL THEN null WHEN $countryProps IS NULL THEN place {.*, createdAt: null}
            ELSE [p IN $countryProps | place[p]] END AS country,
       periodYear, periodType, currency, totalMinor, exact, lowMinor, highMinor, precisionMinor, openBelow, openAbove,
       companies, figureCount, figureKeys
