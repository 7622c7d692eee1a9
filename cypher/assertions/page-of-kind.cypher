// Name: assertions/page-of-kind — a keyset page of one kind of fact: the (kind, key) index gives seek and order.
// The whole fact when $props is null, else `values` holds the properties named in $props (what the selection reads).
MATCH (a:Assertion)
WHERE a.kind = $kind AND a.key > $after
// @include assertion-filters
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.kind ASC, a.key ASC
LIMIT $limit
