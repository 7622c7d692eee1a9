// Fragment: metric-by-country-rows — after research/metric-by-country*'s CALL (year): the first $limit rows, each
// with its country entity, so the answer needs no second statement to name it: whole when $countryProps is null, else
// the list of the values of the properties it names.
WITH year AS periodYear, countryKey, periodType, currency, totalMinor, figureCount, companies, figureKeys, spread
LIMIT $limit
OPTIONAL MATCH (place:Entity {key: countryKey})
RETURN countryKey,
       CASE WHEN place IS NULL THEN null WHEN $countryProps IS NULL THEN place {.*, createdAt: null}
            ELSE [p IN $countryProps | place[p]] END AS country,
       periodYear, periodType, currency, totalMinor, figureCount, companies, figureKeys, spread
