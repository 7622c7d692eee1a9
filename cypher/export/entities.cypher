// Name: export/entities — one page of entities in key order (keyset pagination on the unique key index).
MATCH (e:Entity)
WHERE e.key > $after
WITH e ORDER BY e.key LIMIT $limit
RETURN e.key AS key, e.kind AS kind, properties(e) AS props
