// Name: curation/judgement-state — a judgement and what withdrawing it needs (read inside the withdrawing write,
// after the pair's lock): for a merge, whether the kept entity still exists (else where it was merged to), whether
// the removed key is free again, whether the copy of the removed entity is whole (every relationship it had is
// still recorded: none of the entities it was linked to was merged away since), and which of those entities are
// gone, with the entity each now redirects to.
MATCH (j:Judgement {key: $key})
OPTIONAL MATCH (j)-[:SNAPSHOT]->(copy:MergedEntity)
CALL (copy) {
  OPTIONAL MATCH (copy)-[h:HAD]->()
  RETURN count(h) AS recordedEdges
}
RETURN
// @include judgement-fields
AS judgement,
  j.pair AS pair,
  copy IS NOT NULL AS hasCopy,
  recordedEdges,
  coalesce(j.snapshotEdges, 0) AS snapshotEdges,
  EXISTS { MATCH (:Entity {key: j.entity}) } AS keptExists,
  head([(:Redirect {key: j.entity})-[:REDIRECTS_TO]->(t:Entity) | t.key]) AS keptNow,
  j.other IS NOT NULL AND EXISTS { MATCH (:Entity {key: j.other}) } AS removedKeyTaken,
  [k IN coalesce(j.linkedKeys, []) WHERE NOT EXISTS { MATCH (:Entity {key: k}) } |
    {key: k, now: head([(:Redirect {key: k})-[:REDIRECTS_TO]->(t:Entity) | t.key])}] AS linkedGone
