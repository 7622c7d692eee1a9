// Name: research/group-figures — group figures with each member's own figures for the same metric and period type,
// in the group's year and the next (the next year's growth rate implies the group year's amount).
MATCH (g:GroupFigure)
WHERE g.rank <> 'deprecated' AND ($metric IS NULL OR g.metric = $metric)
CALL (g) {
  MATCH (g)-[:MEMBER]->(m:Entity)
  OPTIONAL MATCH (m)<-[:SUBJECT]-(f:FinancialFigure)
  WHERE f.metric = g.metric AND f.periodType = g.periodType AND f.rank <> 'deprecated'
    AND f.periodYear IN [g.periodYear, g.periodYear + 1]
  WITH m, collect(f {.*, createdAt: null}) AS figures
  ORDER BY m.name
  RETURN collect({memberKey: m.key, figures: figures}) AS members
}
RETURN g {.*, createdAt: null} AS group, members
ORDER BY g.periodYear DESC, g.key
