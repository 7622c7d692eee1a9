// Name: assertions/count-as-of — totalCount of assertions/page-as-of (the same filters, as of $asOf).
MATCH (a:Assertion)
WHERE ($kinds IS NULL OR a.kind IN $kinds)
// @include assertion-filters-as-of
RETURN count(a) AS total
