// Name: assertions/of-entities — the facts a batch of entities takes part in, by role and kind (DataLoader).
// Deprecated (retracted) facts are left out unless asked for; newest-first by period, then key.
UNWIND $keys AS k
MATCH (e:Entity {key: k})<-[r]-(a:Assertion)
WHERE type(r) IN $roles
  AND ($kinds IS NULL OR a.kind IN $kinds)
  AND ($metric IS NULL OR a.metric = $metric)
  AND ($includeDeprecated OR a.rank <> 'deprecated')
WITH k, a ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC
WITH k, collect(DISTINCT a {.*, createdAt: null}) AS facts
RETURN k AS key, facts[..$limit] AS assertions
