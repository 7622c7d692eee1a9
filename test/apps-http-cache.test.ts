import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';

/** HTTP caching of GET reads: ETag from where the data stands, 304 on If-None-Match, never for writers. */
const READER = 'reader-token-for-cache-tests';
const WRITER = 'writer-token-for-cache-tests';
const API_TOKENS = [tokenConfigLine('reader', ['read'], READER), tokenConfigLine('writer', ['write'], WRITER)].join(
  ',',
);
const manifest: Record<string, string> = JSON.parse(
  readFileSync(new URL('../schema/trusted-documents.json', import.meta.url), 'utf8'),
);
const LIST_ID = Object.keys(manifest).find((id) => manifest[id]!.startsWith('query CompanyList('))!;
const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) {
  ... on MutationUpsertEntitySuccess { data { key } } ... on WriteRejected { code message } } }`;

const { database, neo4j } = testApp();
/** A second process's driver: another replica on the same Neo4j. */
const otherDatabase = new Database({ ...loadConfig().neo4j, ...neo4j });
afterAll(async () => {
  await database.close();
  await otherDatabase.close();
});

function replica(db: Database, env: Record<string, string> = {}) {
  const config = loadConfig({ API_TOKENS, ...env });
  return buildYoga({ database: db, logger: testApp().yoga.logger as never, auth: config.auth, apps: config.apps });
}
type Yoga = ReturnType<typeof buildYoga>;

const listUrl = (first: number) =>
  `http://localhost/graphql?${new URLSearchParams({
    variables: JSON.stringify({ first }),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: LIST_ID } }),
  })}`;

async function get(yoga: Yoga, url: string, headers: Record<string, string> = {}) {
  const response = await yoga.fetch(url, { headers: { accept: 'application/json', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

async function upsertCompany(yoga: Yoga, key: string, name: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITER}` },
    body: JSON.stringify({ query: UPSERT, variables: { input: { key, kind: 'Company', name } } }),
  });
  const body = (await response.json()) as any;
  expect(body.data.upsertEntity.data.key).toBe(key);
  return response;
}

describe('anonymous GET reads', () => {
  const yoga = replica(database);

  it('carry an ETag and answer 304 with no body while the data has not changed', async () => {
    const first = await get(yoga, listUrl(100));
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect(first.headers.get('vary')).toBe('Accept, Authorization');
    const again = await get(yoga, listUrl(100), { 'if-none-match': etag! });
    console.log(
      `[http cache] GET CompanyList → 200 ETag ${etag} (${first.text.length} bytes); again with If-None-Match → ` +
        `${again.status}, ${again.text.length} bytes`,
    );
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, no-cache');
  });

  it('give another request another ETag, and a stale If-None-Match the full answer', async () => {
    const two = await get(yoga, listUrl(2));
    const hundred = await get(yoga, listUrl(100));
    expect(two.headers.get('etag')).not.toBe(hundred.headers.get('etag'));
    const crossed = await get(yoga, listUrl(2), { 'if-none-match': hundred.headers.get('etag')! });
    expect(crossed.status).toBe(200);
    expect(crossed.body.data.companies.nodes).toHaveLength(2);
  });

  it('change ETag after a write through another replica, and then show the write', async () => {
    const other = replica(otherDatabase);
    const before = await get(yoga, listUrl(100));
    expect(before.body.data.companies.nodes.map((c: { key: string }) => c.key)).not.toContain('company:cache-test');
    // Both replicas name the same state the same way.
    expect((await get(other, listUrl(100))).headers.get('etag')).toBe(before.headers.get('etag'));
    await upsertCompany(other, 'company:cache-test', 'Cache Test Co');
    const after = await get(yoga, listUrl(100), { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(after.body.data.companies.nodes.map((c: { key: string }) => c.key)).toContain('company:cache-test');
    expect((await get(yoga, listUrl(100), { 'if-none-match': after.headers.get('etag')! })).status).toBe(304);
  });

  it('change ETag after a write that bypassed the API (a script on the database)', async () => {
    const before = await get(yoga, listUrl(100));
    const session = database.driver.session({ database: neo4j.database });
    await session.executeWrite((tx) =>
      tx.run("MATCH (e:Entity {key: 'company:cache-test'}) SET e.description = 'changed by a script'"),
    );
    await session.close();
    const after = await get(yoga, listUrl(100), { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
  });

  it('also work for a document sent in the URL, but never for a mutation, a POST or an answer with errors', async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent('{ companies(first: 1) { nodes { key } } }')}`;
    const byText = await get(yoga, url);
    expect(byText.status).toBe(200);
    expect(byText.headers.get('etag')).toMatch(/^W\//);
    const mutation = `http://localhost/graphql?query=${encodeURIComponent(
      'mutation { upsertEntity(input: { key: "company:x", kind: Company, name: "x" }) { __typename } }',
    )}`;
    const refused = await get(yoga, mutation, { authorization: `Bearer ${READER}`, 'if-none-match': '*' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('etag')).toBeNull();
    const post = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ companies(first: 1) { nodes { key } } }' }),
    });
    expect(post.headers.get('etag')).toBeNull();
    const notFound = await get(
      yoga,
      `http://localhost/graphql?query=${encodeURIComponent('{ paths(from: "company:nope", to: "company:nvidia") { length } }')}`,
    );
    expect(notFound.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(notFound.headers.get('etag')).toBeNull();
    expect(notFound.headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET reads with a token', () => {
  const yoga = replica(database);

  it('are private for a read token', async () => {
    const answer = await get(yoga, listUrl(3), { authorization: `Bearer ${READER}` });
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
    const again = await get(yoga, listUrl(3), {
      authorization: `Bearer ${READER}`,
      'if-none-match': answer.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
  });

  it('are never cached nor answered 304 for a token with the write scope', async () => {
    const anonymous = await get(yoga, listUrl(3));
    const writer = await get(yoga, listUrl(3), {
      authorization: `Bearer ${WRITER}`,
      'if-none-match': anonymous.headers.get('etag')!,
    });
    expect(writer.status).toBe(200);
    expect(writer.headers.get('etag')).toBeNull();
    expect(writer.headers.get('cache-control')).toBe('no-store');
    expect(writer.body.data).toEqual(anonymous.body.data);
  });
});

describe('settings', () => {
  it('HTTP_CACHE_MAX_AGE_SECONDS sets max-age; HTTP_CACHE=false sends no validator', async () => {
    const aged = await get(replica(database, { HTTP_CACHE_MAX_AGE_SECONDS: '30' }), listUrl(3));
    expect(aged.headers.get('cache-control')).toBe('public, max-age=30');
    const off = await get(replica(database, { HTTP_CACHE: 'false' }), listUrl(3), { 'if-none-match': '*' });
    expect(off.status).toBe(200);
    expect(off.headers.get('etag')).toBeNull();
  });
});
