// Name: system/counts — node, relationship and entity totals (seed idempotency, rejected-write checks), from the count
// store (no scan). Bookkeeping is left out of `nodes`: the change log (:Change entries and their :ChangeCounter)
// records writes, so a write refused or repeated changes none of these figures; the migration ledger (:Migration,
// :MigrationLock) is not data (an export does not carry it, and a graph emptied and imported again has none).
CALL () { MATCH (n) RETURN count(n) AS total }
CALL () { MATCH (c:Change) RETURN count(c) AS logEntries }
CALL () { MATCH (c:ChangeCounter) RETURN count(c) AS counters }
CALL () { MATCH (m:Migration) RETURN count(m) AS ledger }
CALL () { MATCH (l:MigrationLock) RETURN count(l) AS locks }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN total - logEntries - counters - ledger - locks AS nodes, relationships, entities
