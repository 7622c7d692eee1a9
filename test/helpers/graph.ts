import type { Database } from '../../src/db/database.ts';
import { applySchemaAndSeed } from '../../src/services/seed.ts';

/**
 * Test-only Cypher (never shipped in cypher/): empties the graph in batches and drops the full-text index, whose
 * Lucene statistics would otherwise still count deleted nodes and shift search scores from one file to the next.
 */
const EMPTY_GRAPH = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS';
const DROP_SEARCH_INDEX = 'DROP INDEX search_text IF EXISTS';

/**
 * Puts the graph into the state every test file starts from: constraints, indexes and the seed article, nothing
 * else. Deletes everything in the database it is given.
 */
export async function resetToSeed(database: Database) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    await session.run(EMPTY_GRAPH);
    await session.run(DROP_SEARCH_INDEX);
  } finally {
    await session.close();
  }
  await applySchemaAndSeed(database.scope('test-reset'));
}
