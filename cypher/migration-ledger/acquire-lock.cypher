// Name: migration-ledger/acquire-lock — takes the migration lock for $owner when it is free, already $owner's, or
// its holder's lease ran out (a runner that died); otherwise says who holds it until when. The MERGE meets a single
// node (uniqueness constraint migration_lock_id), and the SET/REMOVE takes that node's write lock before its owner is
// read, so two runners asking at once are served one after the other and only one is told `acquired`.
MERGE (l:MigrationLock {id: $lock})
SET l.claiming = true
REMOVE l.claiming
WITH l, l.owner IS NULL OR l.owner = $owner OR l.expiresAt < datetime() AS free
CALL (l, free) {
  WITH l, free WHERE free
  SET l.owner = $owner, l.acquiredAt = datetime(), l.expiresAt = datetime() + duration({milliseconds: $leaseMs})
}
RETURN free AS acquired, l.owner AS owner, toString(l.expiresAt) AS expiresAt
