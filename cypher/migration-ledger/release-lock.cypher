// Name: migration-ledger/release-lock — frees the lock if $owner still holds it (the node stays, for the next MERGE).
MATCH (l:MigrationLock {id: $lock})
WHERE l.owner = $owner
SET l.owner = null, l.expiresAt = null, l.releasedAt = datetime()
RETURN count(l) AS released
