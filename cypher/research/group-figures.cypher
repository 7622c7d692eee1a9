// Name: research/group-figures — the first $limit group figures (newest first, then key), each with up to
// $membersLimit members and each member's own figures for the same metric and period type in the group's year and
// the next (the next year's growth rate implies the group year's amount). A member's figures are read from the
// (metric, periodYear) index and joined on the member, so a hub company is never expanded fact by fact.
MATCH (g:GroupFigure)
WHERE g.rank <> 'deprecated' AND ($metric IS NULL OR g.metric = $metric)
WITH g ORDER BY g.periodYear DESC, g.key LIMIT $limit
CALL (g) {
  MATCH (g)-[:MEMBER]->(m:Entity)
  WITH m ORDER BY m.name, m.key LIMIT $membersLimit
  CALL (g, m) {
    MATCH (f:Assertion)-[:SUBJECT]->(m)
    WHERE f.metric = g.metric AND f.periodYear >= g.periodYear AND f.periodYear <= g.periodYear + 1
      AND f.kind = 'FinancialFigure' AND f.periodType = g.periodType AND f.rank <> 'deprecated'
    RETURN collect(f {.*, createdAt: null}) AS figures
  }
  RETURN collect({memberKey: m.key, figures: figures}) AS members
}
RETURN g {.*, createdAt: null} AS group, members
ORDER BY g.periodYear DESC, g.key
