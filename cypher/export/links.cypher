// Name: export/links — timeless links of one page of entities (in key order), as the link lines' rel/from/to.
MATCH (a:Entity)
WHERE a.key > $after
WITH a ORDER BY a.key LIMIT $limit
RETURN a.key AS key,
       [(a)-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(b:Entity) | {rel: type(r), to: b.key}] AS links
ORDER BY key
