// Name: curation/redirects — which of the given keys were merged away (they cannot be reused for new entities).
UNWIND $keys AS k
MATCH (r:Redirect {key: k})-[:REDIRECTS_TO]->(target:Entity)
RETURN k AS key, target.key AS target
