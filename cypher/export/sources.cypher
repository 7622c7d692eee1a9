// Name: export/sources — one page of sources in key order, with the publisher's key and the stored full text.
MATCH (s:Source)
WHERE s.key > $after
WITH s ORDER BY s.key LIMIT $limit
RETURN s.key AS key, properties(s) AS props,
       head([(s)-[:PUBLISHED_BY]->(p:Entity) | p.key]) AS publisher,
       head([(s)-[:HAS_TEXT]->(t:SourceText) | t.text]) AS text
ORDER BY key
