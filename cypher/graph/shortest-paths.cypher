// Name: graph/shortest-paths — shortest paths between two entities through facts and timeless links, never through
// sources (SUPPORTED_BY / PUBLISHED_BY are not traversed); evidence: the source snippets supporting its facts. The pattern's bound is the hard cap; $maxHops narrows it.
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = allShortestPaths((a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF*..8]-(b))
WHERE length(p) <= $maxHops
WITH p LIMIT $limit
RETURN [n IN nodes(p) | n {.*, createdAt: null, _label: CASE WHEN n:Entity THEN 'Entity' ELSE 'Assertion' END}] AS nodes,
       [r IN relationships(p) | {type: type(r), from: startNode(r).key, to: endNode(r).key}] AS relationships,
       reduce(e = 0, n IN [n IN nodes(p) WHERE n:Assertion] | e + COUNT { (n)-[:SUPPORTED_BY]->(:Source) }) AS evidence
