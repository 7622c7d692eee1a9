import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';
import { sleep } from './helpers/wait.ts';

/** Read-your-writes across replicas: a write answers with bookmarks, a later request sends them back. */
const WRITER = 'writer-token-for-ops-bookmarks';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
afterAll(() => database.close());

const KEY = `company:test-ops-bookmarks-${Date.now().toString(36)}`;

/**
 * Neo4j 5 bookmarks are `FB:` + base64 of PackStream: a one-item list marker, the database id (16 bytes) and the id
 * of the last committed transaction as an integer, then an empty list. Not a public format: decoding a real bookmark
 * and checking that consecutive writes count up by one (below) says whether it still holds.
 */
const TX_ID_AT = 19;
function decodeBookmark(bookmark: string) {
  const bytes = Buffer.from(bookmark.replace(/^FB:/, ''), 'base64');
  const marker = bytes[TX_ID_AT]!;
  const [txId, width] =
    marker < 0x80
      ? [marker, 1]
      : marker === 0xc9
        ? [bytes.readInt16BE(TX_ID_AT + 1), 3]
        : marker === 0xca
          ? [bytes.readInt32BE(TX_ID_AT + 1), 5]
          : [Number(bytes.readBigInt64BE(TX_ID_AT + 1)), 9];
  expect(bookmark.startsWith('FB:'), bookmark).toBe(true);
  expect(bytes.subarray(0, 3).toString('hex'), bookmark).toBe('91cc10');
  return { txId, head: bytes.subarray(0, TX_ID_AT), tail: bytes.subarray(TX_ID_AT + width) };
}
function encodeBookmark(like: string, txId: number) {
  const { head, tail } = decodeBookmark(like);
  const id =
    txId < 0x80
      ? Buffer.from([txId])
      : txId < 0x8000
        ? Buffer.from([0xc9, txId >> 8, txId & 0xff])
        : Buffer.concat([Buffer.from([0xca]), Buffer.from(new Uint32Array([txId]).buffer).reverse()]);
  return `FB:${Buffer.concat([head, id, tail]).toString('base64')}`;
}

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

  it('holds a read back until the database has reached the bookmark it carries', async () => {
    const upsert = (key: string) =>
      post(
        'mutation OpsBookmarkAhead($input: EntityInput!) { upsertEntity(input: $input) { __typename } }',
        { input: { key, kind: 'Company', name: `Ahead ${key}` } },
        { authorization: `Bearer ${WRITER}` },
      );
    const first = await upsert(`${KEY}-a`);
    const [bookmark] = (first.headers.get('x-neo4j-bookmarks') as string).split(',');
    const { txId } = decodeBookmark(bookmark!);
    // The bookmark of the next transaction, which nobody has committed yet: a lagging replica in miniature.
    const ahead = encodeBookmark(bookmark!, txId + 1);
    const other = testApp();
    try {
      const replica = buildYoga({ database: other.database, logger: createLogger('silent'), auth });
      const read = async (headers: Record<string, string>) =>
        (
          await replica.fetch('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({
              query: 'query OpsBookmarkAheadRead($key: String!) { entity(key: $key) { name } }',
              variables: { key: `${KEY}-b` },
            }),
          })
        ).json();
      let settled = false;
      const held = read({ 'x-neo4j-bookmarks': ahead }).finally(() => {
        settled = true;
      });
      // The same read without the bookmark, sent after it, answers at once: the entity does not exist yet.
      expect((await read({})).data).toEqual({ entity: null });
      await sleep(300);
      expect(settled, 'the read answered before the database reached its bookmark').toBe(false);
      // The next commit is the one the bookmark names, and the held read sees what it wrote.
      const second = await upsert(`${KEY}-b`);
      expect(decodeBookmark(second.headers.get('x-neo4j-bookmarks') as string).txId).toBe(txId + 1);
      expect(await held).toEqual({ data: { entity: { name: `Ahead ${KEY}-b` } }, extensions: expect.anything() });
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
