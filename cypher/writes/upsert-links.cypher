// Name: writes/upsert-links — timeless structure (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF); types come from a closed enum.
UNWIND $rows AS row
MATCH (a:Entity {key: row.from})
MATCH (b:Entity {key: row.to})
MERGE (a)-[:$(row.rel)]->(b)
RETURN count(*) AS written
