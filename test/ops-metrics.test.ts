import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { encodeGlobalId } from '../src/domain/global-id.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';

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
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, reason: 'neo4j unreachable' });
      expect(performance.now() - started).toBeLessThan(loadConfig().ops.readyTimeoutMs + 500);
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
    const idle = value('neo4j_pool_connections', { state: 'idle' });
    const inUse = value('neo4j_pool_connections', { state: 'in_use' });
    expect(idle).toBeGreaterThanOrEqual(1);
    expect(inUse).toBeGreaterThanOrEqual(0);
    expect(idle + inUse).toBeLessThanOrEqual(value('neo4j_pool_max_connections'));
    expect(value('neo4j_pool_max_connections')).toBe(loadConfig().neo4j.maxPoolSize);
    expect(value('neo4j_pool_acquisition_waiting')).toBe(0);
    expect(value('neo4j_available')).toBe(1);
    expect(value('graphql_requests_in_flight')).toBe(0);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
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
