// Name: assertions/roles — the entities each assertion involves, with their role and position (DataLoader). Each
// entity whole when $props is null, else as the list of the values of the properties named in $props.
UNWIND $keys AS k
MATCH (a:Assertion {key: k})-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(e:Entity)
WITH k, r, e ORDER BY type(r), r.position
RETURN k AS key,
       collect({role: type(r), position: r.position,
                entity: CASE WHEN $props IS NULL THEN e {.*, createdAt: null} ELSE [p IN $props | e[p]] END}) AS roles
