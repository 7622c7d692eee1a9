// Name: research/group-figures — best rank (deprecated and outranked facts left out): the first $limit group figures (newest first, then key), each with up to
// $membersLimit members and each member's own figures for the same metric and period type in the group's year and
// the next (the next year's growth rate implies the group year's amount). The members of the whole page are
// collected first and each distinct member's figures are read once: a hub company that belongs to most groups is
// expanded once per page, not once per group (PROFILE on M, a page of 100: 2.1M db hits before, 0.4M now; seeking
// a hub's figures from the (metric, periodYear) index instead was no cheaper on M).
MATCH (g:GroupFigure)
WHERE g.rank <> 'deprecated' AND g.outranked IS NULL AND ($metric IS NULL OR g.metric = $metric)
WITH g ORDER BY g.periodYear DESC, g.key LIMIT $limit
CALL (g) {
  MATCH (g)-[:MEMBER]->(m:Entity)
  WITH m ORDER BY m.name, m.key LIMIT $membersLimit
  RETURN collect(m) AS members
}
WITH collect({g: g, members: members}) AS page
CALL (page) {
  UNWIND page AS p
  UNWIND p.members AS m
  WITH m, collect(DISTINCT [p.g.metric, p.g.periodType, p.g.periodYear]) AS wanted
  CALL (m, wanted) {
    MATCH (m)<-[:SUBJECT]-(f:FinancialFigure)
    WHERE f.rank <> 'deprecated' AND f.outranked IS NULL
      AND ([f.metric, f.periodType, f.periodYear] IN wanted OR [f.metric, f.periodType, f.periodYear - 1] IN wanted)
    RETURN collect(f {.*, createdAt: null}) AS figures
  }
  RETURN collect({key: m.key, figures: figures}) AS byMember
}
UNWIND page AS p
WITH p.g AS g, p.members AS members, byMember
RETURN g {.*, createdAt: null} AS group,
  [m IN members | {
    memberKey: m.key,
    figures: [f IN head([x IN byMember WHERE x.key = m.key | x.figures])
      WHERE f.metric = g.metric AND f.periodType = g.periodType AND f.periodYear IN [g.periodYear, g.periodYear + 1]]
  }] AS members
ORDER BY g.periodYear DESC, g.key
