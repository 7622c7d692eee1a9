// Name: assertions/of-entities — the facts a batch of entities takes part in, by role and kind (DataLoader).
// Only the relationship types asked for are expanded, and properties are read after each entity's limit.
// Retracted facts are left out unless asked for; newest period first, then key.
UNWIND $keys AS k
MATCH (e:Entity {key: k})
CALL (e) {
  MATCH (e)<-[:$any($roles)]-(a:Assertion)
  WHERE ($kinds IS NULL OR a.kind IN $kinds)
    AND ($metric IS NULL OR a.metric = $metric)
    AND ($includeDeprecated OR a.rank <> 'deprecated')
  WITH DISTINCT a
  ORDER BY coalesce(a.periodYear, 0) DESC, a.key ASC
  LIMIT $limit
  RETURN collect(a {.*, createdAt: null}) AS assertions
}
RETURN k AS key, assertions
