// Name: system/keyspace-count — nodes whose key contains a marker (tests and benchmarks work in their own key space).
MATCH (n)
WHERE n.key CONTAINS $marker
RETURN count(n) AS nodes
