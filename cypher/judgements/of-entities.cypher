// Name: judgements/of-entities — the judgements about each entity key (DataLoader): those naming it, or a key merged
// into it (its redirects), first (for a merge, the kept entity; for an alias-table row, the entity the name means)
// or second (for a merge, the removed entity), newest first, at most $limit per key. Index seeks on
// judgement_entity and judgement_other, one pair per key and per redirect to it.
UNWIND $keys AS k
CALL (k) {
  OPTIONAL MATCH (r:Redirect)-[:REDIRECTS_TO]->(:Entity {key: k})
  WITH k, [k] + collect(r.key) AS named
  UNWIND named AS n
  CALL (n) {
    MATCH (j:Judgement {entity: n})
    RETURN j
    UNION
    MATCH (j:Judgement {other: n})
    RETURN j
  }
  RETURN DISTINCT j
}
WITH k, j ORDER BY j.at DESC, j.key DESC
WITH k, collect(j)[..$limit] AS found
UNWIND found AS j
RETURN k AS requested,
// @include judgement-fields
AS judgement
