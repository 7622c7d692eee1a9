// Name: migration-ledger/record — records an applied migration, only while $owner still holds the lock (no row
// otherwise). CREATE, not MERGE: under the constraint migration_id a second record of the same id fails loudly.
MATCH (l:MigrationLock {id: $lock})
WHERE l.owner = $owner
CREATE (m:Migration {id: $id, name: $name, checksum: $checksum, appliedAt: datetime(), appliedBy: $owner, ms: $ms})
RETURN m.id AS id
