import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { RedisCounterStore } from '../src/server/rate-limit-redis.ts';
import { type CounterStore, MemoryCounterStore } from '../src/server/rate-limit-store.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';
import { startRedis, type TestRedis } from './helpers/redis.ts';

/** Per-client budgets (requests and query cost per window), 429 with Retry-After, counters per process or in Redis. */
const GREEDY = 'greedy-token-0123456789';
const POLITE = 'polite-token-abcdefghij';
const API_TOKENS = [tokenConfigLine('greedy', ['read'], GREEDY), tokenConfigLine('polite', ['read'], POLITE)].join(',');
const QUERY = '{ companies(first: 2) { nodes { key name } } }';
/** An hour: the load below stays in one window unless it happens to straddle the top of an hour (checked). */
const WINDOW_SECONDS = 3600;

const { database } = testApp();
const silent = createLogger('silent');
let redis: TestRedis;
const servers: Server[] = [];
const stores: CounterStore[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
  await database.close();
});

/** One replica of the service, on its own HTTP port, with these settings and counters. */
async function replica(env: Record<string, string>, counters: CounterStore) {
  stores.push(counters);
  const config = loadConfig({ API_TOKENS, RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS), ...env });
  const yoga = buildYoga({
    database,
    logger: silent,
    limits: config.limits,
    auth: config.auth,
    apps: config.apps,
    counters,
  });
  const server = createServer(yoga);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function ask(url: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const windowOf = (ms: number) => Math.floor(ms / (WINDOW_SECONDS * 1000));

describe('a token over its request budget, two replicas sharing Redis', () => {
  it('answers its excess 429 with Retry-After while another token stays served', async () => {
    const env = { RATE_LIMIT_TOKEN_REQUESTS: '40', REDIS_URL: redis.url };
    const urls = [
      await replica(env, new RedisCounterStore(redis.url, silent)),
      await replica(env, new RedisCounterStore(redis.url, silent)),
    ];
    const greedy: Answer[] = [];
    const polite: Answer[] = [];
    const started = Date.now();
    // 10 rounds: the greedy token fires 16 requests at once (8 per replica), the polite one asks once.
    for (let round = 0; round < 10; round++) {
      const burst = Array.from({ length: 16 }, (_, i) => ask(urls[i % 2]!, QUERY, bearer(GREEDY)));
      const [answers, own] = await Promise.all([Promise.all(burst), ask(urls[round % 2]!, QUERY, bearer(POLITE))]);
      greedy.push(...answers);
      polite.push(own);
    }
    const ended = Date.now();
    const served = greedy.filter((a) => a.status === 200);
    const refused = greedy.filter((a) => a.status === 429);
    const windows = windowOf(ended) - windowOf(started) + 1;
    console.log(
      `[rate limits] greedy token: ${greedy.length} requests, ${served.length} served, ${refused.length} × 429 ` +
        `(Retry-After ${Math.min(...refused.map((a) => Number(a.headers.get('retry-after'))))}–` +
        `${Math.max(...refused.map((a) => Number(a.headers.get('retry-after'))))} s); polite token: ` +
        `${polite.filter((a) => a.status === 200).length} of ${polite.length} served; two replicas, one Redis, ` +
        `${ended - started} ms`,
    );
    expect(served.length + refused.length).toBe(160);
    // Exactly the budget across both replicas: the check-and-count is one atomic step in Redis.
    if (windows === 1) expect(served.length).toBe(40);
    else expect(served.length).toBeLessThanOrEqual(40 * windows);
    for (const answer of served) expect(answer.body.errors).toBeUndefined();
    for (const answer of refused) {
      expect(answer.body).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^Rate limit: this client's requests budget of 40 per 3600 s is spent/),
            extensions: { code: 'RATE_LIMITED', limit: 'requests', retryAfterSeconds: expect.any(Number) },
          },
        ],
      });
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
      expect(answer.headers.get('ratelimit-limit')).toBe('40');
      expect(answer.headers.get('ratelimit-remaining')).toBe('0');
      expect(answer.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    }
    // The polite token is its own client: every request served, its remaining budget counting down from 39.
    expect(polite.map((a) => a.status)).toEqual(Array(10).fill(200));
    if (windows === 1) {
      expect(polite.map((a) => Number(a.headers.get('ratelimit-remaining')))).toEqual([
        39, 38, 37, 36, 35, 34, 33, 32, 31, 30,
      ]);
    }
  });
});

describe('counters per process without Redis', () => {
  it('give each replica its own budget', async () => {
    const env = { RATE_LIMIT_TOKEN_REQUESTS: '3' };
    const a = await replica(env, new MemoryCounterStore());
    const b = await replica(env, new MemoryCounterStore());
    const statuses = [];
    for (const url of [a, a, a, a, b, b, b, b]) statuses.push((await ask(url, QUERY, bearer(GREEDY))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 200, 200, 200, 429]);
  });
});

describe('a query-cost budget', () => {
  it('counts each operation at its cost, refuses one that no longer fits, and still runs a cheaper one', async () => {
    const env = { MAX_QUERY_COST: '1000', RATE_LIMIT_TOKEN_COST: '1000' };
    const url = await replica(env, new MemoryCounterStore());
    const big = '{ companies(first: 100) { nodes { key name } } }';
    const small = '{ companies(first: 1) { nodes { key } } }';
    // What an operation costs is query-cost.ts's business (it may use the graph's size): read it off the budget.
    const remainingOf = (answer: Answer) => Number(answer.headers.get('ratelimit-cost-remaining'));
    let remaining = 1000;
    let answer = await ask(url, big, bearer(GREEDY));
    let served = 0;
    while (answer.status === 200 && served < 1000) {
      served++;
      expect(answer.headers.get('ratelimit-cost-limit')).toBe('1000');
      expect(remainingOf(answer)).toBeLessThan(remaining);
      remaining = remainingOf(answer);
      answer = await ask(url, big, bearer(GREEDY));
    }
    console.log(`[rate limits] cost budget 1000: ${served} × "${big}" served, then 429; ${remaining} left`);
    expect(served).toBeGreaterThan(1);
    expect(answer.status).toBe(429);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      limit: 'query cost',
      retryAfterSeconds: Number(answer.headers.get('retry-after')),
      cost: expect.any(Number),
    });
    // Refused because it did not fit what was left; the refusal spent nothing.
    expect(answer.body.errors[0].extensions.cost).toBeGreaterThan(remaining);
    expect(remainingOf(answer)).toBe(remaining);
    // The rest still buys a cheaper operation when it fits, and is refused (spending nothing) when it does not.
    const cheaper = await ask(url, small, bearer(GREEDY));
    if (cheaper.status === 200) expect(remainingOf(cheaper)).toBeLessThan(remaining);
    else expect(cheaper.body.errors[0].extensions.cost).toBeGreaterThan(remaining);
    expect((await ask(url, big, bearer(POLITE))).status).toBe(200);
  });
});

describe('anonymous clients', () => {
  it('are counted per address: the connection, or the last entry of CLIENT_IP_HEADER', async () => {
    const bySocket = await replica({ RATE_LIMIT_ANONYMOUS_REQUESTS: '2' }, new MemoryCounterStore());
    expect([(await ask(bySocket, QUERY)).status, (await ask(bySocket, QUERY)).status]).toEqual([200, 200]);
    expect((await ask(bySocket, QUERY)).status).toBe(429);
    // A token is not an anonymous client: its own budget (off here) applies.
    expect((await ask(bySocket, QUERY, bearer(POLITE))).status).toBe(200);

    const env = { RATE_LIMIT_ANONYMOUS_REQUESTS: '2', CLIENT_IP_HEADER: 'X-Forwarded-For' };
    const proxied = await replica(env, new MemoryCounterStore());
    const from = (chain: string) => ask(proxied, QUERY, { 'x-forwarded-for': chain });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    expect((await from('203.0.113.8')).status).toBe(200);
  });
});

describe('when Redis is away', () => {
  it('serves requests uncounted and logs a warning, instead of failing the API', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'warn',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const unreachable = `redis://127.0.0.1:${await freePort()}`;
    const url = await replica({ RATE_LIMIT_TOKEN_REQUESTS: '1' }, new RedisCounterStore(unreachable, logger));
    const answers = [await ask(url, QUERY, bearer(GREEDY)), await ask(url, QUERY, bearer(GREEDY))];
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.headers.get('ratelimit-remaining')).toBeNull();
    expect(lines.join('')).toContain('rate-limit counters unavailable (Redis): serving requests uncounted');
  });
});
