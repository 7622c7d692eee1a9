// Name: facts/regroup — recomputes the statement group of the facts $keys from their role edges as they are now
// (after a merge moved them to another entity); returns the groups they left and joined, for facts/refresh-groups.
UNWIND $keys AS k
MATCH (a:Assertion {key: k})
WITH a, a.statementGroup AS groupBefore
// @include statement-group
WITH collect(groupBefore) + collect(a.statementGroup) AS groups
RETURN [g IN groups WHERE g IS NOT NULL] AS groups
