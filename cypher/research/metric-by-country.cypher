// Name: research/metric-by-country — reported figures of a metric summed per company country, period and currency
// (best rank: no deprecated or outranked figure or Domicile; see fragments/metric-by-country-sums), newest year
// first, the first $limit rows. One year at a time: the years come from the (metric, periodYear) index, newest first,
// and each is summed only when the page still needs rows, so a page reads the figures of the years it shows, not of
// every year (PROFILE on M, all years: 423k db hits summing everything, 125k this way). One given year:
// research/metric-by-country-of-year.
MATCH (y:Assertion)
WHERE y.metric = $metric AND y.periodYear >= $yearFrom AND y.periodYear <= $yearTo
WITH DISTINCT y.periodYear AS year
ORDER BY year DESC
CALL (year) {
  // @include metric-by-country-figures
  // @include metric-by-country-sums
}
// @include metric-by-country-rows
