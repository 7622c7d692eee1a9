// Name: system/counts — node, relationship and entity totals (seed idempotency, rejected-write checks), from the count
// store. The change log (:Change entries and their :ChangeCounter) is left out: it records writes, it is not what the
// graph says, so a write refused or repeated changes none of these figures.
CALL () { MATCH (n) RETURN count(n) AS total }
CALL () { MATCH (c:Change) RETURN count(c) AS logEntries }
CALL () { MATCH (c:ChangeCounter) RETURN count(c) AS counters }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
RETURN total - logEntries - counters AS nodes, relationships, entities
