// Name: system/keyspace-delete — removes the nodes whose key contains a marker (test clean-up; never the seed), with
// the history of their values and the facts that only sources of the key space support (keys derived from content
// do not carry the marker).
MATCH (n)
WHERE n.key CONTAINS $marker
OPTIONAL MATCH (n)-[:REVISED]->(revision:Revision)
OPTIONAL MATCH (fact:Assertion)-[:SUPPORTED_BY]->(n)
WHERE NOT EXISTS { MATCH (fact)-[:SUPPORTED_BY]->(other:Source) WHERE NOT other.key CONTAINS $marker }
WITH collect(n) + collect(revision) + collect(fact) AS doomed
UNWIND doomed AS d
WITH DISTINCT d
DETACH DELETE d
RETURN count(*) AS deleted
