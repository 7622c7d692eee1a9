// Name: curation/entity-kinds — the stored kind of each existing entity among $keys (merges are refused across kinds).
UNWIND $keys AS k
MATCH (e:Entity {key: k})
RETURN e.key AS key, e.kind AS kind, e.name AS name
