// Name: assertions/count-of-kind — totalCount for one kind of fact (index seek on kind, then the same filters).
MATCH (a:Assertion)
WHERE a.kind = $kind AND a.key IS NOT NULL
// @include assertion-filters
RETURN count(a) AS total
