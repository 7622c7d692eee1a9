// Name: assertions/by-keys — assertions for a batch of keys (DataLoader).
UNWIND $keys AS k
OPTIONAL MATCH (a:Assertion {key: k})
RETURN k AS requested, CASE WHEN a IS NULL THEN null ELSE a {.*, createdAt: null} END AS assertion
