// Name: assertions/count — totalCount for assertion connections (same filters as assertions/page).
MATCH (a:Assertion)
WHERE ($kinds IS NULL OR a.kind IN $kinds)
// @include assertion-filters
RETURN count(a) AS total
