// Name: curation/merge-entities — folds $remove into $keep: facts, links and publishers move over (each moved
// relationship keeps its properties; where $keep already had it, $keep's stays as it was), names become aliases,
// and the removed key stays resolvable as a Redirect (like a Wikidata redirect) naming the positive judgement
// ($judgement) that curation/record-merge wrote just before, with everything un-merging needs.
MATCH (keep:Entity {key: $keep})
MATCH (gone:Entity {key: $remove})
WHERE keep <> gone
CALL (keep, gone) {
  MATCH (a:Assertion)-[r:SUBJECT|OBJECT|MEMBER|SPEAKER|CONCERNS]->(gone)
  MERGE (a)-[moved:$(type(r))]->(keep)
  ON CREATE SET moved = properties(r)
  DELETE r
}
CALL (keep, gone) {
  MATCH (gone)-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(x:Entity) WHERE x <> keep AND x <> gone
  MERGE (keep)-[moved:$(type(r))]->(x)
  ON CREATE SET moved = properties(r)
  // A link the kept entity already has gains the moved link's sources (parallel lists).
  ON MATCH SET moved.sourceKeys = coalesce(moved.sourceKeys, []) + coalesce(r.sourceKeys, []),
      moved.snippets = coalesce(moved.snippets, []) + coalesce(r.snippets, []),
      moved.starts = coalesce(moved.starts, []) + coalesce(r.starts, []),
      moved.ends = coalesce(moved.ends, []) + coalesce(r.ends, []),
      moved.locators = coalesce(moved.locators, []) + coalesce(r.locators, [])
  DELETE r
}
CALL (keep, gone) {
  MATCH (x:Entity)-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->(gone) WHERE x <> keep AND x <> gone
  MERGE (x)-[moved:$(type(r))]->(keep)
  ON CREATE SET moved = properties(r)
  ON MATCH SET moved.sourceKeys = coalesce(moved.sourceKeys, []) + coalesce(r.sourceKeys, []),
      moved.snippets = coalesce(moved.snippets, []) + coalesce(r.snippets, []),
      moved.starts = coalesce(moved.starts, []) + coalesce(r.starts, []),
      moved.ends = coalesce(moved.ends, []) + coalesce(r.ends, []),
      moved.locators = coalesce(moved.locators, []) + coalesce(r.locators, [])
  DELETE r
}
CALL (keep, gone) {
  MATCH (s:Source)-[r:PUBLISHED_BY]->(gone)
  MERGE (s)-[moved:PUBLISHED_BY]->(keep)
  ON CREATE SET moved = properties(r)
  DELETE r
}
CALL (keep, gone) {
  MATCH (earlier:Redirect)-[r:REDIRECTS_TO]->(gone)
  MERGE (earlier)-[moved:REDIRECTS_TO]->(keep)
  ON CREATE SET moved = properties(r)
  DELETE r
}
SET keep.aliases = reduce(acc = coalesce(keep.aliases, []), a IN [gone.name] + coalesce(gone.aliases, []) |
      CASE WHEN a IN acc THEN acc ELSE acc + a END),
    keep.aliasKeys = reduce(acc = coalesce(keep.aliasKeys, []), a IN coalesce(gone.aliasKeys, []) |
      CASE WHEN a IN acc THEN acc ELSE acc + a END)
MERGE (redirect:Redirect {key: gone.key})
SET redirect.formerName = gone.name, redirect.formerKind = gone.kind, redirect.reason = $reason,
    redirect.mergedAt = $at, redirect.mergedBy = $principal, redirect.judgement = $judgement
MERGE (redirect)-[:REDIRECTS_TO]->(keep)
WITH keep, gone
DETACH DELETE gone
RETURN keep {.*, createdAt: null} AS entity
