// Name: migration-ledger/schema — the two uniqueness constraints the migration runner relies on: one :Migration node
// per applied migration (a second record of the same id fails), and one :MigrationLock node, so that two runners'
// MERGE of the lock meets the same node. Idempotent; applied before anything else at start and by `npm run migrate`.
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:Migration) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT migration_lock_id IF NOT EXISTS FOR (l:MigrationLock) REQUIRE l.id IS UNIQUE
