// Name: system/counts — node, relationship and entity totals (seed idempotency, rejected-write checks). The migration
// ledger (:Migration, :MigrationLock) is bookkeeping, not data: left out of `nodes` (an export does not carry it, and a
// graph emptied and imported again has none). Every count comes from the count store: no scan.
CALL () { MATCH (n) RETURN count(n) AS total }
CALL () { MATCH (m:Migration) RETURN count(m) AS ledger }
CALL () { MATCH (l:MigrationLock) RETURN count(l) AS locks }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN total - ledger - locks AS nodes, relationships, entities
