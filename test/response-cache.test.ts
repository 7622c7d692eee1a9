import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { gql, neo4jEnv } from './helpers/app.ts';
import { sleep } from './helpers/wait.ts';

/**
 * RESPONSE_CACHE (src/server/response-cache.ts) through the real composition root, two instances on one Neo4j as two
 * replicas would be. A hit runs no Cypher, so `extensions.cypher.statements` says whether an answer came from the cache.
 */
const READER = 'reader-token-for-response-cache-tests';
const RESEARCHER = 'research-token-for-response-cache-tests';
const WRITER = 'writer-token-for-response-cache-tests';
const env = {
  ...neo4jEnv(),
  LOG_LEVEL: 'silent',
  SEED_ON_START: 'false',
  SUBSCRIPTION_POLL_INTERVAL_MS: '50',
  API_TOKENS: [
    tokenConfigLine('rc-reader', ['read'], READER),
    tokenConfigLine('rc-researcher', ['read', 'research'], RESEARCHER),
    tokenConfigLine('rc-writer', ['write'], WRITER),
  ].join(','),
};
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const apps: Awaited<ReturnType<typeof createApp>>[] = [];
async function instance(extra: Record<string, string> = { RESPONSE_CACHE: 'true' }) {
  const app = await createApp(loadConfig({ ...env, ...extra }));
  apps.push(app);
  return app;
}
afterAll(async () => {
  for (const app of apps) await app.close();
});

type App = Awaited<ReturnType<typeof instance>>;
/** Two replicas with the cache on. */
let a: App;
let b: App;
beforeAll(async () => {
  a = await instance();
  b = await instance();
});
const NAME = 'query Name($key: String!) { entity(key: $key) { key name } }';

async function ask(app: App, key: string, headers: Record<string, string> = {}) {
  const res = await gql(app.yoga, NAME, { key }, headers);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { data: res.data, statements: res.extensions?.cypher?.statements };
}

/**
 * Reads until an answer comes from the cache (at most 20 tries): the cache stands aside whenever the change-log tailer
 * is late (a loaded machine), so the first repeat is not always a hit — but a hit must come, and equal `expected`.
 */
async function untilHit(app: App, key: string, expected: unknown, headers: Record<string, string> = {}) {
  for (let i = 0; i < 20; i++) {
    const answer = await ask(app, key, headers);
    expect(answer.data).toEqual(expected);
    if (answer.statements === 0) return;
    await sleep(100);
  }
  throw new Error(`no answer for ${key} came from the cache`);
}

async function rename(app: App, key: string, name: string) {
  const res = await gql(
    app.yoga,
    `mutation($key: String!, $name: String!) { updateEntity(key: $key, changes: { name: $name }, reason: "response cache test") {
      __typename } }`,
    { key, name },
    bearer(WRITER),
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect((res.data as { updateEntity: { __typename: string } }).updateEntity.__typename).toBe(
    'MutationUpdateEntitySuccess',
  );
}

describe('response cache (RESPONSE_CACHE)', () => {
  it('is off by default: the same query runs its Cypher every time', async () => {
    expect(loadConfig({}).apps.responseCache.enabled).toBe(false);
    const app = await instance({});
    expect(app.responseCache).toBeUndefined();
    const first = await ask(app, 'company:tencent');
    const second = await ask(app, 'company:tencent');
    expect(second.data).toEqual({ entity: { key: 'company:tencent', name: 'Tencent' } });
    expect(first.statements).toBeGreaterThan(0);
    expect(second.statements).toBe(first.statements);
  });

  it('answers a repeated read from the cache, with the same answer and a request id of its own', async () => {
    const app = a;
    const expected = { entity: { key: 'company:tencent', name: 'Tencent' } };
    const first = await gql(app.yoga, NAME, { key: 'company:tencent' });
    expect(first.data).toEqual(expected);
    expect(first.extensions?.cypher?.statements).toBeGreaterThan(0);
    await untilHit(app, 'company:tencent', expected);
    const hit = await gql(app.yoga, NAME, { key: 'company:tencent' });
    expect(hit.data).toEqual(expected);
    expect(hit.extensions?.requestId).not.toBe(first.extensions?.requestId);
    // Other variables are another entry.
    const other = await ask(app, 'company:baidu');
    expect(other.data).toEqual({ entity: { key: 'company:baidu', name: 'Baidu' } });
    expect(other.statements).toBeGreaterThan(0);
  });

  it('keeps anonymous callers and each scope set apart, and never caches for the write scope or with bookmarks', async () => {
    const app = a;
    const written = await app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(WRITER) },
      body: JSON.stringify({
        query:
          'mutation { upsertEntity(input: { key: "company:response-cache-test", kind: Company, name: "RC Test" }) { __typename } }',
      }),
    });
    const bookmarks = written.headers.get('x-neo4j-bookmarks');
    expect(bookmarks).toBeTruthy();
    const key = 'company:bytedance';
    const expected = { entity: { key, name: 'ByteDance' } };
    for (const headers of [{}, bearer(READER), bearer(RESEARCHER)]) {
      const first = await ask(app, key, headers);
      expect(first.data).toEqual(expected);
      expect(first.statements, `first read with ${JSON.stringify(headers)}`).toBeGreaterThan(0);
      await untilHit(app, key, expected, headers);
    }
    for (const headers of [bearer(WRITER), { 'x-neo4j-bookmarks': bookmarks ?? '' }]) {
      for (let i = 0; i < 3; i++) {
        const again = await ask(app, key, headers);
        expect(again.data).toEqual(expected);
        expect(again.statements, JSON.stringify(headers)).toBeGreaterThan(0);
      }
    }
  });

  it('never caches an answer with errors, nor a mutation', async () => {
    const app = a;
    // The unknown metric is found out by reading the graph's metrics: an error after Cypher ran, beside a good answer.
    const partial = `{ ok: entity(key: "company:baidu") { name } bad: metricByCompany(metric: "no such metric") { limit } }`;
    for (let i = 0; i < 2; i++) {
      const res = await gql(app.yoga, partial);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.extensions?.cypher?.statements, `attempt ${i + 1}`).toBeGreaterThan(0);
    }
    const upsert = `mutation { upsertEntity(input: { key: "company:response-cache-test", kind: Company, name: "RC Test" }) {
      __typename } }`;
    for (let i = 0; i < 2; i++) {
      const res = await gql(app.yoga, upsert, {}, bearer(WRITER));
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.cypher?.statements, `mutation ${i + 1}`).toBeGreaterThan(0);
    }
  });

  it('answers the new value right after a write through the same instance, and through another one within its bound', async () => {
    const key = 'company:baidu';
    for (const app of [a, b]) await untilHit(app, key, { entity: { key, name: 'Baidu' } });
    await rename(a, key, 'Baidu (cache test)');
    // Same instance: the mutation moved the generation before its answer was sent.
    const own = await ask(a, key);
    expect(own.data).toEqual({ entity: { key, name: 'Baidu (cache test)' } });
    expect(own.statements).toBeGreaterThan(0);
    // Another instance: once its documented bound has passed, whether its tailer read the change or not.
    const bound = b.responseCache?.staleAfterMs;
    expect(bound).toBe(1_000);
    await sleep((bound ?? 0) + 50);
    expect((await ask(b, key)).data).toEqual({ entity: { key, name: 'Baidu (cache test)' } });
    // And it caches again, at the new value.
    await untilHit(b, key, { entity: { key, name: 'Baidu (cache test)' } });
    await rename(b, key, 'Baidu');
    await sleep(bound ?? 0);
    expect((await ask(a, key)).data).toEqual({ entity: { key, name: 'Baidu' } });
  });

  it('empties when the change-log tailer reads a change, with no subscriber listening', async () => {
    const key = 'company:tencent';
    await untilHit(b, key, { entity: { key, name: 'Tencent' } });
    expect(b.live.size).toBe(0);
    const held = b.responseCache?.size ?? 0;
    expect(held).toBeGreaterThan(0);
    await rename(a, key, 'Tencent (cache test)');
    for (let i = 0; i < 400 && (b.responseCache?.size ?? 0) > 0; i++) await sleep(25);
    expect(b.responseCache?.size).toBe(0);
    expect((await ask(b, key)).data).toEqual({ entity: { key, name: 'Tencent (cache test)' } });
    await rename(a, key, 'Tencent');
  });
});
