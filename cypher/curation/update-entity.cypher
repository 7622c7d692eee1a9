// Name: curation/update-entity — sets the changed fields of an entity ($changes) and keeps every old value: one
// Revision node per changed field, (e)-[:REVISED]->(:Revision {field, before, after, reason, at, by}). A new kind
// replaces the kind label ($relabel), so the entity still carries exactly one. Names become aliases ($aliases).
MATCH (e:Entity {key: $key})
SET e += $changes
SET e.aliases = reduce(acc = coalesce(e.aliases, []), a IN $aliases | CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.aliasKeys = reduce(acc = coalesce(e.aliasKeys, []), a IN $aliasKeys | CASE WHEN a IN acc THEN acc ELSE acc + a END)
WITH e
CALL (e) {
  WITH e WHERE $relabel IS NOT NULL
  REMOVE e:$($relabel.from)
  SET e:$($relabel.to)
}
CALL (e) {
  UNWIND $revisions AS r
  CREATE (e)-[:REVISED]->(:Revision {field: r.field, before: r.before, after: r.after, reason: $reason,
    at: toString(datetime()), by: $principal})
}
RETURN e {.*, createdAt: null} AS entity
