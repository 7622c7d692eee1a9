// Name: curation/update-source — sets the changed fields of a source ($changes) and keeps every old value: one
// Revision node per changed field, (s)-[:REVISED]->(:Revision {field, before, after, reason, at, by}).
MATCH (s:Source {key: $key})
SET s += $changes
WITH s
CALL (s) {
  UNWIND $revisions AS r
  CREATE (s)-[:REVISED]->(:Revision {field: r.field, before: r.before, after: r.after, reason: $reason,
    at: toString(datetime()), by: $principal})
}
RETURN s.key AS key
