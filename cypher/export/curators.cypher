// Name: export/curators — one page of curators in key order.
MATCH (c:Curator)
WHERE c.key > $after
WITH c ORDER BY c.key LIMIT $limit
RETURN c.key AS key, c {.name, .note} AS props
ORDER BY key
