// Name: system/keyspace-delete — removes the nodes whose key contains a marker (test clean-up; never the seed).
MATCH (n)
WHERE n.key CONTAINS $marker
DETACH DELETE n
RETURN count(*) AS deleted
