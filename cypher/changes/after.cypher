// Name: changes/after — the change log after $after, oldest first: at most $limit entries matching the filter
// ($entity, $kinds, $source; each inactive when null), looked for among the $scan entries that follow $after. Since
// `seq` is gap-free, that window is one range seek on the change_seq index, whatever the filter: a read costs at most
// $scan entries. Also the log's last seq, so the caller can say where the window ended and whether more follows.
OPTIONAL MATCH (counter:ChangeCounter {id: 'changes'})
WITH coalesce(counter.seq, 0) AS last
CALL (last) {
  MATCH (c:Change)
  WHERE c.seq > $after AND c.seq <= $after + $scan
    AND ($entity IS NULL OR $entity IN c.entities)
    AND ($kinds IS NULL OR c.kind IN $kinds)
    AND ($source IS NULL OR $source IN c.sources)
  WITH c ORDER BY c.seq
  LIMIT $limit
  RETURN collect(c {.seq, .actor, .op, .target, key: c.targetKey, .kind, .entities, .sources, .fields, .reason,
    .at}) AS changes
}
RETURN last, changes
