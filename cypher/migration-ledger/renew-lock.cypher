// Name: migration-ledger/renew-lock — extends $owner's lease while its migrations run; 0 when it no longer holds the
// lock (its lease ran out and another runner took it over).
MATCH (l:MigrationLock {id: $lock})
WHERE l.owner = $owner
SET l.expiresAt = datetime() + duration({milliseconds: $leaseMs})
RETURN count(l) AS held
