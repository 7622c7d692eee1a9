import { parseArgs } from 'node:util';
import { MIGRATIONS, migrationLabel } from '../src/repositories/migrations.ts';
import { MigrationError, pendingMigrations, updateSchema } from '../src/services/migrations.ts';
import { databaseFromEnv } from './lib/database.ts';

/**
 * npm run migrate [-- --status]
 * Applies the pending migrations (cypher/migrations) to the Neo4j at NEO4J_URI, then the constraints and indexes —
 * what the service does at start. Safe beside running replicas: they take turns through the migration lock.
 * --status only lists the applied and pending migrations. Exit codes: 0 done, 1 a migration failed or was refused
 * (the message says which and what to do), 2 usage or no NEO4J_URI.
 */
const { values } = parseArgs({ options: { status: { type: 'boolean', default: false } } });
const { config, database } = databaseFromEnv();
const db = database.scope('migrate');
try {
  if (values.status) {
    const pending = new Set((await pendingMigrations(db)).map((m) => m.id));
    for (const m of MIGRATIONS) console.log(`${pending.has(m.id) ? 'pending' : 'applied'}  ${migrationLabel(m)}`);
    console.log(`${MIGRATIONS.length - pending.size} applied, ${pending.size} pending`);
  } else {
    const { applied, alreadyApplied } = await updateSchema(db, {
      lockTimeoutMs: config.migrations.lockTimeoutMs,
      log: (message, fields) => console.log(fields ? `${message} ${JSON.stringify(fields)}` : message),
    });
    console.log(
      `${applied.length} migration(s) applied, ${alreadyApplied} already applied; constraints and indexes in place`,
    );
  }
} catch (error) {
  if (!(error instanceof MigrationError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
