// Name: sources/assertions — the assertions a batch of sources supports (DataLoader), by key.
UNWIND $keys AS k
MATCH (s:Source {key: k})<-[:SUPPORTED_BY]-(a:Assertion)
WITH k, a ORDER BY a.key
WITH k, collect(DISTINCT a {.*, createdAt: null}) AS facts
RETURN k AS key, facts[..$limit] AS assertions
