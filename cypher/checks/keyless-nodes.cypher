// Name: checks/keyless-nodes — entities, facts or sources without a key (must be none).
MATCH (n) WHERE (n:Entity OR n:Assertion OR n:Source) AND (n.key IS NULL OR n.key = '')
RETURN count(n) AS count
