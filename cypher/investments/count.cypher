// Name: investments/count — how many Investment facts match the filters of investments/page (all pages).
MATCH (a:Assertion)
WHERE a.kind = 'Investment'
// @include investment-filters
RETURN count(a) AS total
