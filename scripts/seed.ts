import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { applySchemaAndSeed } from '../src/services/seed.ts';

/** npm run db:seed — constraints, indexes and the seed article into the Neo4j that NEO4J_URI names. */
const config = loadConfig();
if (!config.neo4j.uri) {
  console.error('NEO4J_URI is not set. Start one with `npm run neo4j:start` and export the URI it prints.');
  process.exit(2);
}
const database = new Database({ ...config.neo4j, uri: config.neo4j.uri });
try {
  const { counts, lines } = await applySchemaAndSeed(database.scope('db:seed'));
  console.log(`seed applied: ${lines} lines`, counts);
} finally {
  await database.close();
}
