// Name: changes/record — appends $changes to the change log inside the writing transaction, as its last statement.
// The counter node is locked first (SET), so concurrent writers take their numbers one after another and a number is
// only ever used by a committed transaction: `seq` is gap-free and unique (constraint change_seq), and a retried
// transaction leaves nothing of its failed attempt. `at` is read after the lock and never earlier than the previous
// entry's, so `at` grows with `seq` and an as-of read at a past time is stable. The written nodes get their
// firstSeen (kept), lastSeen (this change) and, for facts, deprecatedSince (kept while the rank is deprecated, else
// removed), all equal to the change's `at`, so as-of reads and the log agree. A rank change or a judgement (ops rank,
// judge) writes no content, so it sets neither firstSeen nor lastSeen (when the graph last wrote or confirmed the thing
// as content), only deprecatedSince. Taking the lock last keeps it held only for this statement and the commit; the
// nodes stamped here were written (so locked) earlier by the same transaction, so the lock order cannot deadlock.
MERGE (counter:ChangeCounter {id: 'changes'})
ON CREATE SET counter.seq = 0
SET counter.locked = true
WITH counter, counter.seq AS last, datetime.realtime() AS now
WITH counter, last, CASE WHEN counter.at IS NOT NULL AND counter.at > now THEN counter.at ELSE now END AS at
SET counter.seq = last + size($changes), counter.at = at
REMOVE counter.locked
WITH last, at
UNWIND range(0, size($changes) - 1) AS i
WITH last + i + 1 AS seq, $changes[i] AS ch, at
CREATE (:Change {seq: seq, at: at, actor: $actor, op: ch.op, target: ch.target, targetKey: ch.key, kind: ch.kind,
  entities: ch.entities, sources: ch.sources, fields: ch.fields, reason: ch.reason})
WITH min(seq) AS first, max(seq) AS last, min(at) AS at
// Each kind of target is stamped from its own entries only (one key seek per entry, not one per entry and label).
CALL (at) {
  UNWIND [ch IN $changes WHERE ch.target = 'fact'] AS ch
  MATCH (a:Assertion {key: ch.key})
  WITH a, at, NOT ch.op IN ['rank', 'judge'] AS content
  SET a.firstSeen = CASE WHEN content THEN coalesce(a.firstSeen, at) ELSE a.firstSeen END,
      a.lastSeen = CASE WHEN content THEN at ELSE a.lastSeen END,
      a.deprecatedSince = CASE WHEN a.rank = 'deprecated' THEN coalesce(a.deprecatedSince, at) END
}
CALL (at) {
  UNWIND [ch IN $changes WHERE ch.target = 'entity'] AS ch
  MATCH (e:Entity {key: ch.key})
  WITH e, at, NOT ch.op IN ['rank', 'judge'] AS content
  SET e.firstSeen = CASE WHEN content THEN coalesce(e.firstSeen, at) ELSE e.firstSeen END,
      e.lastSeen = CASE WHEN content THEN at ELSE e.lastSeen END
}
CALL (at) {
  UNWIND [ch IN $changes WHERE ch.target = 'source'] AS ch
  MATCH (s:Source {key: ch.key})
  WITH s, at, NOT ch.op IN ['rank', 'judge'] AS content
  SET s.firstSeen = CASE WHEN content THEN coalesce(s.firstSeen, at) ELSE s.firstSeen END,
      s.lastSeen = CASE WHEN content THEN at ELSE s.lastSeen END
}
RETURN first, last, at
