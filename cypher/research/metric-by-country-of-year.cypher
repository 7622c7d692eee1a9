// Name: research/metric-by-country-of-year — research/metric-by-country for one given year ($yearFrom = $yearTo):
// the year needs no search of the (metric, periodYear) index, which would read every figure of the year once more
// before summing them.
WITH $yearFrom AS year
CALL (year) {
  // @include metric-by-country-figures
  // @include metric-by-country-sums
}
// @include metric-by-country-rows
