// Name: ranks/lock-group — the first write of a rank change: takes the write lock of the fact $key and of every fact
// of its statement group, in key order, by bumping their rankVersion. Concurrent rank changes of one group therefore
// run one after the other, and each reads (ranks/group-facts, the next statement) what the one before it committed.
// No row when the fact does not exist.
MATCH (f:Assertion {key: $key})
OPTIONAL MATCH (a:Assertion {statementGroup: f.statementGroup})
WITH f, collect(a) AS members
UNWIND CASE WHEN size(members) = 0 THEN [f] ELSE members END AS x
WITH f, x ORDER BY x.key
SET x.rankVersion = coalesce(x.rankVersion, 0) + 1
RETURN f.statementGroup AS groupKey, count(x) AS facts
