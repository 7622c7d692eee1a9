import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql } from './helpers/app.ts';

/**
 * Issue 13, many clients at once: parallel distinct writes all succeed while a reader keeps answering; one key
 * written 50 times gives one success and 49 CONFLICTs; 50 identical keyless calls store one fact; parallel
 * re-kinding ends with one kind; a saturated write budget or pool answers BUSY (429, Retry-After), never
 * DATABASE_UNAVAILABLE, and leaves the circuit breaker closed. Latencies are printed, never asserted.
 */
const WRITER = 'writer-token-for-write-concurrency-tests';
const neo4j = inject('neo4j');
// The default write budget, with a queue bound long enough for a slow, shared machine: the bound itself is tested
// below with a tiny budget; here every write must get through.
const database = new Database({ ...loadConfig().neo4j, ...neo4j, writeQueueTimeoutMs: 120_000 });
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const state = graphStateRepository(database.scope('test-write-concurrency'));
const asWriter = { authorization: `Bearer ${WRITER}` };
const MARKER = 'wtest-con-';

beforeAll(() => state.deleteKeyspace(MARKER));
afterAll(async () => {
  await state.deleteKeyspace(MARKER);
  await database.close();
});

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on MutationAddAssertionSuccess { data { key } }
    ... on WriteRejected { code message } } }`;
const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename
  ... on MutationUpsertEntitySuccess { data { key kind } } ... on WriteRejected { code message } } }`;
const READ = '{ entity(key: "company:alibaba") { name } }';

type Outcome = { ok: boolean; code: string; key?: string };

/** What one addAssertion answered: success, a typed rejection, or a top-level error code. */
function outcome(res: Awaited<ReturnType<typeof gql<Record<string, any>>>>): Outcome {
  const result = res.data?.addAssertion ?? res.data?.upsertEntity;
  if (result?.__typename?.endsWith('Success')) return { ok: true, code: 'OK', key: result.data.key };
  return { ok: false, code: result?.code ?? res.errors?.[0]?.extensions?.code ?? 'NONE' };
}

function tally(outcomes: Outcome[]) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.code] = (counts[o.code] ?? 0) + 1;
  return counts;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

/** Reads one after another until `stop()` says so; returns each read's latency in ms. */
function reader() {
  let running = true;
  const latencies: number[] = [];
  const errors: string[] = [];
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await gql(yoga, READ);
      latencies.push(performance.now() - started);
      if (res.errors?.length || res.data?.entity?.name !== 'Alibaba Group')
        errors.push(res.errors?.[0]?.extensions?.code ?? 'WRONG');
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      return { reads: latencies.length, errors, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    },
  };
}

const claim = (key: string | null, subject: string, summary: string) => ({
  ...(key ? { key } : {}),
  kind: 'Claim',
  summary,
  mode: 'reported',
  roles: { subject: [subject] },
  text: 'a paraphrase for the write-concurrency tests',
});
const support = (url: string) => ({ source: { title: `Wtest source ${url}`, url }, snippet: 'a verbatim snippet' });
const add = (variables: Record<string, unknown>) => gql(yoga, ADD, variables, asWriter).then(outcome);

async function countWhere(cypher: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await database.driver.executeQuery(cypher, params);
  return Number(records[0]?.get('n'));
}

describe('many writers at once', () => {
  it('50 parallel addAssertion with distinct keys, entities and sources: 50 successes, the reader keeps answering', async () => {
    for (let i = 0; i < 5; i++) await gql(yoga, READ); // warm: the first reads plan and compile
    const idle = reader();
    await new Promise((ok) => setTimeout(ok, 2_000));
    const before = await idle.stop();

    const during = reader();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        add({
          assertion: claim(`fact:${MARKER}distinct-${i}`, `company:${MARKER}distinct-${i}`, `Wtest distinct ${i}`),
          sources: [support(`https://example.test/${MARKER}distinct-${i}`)],
          newEntities: [{ key: `company:${MARKER}distinct-${i}`, kind: 'Company', name: `Wtest Distinct ${i}` }],
        }),
      ),
    );
    const busy = await during.stop();
    console.log(
      `[write-concurrency] 50 distinct writes: ${JSON.stringify(tally(outcomes))}; reader before: ${before.reads} reads ` +
        `p50 ${before.p50.toFixed(1)} ms p99 ${before.p99.toFixed(1)} ms; during: ${busy.reads} reads ` +
        `p50 ${busy.p50.toFixed(1)} ms p99 ${busy.p99.toFixed(1)} ms, errors ${JSON.stringify(busy.errors)}`,
    );
    expect(tally(outcomes)).toEqual({ OK: 50 });
    expect(busy.errors).toEqual([]);
    expect(busy.reads).toBeGreaterThan(0);
    expect(
      await countWhere('MATCH (a:Assertion) WHERE a.key STARTS WITH $prefix RETURN count(a) AS n', {
        prefix: `fact:${MARKER}distinct-`,
      }),
    ).toBe(50);
  });

  it('one key written 50 times at once: exactly one success and 49 CONFLICT', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        add({
          assertion: claim(`fact:${MARKER}same-key`, 'company:baidu', `Wtest same key, writer ${i}`),
          sources: [support(`https://example.test/${MARKER}same-key-${i}`)],
        }),
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 1, CONFLICT: 49 });
    const winner = outcomes.findIndex((o) => o.ok);
    const { records } = await database.driver.executeQuery(
      'MATCH (a:Assertion {key: $key})-[:SUPPORTED_BY]->(s:Source) RETURN a.summary AS summary, collect(s.url) AS urls',
      { key: `fact:${MARKER}same-key` },
    );
    // The stored fact is the winner's, whole: no loser's summary or source was merged into it.
    expect(records.map((r) => [r.get('summary'), r.get('urls')])).toEqual([
      [`Wtest same key, writer ${winner}`, [`https://example.test/${MARKER}same-key-${winner}`]],
    ]);
  });

  it('50 identical keyless calls at once store one fact and all answer it', async () => {
    const variables = {
      assertion: claim(null, 'company:baidu', 'Wtest keyless, fifty times'),
      sources: [support(`https://example.test/${MARKER}keyless-50`)],
    };
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => add(variables)));
    expect(tally(outcomes)).toEqual({ OK: 50 });
    expect(new Set(outcomes.map((o) => o.key)).size).toBe(1);
    expect(
      await countWhere('MATCH (a:Assertion {summary: $summary}) RETURN count(a) AS n', {
        summary: 'Wtest keyless, fifty times',
      }),
    ).toBe(1);
  });

  it('20 parallel upserts alternating Company and Person on one key end with one kind and one kind label', async () => {
    const key = `company:${MARKER}flip`;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gql(yoga, UPSERT, { input: { key, kind: i % 2 ? 'Person' : 'Company', name: 'Wtest Flip' } }, asWriter).then(
          (res) => ({ ...outcome(res), kind: res.data?.upsertEntity?.data?.kind as string | undefined }),
        ),
      ),
    );
    const kinds = new Set(outcomes.filter((o) => o.ok).map((o) => o.kind));
    expect(kinds.size).toBe(1);
    const [kind] = [...kinds];
    expect(tally(outcomes)).toEqual({ OK: 10, CONFLICT: 10 });
    const { records } = await database.driver.executeQuery(
      'MATCH (e:Entity {key: $key}) RETURN e.kind AS kind, labels(e) AS labels',
      { key },
    );
    expect(records.map((r) => [r.get('kind'), [...r.get('labels')].sort()])).toEqual([[kind, [kind, 'Entity'].sort()]]);
  });
});

describe('saturation answers BUSY, not DATABASE_UNAVAILABLE', () => {
  /** A second Database on the same Neo4j with a tiny write budget or pool, so saturation is deterministic. */
  const small = (over: { maxPoolSize: number; maxConcurrentWrites: number; timeoutMs: number }) =>
    new Database({
      ...loadConfig().neo4j,
      ...neo4j,
      maxPoolSize: over.maxPoolSize,
      maxConcurrentWrites: over.maxConcurrentWrites,
      writeQueueTimeoutMs: over.timeoutMs,
      acquisitionTimeoutMs: over.timeoutMs,
      healthIntervalMs: 100,
    });

  /** Holds a write lock on an entity from outside the service until `release()`. */
  async function lockEntity(key: string) {
    const session = database.driver.session({ database: neo4j.database });
    const tx = session.beginTransaction();
    await tx.run('MATCH (e:Entity {key: $key}) SET e.lockedByTest = true', { key });
    return {
      async release() {
        await tx.rollback();
        await session.close();
      },
    };
  }

  it('a write that waits for a write slot past the bound answers BUSY with HTTP 429 and Retry-After', async () => {
    const key = `company:${MARKER}busy`;
    await gql(yoga, UPSERT, { input: { key, kind: 'Company', name: 'Wtest Busy' } }, asWriter);
    // A queue bound long enough to read /metrics while the second write waits, on a slow machine too.
    const db = small({ maxPoolSize: 4, maxConcurrentWrites: 1, timeoutMs: 5_000 });
    const busyYoga = buildYoga({ database: db, logger: createLogger('silent'), auth });
    const lock = await lockEntity(key);
    try {
      // The first write takes the only slot and waits on the lock; the second waits for the slot and gives up.
      const holder = gql(busyYoga, UPSERT, { input: { key, kind: 'Company', name: 'Wtest Busy' } }, asWriter);
      while (db.writeGate.inUse === 0) await new Promise((ok) => setTimeout(ok, 10));
      const waiting = busyYoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...asWriter },
        body: JSON.stringify({
          query: UPSERT,
          variables: { input: { key: `company:${MARKER}busy-2`, kind: 'Company', name: 'Wtest Busy 2' } },
        }),
      });
      while (db.writeGate.waiting === 0) await new Promise((ok) => setTimeout(ok, 10));
      const metrics = await (await busyYoga.fetch('http://localhost/metrics')).text();
      expect(metrics).toContain('neo4j_write_transactions{state="in_use"} 1');
      expect(metrics).toContain('neo4j_write_transactions{state="max"} 1');
      expect(metrics).toContain('neo4j_write_queue_waiting 1');
      const response = await waiting;
      const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BUSY', retryAfterSeconds: 1 });
      await lock.release();
      expect(outcome(await holder)).toMatchObject({ ok: true });
      expect(db.availability.isUp).toBe(true);
      expect(
        await countWhere('MATCH (e:Entity {key: $key}) RETURN count(e) AS n', { key: `company:${MARKER}busy-2` }),
      ).toBe(0);
    } finally {
      await lock.release().catch(() => {});
      await db.close();
    }
  });

  it('a read that finds no free pooled connection answers BUSY and does not open the circuit breaker', async () => {
    const db = small({ maxPoolSize: 1, maxConcurrentWrites: 1, timeoutMs: 300 });
    const busyYoga = buildYoga({ database: db, logger: createLogger('silent'), auth });
    // Take the pool's only connection and keep it.
    const session = db.openSession('READ');
    const tx = session.beginTransaction();
    await tx.run('RETURN 1');
    try {
      const response = await busyYoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: READ }),
      });
      const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BUSY', retryAfterSeconds: 1 });
      expect(response.status).toBe(429);
      // The probe runs on its own connection: several probe intervals later the breaker is still closed.
      await db.availability.check();
      expect(db.availability.isUp).toBe(true);
    } finally {
      await tx.rollback();
      await session.close();
      await db.close();
    }
    expect((await gql(yoga, READ)).data?.entity?.name).toBe('Alibaba Group');
  });
});
