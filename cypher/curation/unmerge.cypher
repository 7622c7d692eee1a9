// Name: curation/unmerge — undoes the merge a positive judgement recorded (curation/record-merge), once
// curation/judgement-state found the kept entity there, the removed key free and the copy whole: the removed entity
// comes back with its properties and labels; every relationship it had is recreated with its properties, and the
// ones the merge had moved to the kept entity are taken off it (unless it had them before the merge). Facts and
// links the kept entity gained after the merge stay with it. The names the merge added to the kept entity are taken
// off it, its Redirect goes, and the judgement is withdrawn (who, when, why), never deleted.
MATCH (j:Judgement {key: $key})-[:SNAPSHOT]->(copy:MergedEntity)
WHERE j.status = 'active' AND j.verdict = 'positive'
MATCH (keep:Entity {key: j.entity})
CREATE (gone:Entity)
SET gone = properties(copy)
SET gone:$(j.removedLabels)
WITH j, copy, keep, gone
CALL (copy, keep, gone) {
  MATCH (copy)-[h:HAD]->(target)
  OPTIONAL MATCH (named:Entity {key: h.mergeOtherKey})
  WITH keep, gone, h, CASE WHEN h.mergeOtherKey IS NULL THEN target ELSE named END AS x, h.mergeType AS t,
       h.mergeOutgoing AS outgoing,
       h {.*, mergeType: null, mergeOutgoing: null, mergeMoved: null, mergeKeepHad: null, mergeOtherKey: null}
         AS props
  CALL (keep, x, t, outgoing, h) {
    WITH keep, x, t, outgoing, h WHERE h.mergeMoved AND NOT h.mergeKeepHad
    OPTIONAL MATCH (keep)-[fromKeep]->(x) WHERE outgoing AND type(fromKeep) = t
    OPTIONAL MATCH (x)-[toKeep]->(keep) WHERE NOT outgoing AND type(toKeep) = t
    DELETE fromKeep, toKeep
  }
  CALL (gone, x, t, outgoing, props) {
    WITH gone, x, t, props, outgoing WHERE outgoing
    CREATE (gone)-[r:$(t)]->(x)
    SET r = props
  }
  CALL (gone, x, t, outgoing, props) {
    WITH gone, x, t, props, outgoing WHERE NOT outgoing
    CREATE (x)-[r:$(t)]->(gone)
    SET r = props
  }
  RETURN count(h) AS restored
}
SET keep.aliases = CASE
      WHEN j.keepAliasesUnset AND all(a IN coalesce(keep.aliases, []) WHERE a IN j.addedAliases) THEN null
      ELSE [a IN coalesce(keep.aliases, []) WHERE NOT a IN j.addedAliases]
    END,
    keep.aliasKeys = CASE
      WHEN j.keepAliasKeysUnset AND all(a IN coalesce(keep.aliasKeys, []) WHERE a IN j.addedAliasKeys) THEN null
      ELSE [a IN coalesce(keep.aliasKeys, []) WHERE NOT a IN j.addedAliasKeys]
    END,
    j.status = 'withdrawn', j.withdrawnAt = $at, j.withdrawnBy = $principal, j.withdrawalReason = $reason
WITH j, copy, gone, restored
OPTIONAL MATCH (redirect:Redirect {key: gone.key})
DETACH DELETE redirect, copy
RETURN gone.key AS key, restored
