// Name: conflicts/page — a page of statement groups whose facts disagree (fragments/conflict-groups), in group order
// after $after, the first $limit, each with its first $factsLimit facts (preferred first, then normal, then
// deprecated, then by key) and how many it has.
// @include conflict-groups
WITH groupKey, facts, disagreeOn, resolved ORDER BY groupKey LIMIT $limit
CALL (facts) {
  UNWIND facts AS f
  WITH f ORDER BY CASE f.rank WHEN 'preferred' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, f.key
  RETURN collect(f {.*, createdAt: null}) AS sorted
}
WITH groupKey, disagreeOn, resolved, sorted, size(facts) AS factCount
RETURN groupKey, disagreeOn, resolved, sorted[..$factsLimit] AS facts, factCount
ORDER BY groupKey
