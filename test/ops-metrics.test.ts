import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { encodeGlobalId } from '../src/domain/global-id.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';
import { sleep } from './helpers/wait.ts';

const { database, yoga, neo4j } = testApp();
afterAll(() => database.close());

const SYSTEM = 'query OpsMetricsSystem { system { version neo4jVersion } }';

async function scrape() {
  const response = await yoga.fetch('http://localhost/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await response.text());
}

describe('/health and /ready', () => {
  it('/health answers 200 and /ready answers 200 while Neo4j answers and the constraints exist', async () => {
    // As at start-up (app.ts): connect once before serving, so a cold JVM does not time the probe out.
    await database.verify();
    expect((await yoga.fetch('http://localhost/health')).status).toBe(200);
    const ready = await yoga.fetch('http://localhost/ready');
    expect(ready.status, await ready.text()).toBe(200);
  });

  it('/ready answers 503 (not a hang) when Neo4j cannot be reached, and 503 while shutting down', async () => {
    const nowhere = new Database({
      ...loadConfig().neo4j,
      ...neo4j,
      uri: 'bolt://127.0.0.1:9',
      healthIntervalMs: 60_000,
    });
    const stopping = buildYoga({ database, logger: createLogger('silent'), stopping: () => true });
    try {
      const unreachable = buildYoga({ database: nowhere, logger: createLogger('silent') });
      const started = performance.now();
      const response = await unreachable.fetch('http://localhost/ready');
      const ms = performance.now() - started;
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, reason: 'neo4j unreachable' });
      // Not a hang; a generous bound on a shared 2-core machine (the figure is printed, not tuned).
      console.log(`[ops-metrics] /ready answered 503 for an unreachable Neo4j in ${Math.round(ms)} ms`);
      expect(ms).toBeLessThan(3 * loadConfig().ops.readyTimeoutMs + 2_000);
      const body = await gql(unreachable, SYSTEM);
      expect(body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(body.errors?.[0]?.message).not.toMatch(/at |Error:/);
      expect((await stopping.fetch('http://localhost/ready')).status).toBe(503);
    } finally {
      await nowhere.close();
    }
  });
});

describe('/metrics', () => {
  it('exposes requests, latencies, errors by code, Cypher statements, batch sizes and the pool', async () => {
    const before = await scrape();
    const okBefore = sampleValue(before, 'graphql_requests_total', { operation: 'OpsMetricsSystem', outcome: 'ok' });
    for (let i = 0; i < 3; i++) expect((await gql(yoga, SYSTEM)).errors).toBeUndefined();
    const ids = ['company:alibaba', 'company:tencent'].map((k) => encodeGlobalId('Company', k));
    const nodes = await gql(yoga, 'query OpsMetricsNodes($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(nodes.errors).toBeUndefined();
    const bad = await gql(yoga, 'query OpsMetricsBad { node(id: "not a global id") { id } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    const invalid = await gql(yoga, 'query OpsMetricsInvalid { noSuchField }');
    expect(invalid.errors?.length).toBeGreaterThan(0);

    const after = await scrape();
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels);
    const system = { operation: 'OpsMetricsSystem', type: 'query' };
    expect(value('graphql_requests_total', { ...system, outcome: 'ok' }) - okBefore).toBe(3);
    expect(value('graphql_requests_total', { operation: 'OpsMetricsBad', outcome: 'error' })).toBeGreaterThanOrEqual(1);
    expect(value('graphql_request_duration_seconds_count', system)).toBeGreaterThanOrEqual(3);
    expect(value('graphql_request_duration_seconds_sum', system)).toBeGreaterThan(0);
    expect(value('graphql_request_duration_seconds_bucket', { ...system, le: '+Inf' })).toBe(
      value('graphql_request_duration_seconds_count', system),
    );
    expect(value('graphql_errors_total', { code: 'INVALID_ID' })).toBeGreaterThanOrEqual(1);
    expect(value('graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThanOrEqual(1);
    // `system` runs exactly one statement per request.
    expect(value('graphql_cypher_statements_per_request_count', { type: 'query' })).toBeGreaterThanOrEqual(4);
    expect(value('graphql_cypher_statements_per_request_bucket', { type: 'query', le: '1' })).toBeGreaterThanOrEqual(3);
    expect(
      value('cypher_statement_duration_seconds_count', { statement: 'system/info', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(3);
    expect(value('cypher_statement_duration_seconds_sum', { statement: 'system/info' })).toBeGreaterThan(0);
    // Both ids went to Neo4j in one batch of the entity loader.
    expect(value('dataloader_batch_size_count', { loader: 'entity' })).toBeGreaterThanOrEqual(1);
    expect(value('dataloader_batch_size_bucket', { loader: 'entity', le: '1' })).toBe(0);
    expect(value('neo4j_pool_connections', { state: 'in_use' })).toBe(0);
    expect(value('neo4j_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(value('neo4j_pool_acquisition_waiting')).toBe(0);
    expect(value('neo4j_available')).toBe(1);
    expect(value('graphql_requests_in_flight')).toBe(0);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
  });
});

describe('pool figures', () => {
  it('are the driver’s own: connections held, idle and waiting, and the size at which acquisition starts to wait', async () => {
    // A pool of 3 and no background probe, so every connection is one this test took.
    const MAX = 3;
    const small = new Database({
      ...loadConfig().neo4j,
      ...neo4j,
      maxPoolSize: MAX,
      connectionTimeoutMs: 30_000,
      healthIntervalMs: 600_000,
    });
    const served = buildYoga({ database: small, logger: createLogger('silent') });
    const pool = async () => {
      const m = parsePrometheus(await (await served.fetch('http://localhost/metrics')).text());
      return {
        inUse: sampleValue(m, 'neo4j_pool_connections', { state: 'in_use' }),
        idle: sampleValue(m, 'neo4j_pool_connections', { state: 'idle' }),
        waiting: sampleValue(m, 'neo4j_pool_acquisition_waiting'),
        max: sampleValue(m, 'neo4j_pool_max_connections'),
      };
    };
    const sessions = Array.from({ length: MAX + 1 }, () => small.driver.session({ database: neo4j.database }));
    try {
      await small.verify();
      // MAX open transactions hold MAX connections.
      const held = await Promise.all(sessions.slice(0, MAX).map((s) => s.beginTransaction()));
      await Promise.all(held.map((tx) => tx.run('RETURN 1')));
      expect(await pool()).toEqual({ inUse: MAX, idle: 0, waiting: 0, max: MAX });
      // One more has to wait: the figure the metric calls the maximum is where the driver starts queueing.
      const late = sessions[MAX]!.beginTransaction();
      let waiting = await pool();
      for (let i = 0; i < 100 && waiting.waiting === 0; i++) {
        await sleep(50);
        waiting = await pool();
      }
      expect(waiting).toEqual({ inUse: MAX, idle: 0, waiting: 1, max: MAX });
      await held[0]!.commit();
      const lateTx = await late;
      expect(await pool()).toEqual({ inUse: MAX, idle: 0, waiting: 0, max: MAX });
      await Promise.all([lateTx.commit(), ...held.slice(1).map((tx) => tx.commit())]);
      await Promise.all(sessions.map((s) => s.close()));
      expect(await pool()).toEqual({ inUse: 0, idle: MAX, waiting: 0, max: MAX });
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
      await small.close();
    }
  });
});

describe('request ids', () => {
  it('echoes x-request-id, logs it as JSON, and sends it to Neo4j as transaction metadata', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logged = buildYoga({ database, logger: createLogger('debug', sink) });
    const response = await logged.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'ops-req-42' },
      body: JSON.stringify({ query: SYSTEM }),
    });
    expect(response.headers.get('x-request-id')).toBe('ops-req-42');
    expect((await response.json()).extensions.requestId).toBe('ops-req-42');
    const access = lines.find((l) => l.msg === 'request' && l.requestId === 'ops-req-42');
    expect(access).toMatchObject({
      status: 200,
      operation: 'OpsMetricsSystem',
      operationType: 'query',
      cypher: { statements: 1 },
    });
    expect(lines.find((l) => l.msg === 'cypher statement' && l.requestId === 'ops-req-42')).toMatchObject({
      statement: 'system/info',
    });

    const [row] = await database.scope('ops-req-43').read<{ metadata: Record<string, unknown> }>({
      name: 'test/tx-metadata',
      text: 'CALL tx.getMetaData() YIELD metadata RETURN metadata',
    });
    expect(row?.metadata).toEqual({ requestId: 'ops-req-43', statement: 'test/tx-metadata' });

    const fresh = await logged.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: SYSTEM }),
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
