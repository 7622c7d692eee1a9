// Fragment: statement-group — sets the fact `a`'s statementGroup and statementValue from its kind's row of
// $statementSpecs (src/domain/facts/statements.ts) and its role edges as they are now (so a merge regroups it).
// The group: kind | subject roles:keys in order | metric | period type | year | basis | the period's words when the
// period has no year or is a day, a month or open. The value (link kinds only): value roles:keys | status.
// Both are null for kinds without a statement group. `a` stays in scope.
CALL (a) {
  WITH a, $statementSpecs[a.kind] AS spec
  CALL (a, spec) {
    OPTIONAL MATCH (a)-[r]->(e:Entity)
    WHERE spec IS NOT NULL AND type(r) IN spec.subject
    WITH type(r) + ':' + e.key AS part ORDER BY part
    RETURN collect(part) AS subjects
  }
  CALL (a, spec) {
    OPTIONAL MATCH (a)-[r]->(e:Entity)
    WHERE spec.valueRoles IS NOT NULL AND type(r) IN spec.valueRoles
    WITH type(r) + ':' + e.key AS part ORDER BY part
    RETURN collect(part) AS values
  }
  SET a.statementGroup = CASE WHEN spec IS NULL THEN null ELSE
        a.kind + '|' + reduce(s = '', p IN subjects | s + p + ',') + '|' + coalesce(a.metric, '') + '|' +
        coalesce(a.periodType, '') + '|' + coalesce(toString(a.periodYear), '') + '|' + coalesce(a.periodBasis, '') +
        '|' + CASE WHEN a.periodYear IS NULL OR a.periodType IN ['DAY', 'MONTH', 'OPEN'] THEN coalesce(a.periodLabel, '')
        ELSE '' END END,
      a.statementValue = CASE WHEN spec IS NULL OR spec.valueRoles IS NULL THEN null ELSE
        reduce(s = '', p IN values | s + p + ',') + '|' + coalesce(a.status, '') END
}
