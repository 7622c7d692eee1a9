// Name: curation/lock-entity-pair — the first write of every merge, un-merge and judgement about a pair of entity
// keys ($pair: the two keys in order, joined by "|"): it takes the pair's lock (an :EntityPair node under the
// entity_pair_key constraint), so concurrent writes about one pair run one after the other, and each reads, after
// it, what the one before committed.
MERGE (p:EntityPair {key: $pair})
SET p.lockedAt = $at
RETURN p.key AS key
