// Name: conflicts/page — a page of statement groups whose facts disagree (fragments/conflict-groups), in group order
// after $after, the first $limit, each with its first $factsLimit facts (preferred first, then normal, then
// deprecated, then by key) and how many it has.
// @include conflict-groups
WITH group, facts, disagreeOn, resolved ORDER BY group LIMIT $limit
CALL (facts) {
  UNWIND facts AS f
  WITH f ORDER BY CASE f.rank WHEN 'preferred' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, f.key
  RETURN collect(f {.*, createdAt: null}) AS sorted
}
RETURN group, disagreeOn, resolved, sorted[..$factsLimit] AS facts, size(facts) AS factCount
ORDER BY group
