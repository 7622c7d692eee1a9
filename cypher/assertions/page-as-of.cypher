// Name: assertions/page-as-of — assertions/page as the graph stood at $asOf (fragments/assertion-filters-as-of).
MATCH (a:Assertion)
WHERE a.key > $after
  AND ($kinds IS NULL OR a.kind IN $kinds)
// @include assertion-filters-as-of
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.key ASC
LIMIT $limit
