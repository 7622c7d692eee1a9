// Name: sources/by-keys — sources for a batch of keys (DataLoader), with their publisher's key. The whole source
// when $props is null, else `values` holds the properties named in $props (publisherKey: the publisher's key).
UNWIND $keys AS k
OPTIONAL MATCH (s:Source {key: k})
OPTIONAL MATCH (s)-[:PUBLISHED_BY]->(p:Entity) WHERE $props IS NULL OR 'publisherKey' IN $props
RETURN k AS requested,
       CASE WHEN s IS NOT NULL AND $props IS NULL THEN s {.*, createdAt: null, publisherKey: p.key} END AS source,
       CASE WHEN s IS NOT NULL AND $props IS NOT NULL
         THEN [x IN $props | CASE WHEN x = 'publisherKey' THEN p.key ELSE s[x] END] END AS values
