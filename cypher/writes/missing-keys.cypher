// Name: writes/missing-keys — which of the given entity and source keys do not exist yet (index lookups only).
UNWIND $keys AS k
OPTIONAL MATCH (e:Entity {key: k})
OPTIONAL MATCH (s:Source {key: k})
WITH k, e, s WHERE e IS NULL AND s IS NULL
RETURN collect(k) AS missing
