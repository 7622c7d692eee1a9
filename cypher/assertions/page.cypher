// Name: assertions/page — one keyset page of facts in key order (the key index gives the order; no SKIP, no sort).
// $after is '' for the first page so the range seek always applies; the other filters are checked along the way.
// The whole fact when $props is null, else `values` holds the properties named in $props (what the selection reads).
MATCH (a:Assertion)
WHERE a.key > $after
  AND ($kinds IS NULL OR a.kind IN $kinds)
// @include assertion-filters
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.key ASC
LIMIT $limit
