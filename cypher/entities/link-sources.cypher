// Name: entities/link-sources — the timeless links (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF) of a batch of entities in
// both directions, each with the sources it carries (parallel lists on the relationship), at most $limit per entity.
UNWIND $keys AS k
MATCH (e:Entity {key: k})
CALL (e) {
  MATCH (e)-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(n:Entity)
  RETURN r, e.key AS fromKey, n.key AS toKey, n.name AS otherName
  UNION
  MATCH (e)<-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]-(n:Entity)
  RETURN r, n.key AS fromKey, e.key AS toKey, n.name AS otherName
}
WITH k, r, fromKey, toKey ORDER BY type(r), otherName, fromKey, toKey
WITH k, collect({
  type: type(r), fromKey: fromKey, toKey: toKey,
  sourceKeys: coalesce(r.sourceKeys, []), snippets: coalesce(r.snippets, []), starts: coalesce(r.starts, []),
  ends: coalesce(r.ends, []), locators: coalesce(r.locators, [])
})[..$limit] AS links
RETURN k AS key, links
