// Name: research/metric-by-country — reported figures of a metric summed per company country, period and currency
// (integers, exact; currencies never mixed; best rank: no deprecated or outranked figure or Domicile), newest year first, the first $limit rows. One year at a time: the
// years come from the (metric, periodYear) index, newest first, and each is summed only when the page still needs
// rows, so a page reads the figures of the years it shows, not of every year (PROFILE on M, all years: 423k db hits
// summing everything, 125k this way). Only the keys of the first $figuresLimit figures of a row leave the database,
// and only when the `figures` field is asked for ($withFigures).
MATCH (y:Assertion)
WHERE y.metric = $metric AND y.periodYear >= $yearFrom AND y.periodYear <= $yearTo
WITH DISTINCT y.periodYear AS year
ORDER BY year DESC
CALL (year) {
  MATCH (a:Assertion)
  WHERE a.metric = $metric AND a.periodYear = year
    AND a.kind = 'FinancialFigure' AND a.rank <> 'deprecated' AND a.outranked IS NULL AND a.amountMinor IS NOT NULL
    AND ($periodType IS NULL OR a.periodType = $periodType)
  MATCH (a)-[:SUBJECT]->(c:Entity)
  // Joined from the Domicile side: expanding from a hub company walks every fact it is the subject of (PROFILE on
  // the benchmark's S data: 225k db hits that way, 8.7k with the join).
  OPTIONAL MATCH (c)<-[:SUBJECT]-(d:Domicile)-[:OBJECT]->(country:Place)
  USING JOIN ON c
  WHERE d.rank <> 'deprecated' AND d.outranked IS NULL
  WITH a, c, min(country.key) AS countryKey
  WITH countryKey, a.periodType AS periodType, a.amountCurrency AS currency,
       toString(sum(a.amountMinor)) AS totalMinor,
       all(q IN collect(a.amountQualifier) WHERE q = 'exact') AS exact,
       // The interval of the sum (src/domain/interval.ts aggregatedInterval): each figure's lower and upper value
       // (a range's bounds, else the amount; 0 where it is open on that side) and the precisions of the figures
       // bounded on both sides (each adds ± half of it); a missing precision is one minor unit.
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
// The country entity comes along, so the answer needs no second statement to name it.
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
