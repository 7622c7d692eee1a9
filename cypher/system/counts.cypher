// Name: system/counts — node, relationship and entity totals (seed idempotency, rejected-write checks).
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN nodes, relationships, entities
