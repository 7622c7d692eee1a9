// Name: investments/page — one keyset page of Investment facts in key order (the (kind, key) index gives seek and
// order), each filter inactive when its parameter is null: an investor (or a unit of it, as Alphabet ← Google), the
// target, the place the target is located in (or below it), the period's year and type. Retracted facts left out.
// The whole fact when $props is null, else `values` holds the properties named in $props (what the selection reads).
MATCH (a:Assertion)
WHERE a.kind = 'Investment' AND a.key > $after
// @include investment-filters
RETURN CASE WHEN $props IS NULL THEN a {.*, createdAt: null} END AS assertion, [p IN coalesce($props, []) | a[p]] AS values
ORDER BY a.kind ASC, a.key ASC
LIMIT $limit
