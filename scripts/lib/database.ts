import { type Config, loadConfig } from '../../src/config/index.ts';
import { Database } from '../../src/db/database.ts';

/** For the command-line tools: the Neo4j that NEO4J_URI names, or exit 2 saying how to get one. */
export function databaseFromEnv(): { config: Config; database: Database } {
  const config = loadConfig();
  if (!config.neo4j.uri) {
    console.error('NEO4J_URI is not set. Start one with `npm run neo4j:start` and export the URI it prints.');
    process.exit(2);
  }
  return { config, database: new Database({ ...config.neo4j, uri: config.neo4j.uri }) };
}
