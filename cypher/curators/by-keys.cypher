// Name: curators/by-keys — curators (the authors of editorial texts) for a batch of keys (DataLoader).
UNWIND $keys AS k
OPTIONAL MATCH (c:Curator {key: k})
RETURN k AS requested, CASE WHEN c IS NULL THEN null ELSE c {.key, .name, .note} END AS curator
