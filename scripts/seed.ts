import { applySchemaAndSeed } from '../src/services/seed.ts';
import { databaseFromEnv } from './lib/database.ts';

/** npm run db:seed — migrations, constraints, indexes and the seed article into the Neo4j that NEO4J_URI names. */
const { config, database } = databaseFromEnv();
try {
  const { counts, lines } = await applySchemaAndSeed(database.scope('db:seed'), {
    lockTimeoutMs: config.migrations.lockTimeoutMs,
  });
  console.log(`seed applied: ${lines} lines`, counts);
} finally {
  await database.close();
}
