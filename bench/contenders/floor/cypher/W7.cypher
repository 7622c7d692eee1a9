// W7: all shortest paths (at most 10) through facts and timeless links, never through sources.
MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
MATCH p = allShortestPaths((a)-[:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS|PART_OF|MADE_BY|LOCATED_IN|UNIT_OF*..8]-(b))
WHERE length(p) <= $maxHops
WITH p LIMIT 10
RETURN {paths: collect({nodes: [n IN nodes(p) | {key: n.key}]})} AS data
