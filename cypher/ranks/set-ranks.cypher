// Name: ranks/set-ranks — sets the rank of each fact in $changes ({key, rank}) with the curator's reason, who and
// when, and keeps the old one: (a)-[:REVISED]->(:Revision {field: 'rank', before, after, reason, at, by}).
UNWIND $changes AS c
MATCH (a:Assertion {key: c.key})
WITH a, c, a.rank AS before, toString(datetime()) AS at
SET a.rank = c.rank, a.rankReason = $reason, a.rankedAt = at, a.rankedBy = $principal
CREATE (a)-[:REVISED]->(:Revision {field: 'rank', before: before, after: c.rank, reason: $reason, at: at,
  by: $principal})
RETURN a.key AS key
