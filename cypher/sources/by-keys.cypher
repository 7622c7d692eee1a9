// Name: sources/by-keys — sources for a batch of keys (DataLoader), with their publisher's key.
UNWIND $keys AS k
OPTIONAL MATCH (s:Source {key: k})
OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(p:Entity)
RETURN k AS requested, CASE WHEN s IS NULL THEN null ELSE s {.*, createdAt: null, publisherKey: p.key} END AS source
