// Fragment: metric-by-country-sums — inside research/metric-by-country*'s CALL (year): the figures `a` of the
// companies `c`, each with the keys `country` of its company's Domiciles (one row each), summed per country, period
// type and currency (integers, exact; currencies never mixed).
// What only some selections show is computed only for them, so the plan and the statement stay the same and the
// figures' other properties are not read: $withCompanies the companies summed (else 0), $withFigures the keys of the
// first $figuresLimit figures (else []), $withSpread the sum's exactness and interval (else null; asked by the
// total's qualifier, interval or conversion).
WITH a, c, min(country.key) AS countryKey
WITH countryKey, a.periodType AS periodType, a.amountCurrency AS currency,
     toString(sum(a.amountMinor)) AS totalMinor,
     count(a) AS figureCount,
     count(DISTINCT CASE WHEN $withCompanies THEN c END) AS companies,
     collect(CASE WHEN $withFigures THEN a.key END)[..$figuresLimit] AS figureKeys,
     collect(CASE WHEN $withSpread THEN a.amountQualifier END) AS qualifiers,
     // The interval of the sum (src/domain/interval.ts aggregatedInterval): each figure's lower and upper value (a
     // range's bounds, else the amount; 0 where it is open on that side) and the precisions of the figures bounded on
     // both sides (each adds ± half of it); a missing precision is one minor unit.
     sum(CASE WHEN NOT $withSpread THEN 0
              WHEN a.amountQualifier = 'less_than' THEN 0
              WHEN a.amountQualifier = 'range' THEN coalesce(a.amountLowerMinor, a.amountMinor)
              ELSE a.amountMinor END) AS lowSum,
     sum(CASE WHEN NOT $withSpread THEN 0
              WHEN a.amountQualifier IN ['more_than', 'at_least'] THEN 0
              WHEN a.amountQualifier = 'range' THEN coalesce(a.amountUpperMinor, a.amountMinor)
              ELSE a.amountMinor END) AS highSum,
     sum(CASE WHEN NOT $withSpread THEN 0
              WHEN a.amountQualifier IN ['more_than', 'at_least', 'less_than'] THEN 0
              ELSE coalesce(a.amountPrecisionMinor, 1) END) AS precisionSum
RETURN countryKey, periodType, currency, totalMinor, figureCount, companies, figureKeys,
       CASE WHEN $withSpread THEN {exact: all(q IN qualifiers WHERE q = 'exact'), lowMinor: toString(lowSum),
            highMinor: toString(highSum), precisionMinor: toString(precisionSum),
            openBelow: any(q IN qualifiers WHERE q = 'less_than'),
            openAbove: any(q IN qualifiers WHERE q IN ['more_than', 'at_least'])} END AS spread
ORDER BY periodType, countryKey, currency
