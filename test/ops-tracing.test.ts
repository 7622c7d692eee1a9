import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/server/logger.ts';
import { createTracing } from '../src/server/tracing.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';

/** TRACING=console|otlp: spans for GraphQL operations and for each Cypher statement, with the request id. */
const { database } = testApp();
const exporter = new InMemorySpanExporter();
const tracing = createTracing({ exporter: 'console', otlpEndpoint: undefined }, database, exporter)!;
const yoga = buildYoga({ database, logger: createLogger('silent'), extraPlugins: [tracing.plugin] });
afterAll(async () => {
  await tracing.shutdown();
  await database.close();
});

describe('tracing', () => {
  it('is off unless configured, and otlp needs an endpoint', () => {
    expect(loadConfig({}).tracing.exporter).toBe('off');
    expect(createTracing(loadConfig({}).tracing, database)).toBeNull();
    expect(() => loadConfig({ TRACING: 'otlp' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(
      loadConfig({ TRACING: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }).tracing.exporter,
    ).toBe('otlp');
  });

  it('records the operation and its Cypher statements', async () => {
    const res = await gql(
      yoga,
      'query TraceMe { entity(key: "company:bytedance") { name } }',
      {},
      { 'x-request-id': 'trace-test-1' },
    );
    expect(res.data?.entity.name).toBe('ByteDance');
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toContain('query.TraceMe');
    const cypher = spans.filter(
      (s) => s.name === 'cypher entities/by-keys' && s.attributes['request.id'] === 'trace-test-1',
    );
    expect(cypher).toHaveLength(1);
    expect(cypher[0]!.attributes['db.system']).toBe('neo4j');
  });
});
