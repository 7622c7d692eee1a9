import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';

/** Read-your-writes across replicas: a write answers with bookmarks, a later request sends them back. */
const WRITER = 'writer-token-for-ops-bookmarks';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
afterAll(() => database.close());

const KEY = `company:test-ops-bookmarks-${Date.now().toString(36)}`;

function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  return yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

describe('x-neo4j-bookmarks', () => {
  it('comes back from a write and makes a later read start after it', async () => {
    const written = await post(
      'mutation OpsBookmarkWrite($input: EntityInput!) { upsertEntity(input: $input) { __typename } }',
      { input: { key: KEY, kind: 'Company', name: 'Ops Bookmarks Test Co' } },
      { authorization: `Bearer ${WRITER}` },
    );
    expect((await written.json()).data.upsertEntity.__typename).toBe('MutationUpsertEntitySuccess');
    const bookmarks = written.headers.get('x-neo4j-bookmarks');
    expect(bookmarks).toMatch(/\S/);

    // A fresh driver stands in for another replica: it has never seen that write's bookmark.
    const other = testApp();
    try {
      const replica = buildYoga({ database: other.database, logger: createLogger('silent'), auth });
      const read = await replica.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-neo4j-bookmarks': bookmarks as string },
        body: JSON.stringify({
          query: 'query OpsBookmarkRead($key: String!) { entity(key: $key) { name } }',
          variables: { key: KEY },
        }),
      });
      const body = await read.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.entity.name).toBe('Ops Bookmarks Test Co');
      expect(read.headers.get('x-neo4j-bookmarks')).toBeNull(); // reads hand none out
    } finally {
      await other.database.close();
    }
  });

  it('reaches Neo4j: a malformed bookmark is a BAD_USER_INPUT error, not a crash', async () => {
    const read = await post(
      'query OpsBookmarkBad { system { version } }',
      {},
      { 'x-neo4j-bookmarks': 'not-a-bookmark' },
    );
    const body = await read.json();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
