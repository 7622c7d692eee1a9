// Name: rules/keys — the keys of the first $limit inference rules, in key order (there are a handful).
MATCH (r:Rule)
RETURN r.key AS key
ORDER BY key
LIMIT $limit
