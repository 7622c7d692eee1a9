// Name: assertions/page-of-kind-as-of — assertions/page-of-kind as the graph stood at $asOf
// (fragments/assertion-filters-as-of).
MATCH (a:Assertion)
WHERE a.kind = $kind AND a.key > $after
// @include assertion-filters-as-of
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.kind ASC, a.key ASC
LIMIT $limit
