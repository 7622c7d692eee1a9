// Name: curation/retract-assertion — retraction keeps the fact: its rank becomes deprecated, with reason, time and
// who, and the old rank is kept as a Revision (field rank), as ranks/set-ranks does.
MATCH (a:Assertion {key: $key})
WHERE a.rank <> 'deprecated'
WITH a, a.rank AS before, toString(datetime()) AS at
SET a.rankBeforeRetraction = a.rank,
    a.rank = 'deprecated',
    a.retractionReason = $reason,
    a.retractedAt = at,
    a.retractedBy = $principal,
    a.rankReason = $reason,
    a.rankedAt = at,
    a.rankedBy = $principal
CREATE (a)-[:REVISED]->(:Revision {field: 'rank', before: before, after: 'deprecated', reason: $reason, at: at,
  by: $principal})
RETURN a {.*, createdAt: null} AS assertion
