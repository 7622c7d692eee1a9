// Name: curation/record-merge — runs just before curation/merge-entities, in its transaction: the positive
// judgement ($judgement: who, when, why, which pair) and what un-merging needs to restore the removed entity
// exactly (curation/unmerge):
// - a copy of it, (j)-[:SNAPSHOT]->(:MergedEntity), holding its properties unchanged (types included), and its
//   labels on the judgement (removedLabels);
// - every relationship it has, of any type and either direction, as a :HAD relationship of the copy with the
//   relationship's own properties and, in merge*, its type, its direction, whether the merge moves it to $keep
//   (facts' roles, links, publishers, redirects — the moves of merge-entities) and whether $keep already had that
//   relationship (then the merge adds none, and un-merging removes none). (copy)-[:HAD]->(other end) when that is a
//   fact, source, redirect or revision; when it is an entity (itself included), (copy)-[:HAD]->(copy) naming its key
//   in mergeOtherKey — so no record ever hangs on an entity, and merging that entity later leaves the record whole;
// - what the merge adds to $keep's names (addedAliases, addedAliasKeys), the number of relationships recorded
//   (snapshotEdges) and the entities among their other ends (linkedKeys), so un-merging can tell when one of them
//   was merged away since.
MATCH (keep:Entity {key: $keep})
MATCH (gone:Entity {key: $remove})
WHERE keep <> gone
CREATE (j:Judgement {key: $judgement, verdict: 'positive', pair: $pair, entity: $keep, other: $remove,
  reason: $reason, by: $principal, at: $at, status: 'active', merged: true})
CREATE (j)-[:SNAPSHOT]->(copy:MergedEntity)
SET copy = properties(gone)
WITH j, keep, gone, copy
CALL (keep, gone, copy) {
  CALL (gone) {
    MATCH (gone)-[r]->(x)
    RETURN r, x, true AS outgoing
    UNION ALL
    MATCH (x)-[r]->(gone)
    WHERE x <> gone
    RETURN r, x, false AS outgoing
  }
  WITH keep, gone, copy, r, x, outgoing, type(r) AS t, CASE WHEN x:Entity THEN copy ELSE x END AS target
  WITH keep, copy, r, x, outgoing, t, target,
       x <> keep AND x <> gone AND CASE
         WHEN outgoing THEN x:Entity AND t IN ['PART_OF', 'MADE_BY', 'LOCATED_IN', 'UNIT_OF']
         ELSE (x:Assertion AND t IN ['SUBJECT', 'OBJECT', 'MEMBER', 'SPEAKER', 'CONCERNS'])
           OR (x:Entity AND t IN ['PART_OF', 'MADE_BY', 'LOCATED_IN', 'UNIT_OF'])
           OR (x:Source AND t = 'PUBLISHED_BY')
           OR (x:Redirect AND t = 'REDIRECTS_TO')
       END AS moved
  WITH keep, copy, r, x, outgoing, t, target, moved,
       moved AND CASE
         WHEN outgoing THEN EXISTS { MATCH (keep)-[k]->(x) WHERE type(k) = t }
         ELSE EXISTS { MATCH (x)-[k]->(keep) WHERE type(k) = t }
       END AS keepHad
  CREATE (copy)-[h:HAD]->(target)
  SET h = properties(r)
  SET h.mergeType = t, h.mergeOutgoing = outgoing, h.mergeMoved = moved, h.mergeKeepHad = keepHad,
      h.mergeOtherKey = CASE WHEN x:Entity THEN x.key END
  RETURN count(h) AS edges, collect(DISTINCT CASE WHEN x:Entity AND x <> keep THEN x.key END) AS linked
}
SET j.removedLabels = labels(gone),
    j.snapshotEdges = edges,
    j.linkedKeys = [k IN linked WHERE k <> gone.key],
    j.keepAliasesUnset = keep.aliases IS NULL,
    j.keepAliasKeysUnset = keep.aliasKeys IS NULL,
    j.addedAliases = reduce(acc = [], a IN [gone.name] + coalesce(gone.aliases, []) |
      CASE WHEN a IN coalesce(keep.aliases, []) OR a IN acc THEN acc ELSE acc + a END),
    j.addedAliasKeys = reduce(acc = [], a IN coalesce(gone.aliasKeys, []) |
      CASE WHEN a IN coalesce(keep.aliasKeys, []) OR a IN acc THEN acc ELSE acc + a END)
RETURN j.key AS key
