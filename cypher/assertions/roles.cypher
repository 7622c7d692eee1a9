// Name: assertions/roles — the entities each assertion involves, with their role and position (DataLoader).
UNWIND $keys AS k
MATCH (a:Assertion {key: k})-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity)
WITH k, r, e ORDER BY type(r), r.position
RETURN k AS key, collect({role: type(r), position: r.position, entity: e {.*, createdAt: null}}) AS roles
