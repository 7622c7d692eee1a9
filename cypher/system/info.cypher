// Name: system/info — versions of the kernel answering, for the `system` field and /ready.
CALL dbms.components() YIELD name, versions, edition
WHERE name = 'Neo4j Kernel'
RETURN versions[0] AS neo4jVersion, edition AS neo4jEdition
