// Name: ranks/group-facts — the fact $key and the other facts of its statement group, in key order, with their rank
// and who set it when (read after ranks/lock-group, inside the same transaction).
MATCH (f:Assertion {key: $key})
OPTIONAL MATCH (a:Assertion {statementGroup: f.statementGroup})
WITH f, collect(a) AS members
UNWIND CASE WHEN size(members) = 0 THEN [f] ELSE members END AS x
WITH x ORDER BY x.key
RETURN x.key AS key, x.rank AS rank, x.rankReason AS reason, x.rankedAt AS at, x.rankedBy AS by,
       x.retractedAt IS NOT NULL AS retracted
