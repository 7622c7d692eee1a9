// Name: epoch/entities-by-alias — every entity carrying a name or alias (normalised: NFKC, lower case), to check that names were not duplicated.
MATCH (e:Entity) WHERE $alias IN e.aliasKeys
RETURN e.key AS key, e.kind AS kind, e.name AS name ORDER BY e.key
