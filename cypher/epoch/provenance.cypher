// Name: epoch/provenance — of the assertions whose key starts with $keyPrefix, how many cite the publisher's dataset with licence, citation, a row locator and a snippet; the first that do not.
MATCH (a:Assertion) WHERE a.key STARTS WITH $keyPrefix
WITH a, EXISTS {
  MATCH (a)-[r:SUPPORTED_BY]->(s:Source {kind: 'dataset'})-[:PUBLISHED_BY]->(:Entity {key: $publisherKey})
  WHERE r.locator CONTAINS ' row ' AND size(r.snippet) > 0 AND s.license = $license AND s.citation IS NOT NULL
} AS ok
RETURN count(a) AS assertions, count(CASE WHEN ok THEN 1 END) AS withProvenance,
  collect(CASE WHEN NOT ok THEN a.key END)[..20] AS gaps
