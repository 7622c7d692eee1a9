import type { Database } from '../../src/db/database.ts';
import { applySchemaAndSeed } from '../../src/services/seed.ts';

/**
 * Test-only Cypher (never shipped in cypher/): empties the graph in batches and drops the full-text indexes, whose
 * Lucene statistics would otherwise still count deleted nodes and shift search scores from one file to the next.
 */
const EMPTY_GRAPH = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS';
const DROP_SEARCH_INDEXES = ['search_text', 'search_en', 'snippet_en'].map((name) => `DROP INDEX ${name} IF EXISTS`);

/** An index on a label no node has: marks a database the tests may empty, without adding a node to any count. */
const MARKER = 'tests_may_empty_this_database';
const IS_MARKED = 'SHOW INDEXES YIELD name WHERE name = $name RETURN count(*) > 0 AS marked';
const HAS_NODES = 'MATCH (n) RETURN count(n) > 0 AS any LIMIT 1';
const MARK = `CREATE INDEX ${MARKER} IF NOT EXISTS FOR (n:TestsMayEmptyThisDatabase) ON (n.key)`;

/**
 * A database given through NEO4J_URI is emptied before every test file. Take it only when it is empty or was taken
 * by an earlier run (the marker); one holding data the tests did not write stops the run before anything is deleted.
 */
export async function claimForTests(database: Database, uri: string) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    const marked = (await session.run(IS_MARKED, { name: MARKER })).records[0]?.get('marked') === true;
    if (marked) return;
    const hasNodes = (await session.run(HAS_NODES)).records[0]?.get('any') === true;
    if (hasNodes)
      throw new Error(
        `NEO4J_URI (${uri}, database ${database.databaseName}) holds data the tests did not write, and the tests ` +
          'empty the database before every file. Point NEO4J_URI at a database you can lose, or empty this one ' +
          'first (MATCH (n) DETACH DELETE n); leave NEO4J_URI unset to get a fresh Neo4j.',
      );
    await session.run(MARK);
  } finally {
    await session.close();
  }
}

/** Deletes every node and relationship, keeping constraints and indexes: an import then rebuilds a graph. */
export async function emptyGraph(database: Database) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    await session.run(EMPTY_GRAPH);
  } finally {
    await session.close();
  }
}

/**
 * Puts the graph into the state every test file starts from: constraints, indexes and the seed article, nothing
 * else. Deletes everything in the database it is given.
 */
export async function resetToSeed(database: Database) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    await session.run(EMPTY_GRAPH);
    for (const drop of DROP_SEARCH_INDEXES) await session.run(drop);
  } finally {
    await session.close();
  }
  await applySchemaAndSeed(database.scope('test-reset'));
}
