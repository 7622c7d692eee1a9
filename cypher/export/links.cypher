// Name: export/links — timeless links of one page of entities (in key order), as the link lines' rel/from/to with the
// sources each carries (parallel lists on the relationship).
MATCH (a:Entity)
WHERE a.key > $after
WITH a ORDER BY a.key LIMIT $limit
RETURN a.key AS key,
       [(a)-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(b:Entity) |
         {rel: type(r), to: b.key, sourceKeys: r.sourceKeys, snippets: r.snippets, starts: r.starts, ends: r.ends,
          locators: r.locators}] AS links
ORDER BY key
