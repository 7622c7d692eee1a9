import { afterAll, describe, expect, it } from 'vitest';
import { pendingSchema, SCHEMA_STATEMENTS, schemaRepository } from '../src/repositories/schema.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, updateSchema } from '../src/services/migrations.ts';
import { testApp } from './helpers/app.ts';

/**
 * A start runs only the schema statements that would change something (src/repositories/schema.ts pendingSchema):
 * none on a graph that has every index and constraint, exactly the missing ones otherwise, and the graph ends the
 * same either way.
 */
const { database } = testApp();
const db = database.scope('test-schema-startup');
const repo = schemaRepository(db);
afterAll(() => database.close());

async function cypher(text: string) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    return (await session.run(text)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

/** Every index and constraint by name, type and what it covers, read without the code under test. */
async function schemaRules() {
  const indexes = await cypher(
    'SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state RETURN name, type, labelsOrTypes, properties, state ORDER BY name',
  );
  const constraints = await cypher(
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties ORDER BY name',
  );
  return { indexes, constraints };
}

describe('schema statements at start', () => {
  it('drops an index only when it exists, and waits only for an index that is not online', async () => {
    const names = new Set((await repo.state()).names);
    const first = (state: { names: Set<string>; allOnline: boolean }) =>
      pendingSchema(SCHEMA_STATEMENTS, state).map((s) => s.text.split('\n')[0]);
    // An older graph still has the plain index the source_url_unique constraint replaced (cypher/schema/constraints).
    expect(first({ names: new Set([...names, 'source_url']), allOnline: true })).toEqual([
      'DROP INDEX source_url IF EXISTS',
    ]);
    expect(first({ names, allOnline: false })).toEqual(['CALL db.awaitIndexes(300)']);
  });

  it('runs none on a graph that has them all', async () => {
    await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
    expect(pendingSchema(SCHEMA_STATEMENTS, await repo.state())).toEqual([]);
  });

  it('runs exactly the missing ones (and waits for the new index), leaving the graph as a full run does', async () => {
    await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
    const complete = await schemaRules();
    await cypher('DROP INDEX entity_name');
    await cypher('DROP CONSTRAINT rule_key');

    const pending = pendingSchema(SCHEMA_STATEMENTS, await repo.state()).map((s) => s.text.split('\n')[0]);
    expect(pending).toEqual([
      'CREATE CONSTRAINT rule_key IF NOT EXISTS FOR (r:Rule) REQUIRE r.key IS UNIQUE',
      'CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name, e.key)',
      'CALL db.awaitIndexes(300)',
    ]);

    await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
    expect(await schemaRules()).toEqual(complete);
    expect(await repo.ready()).toBe(true);
  });
});
