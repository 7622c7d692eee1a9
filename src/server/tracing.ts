import { useOpenTelemetry } from '@envelop/opentelemetry';
import { context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config/index.ts';
import type { Database } from '../db/database.ts';

const SERVICE = 'ai-infra-graph';

export interface Tracing {
  plugin: Plugin;
  shutdown: () => Promise<void>;
}

function exporterFor(config: Config['tracing']): SpanExporter | null {
  if (config.exporter === 'console') return new ConsoleSpanExporter();
  if (config.exporter === 'otlp') return new OTLPTraceExporter({ url: config.otlpEndpoint });
  return null;
}

/**
 * Optional OpenTelemetry traces (TRACING=console|otlp): a span per GraphQL operation (from
 * @envelop/opentelemetry) and one per Cypher statement, tagged with the request id, so a slow
 * request shows which statements it waited on. `exporter` lets tests pass an in-memory one.
 */
export function createTracing(
  config: Config['tracing'],
  database: Database,
  exporter = exporterFor(config),
): Tracing | null {
  if (!exporter) return null;
  const provider = new BasicTracerProvider({
    spanProcessors: [
      config.exporter === 'console' ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter),
    ],
  });
  const tracer = provider.getTracer(SERVICE);
  database.observe(({ name, ms, ok, requestId }) => {
    const end = Date.now();
    const span = tracer.startSpan(`cypher ${name}`, { startTime: end - ms }, context.active());
    span.setAttributes({ 'db.system': 'neo4j', 'db.operation.name': name, 'request.id': requestId });
    if (!ok) span.setStatus({ code: 2 });
    span.end(end);
  });
  return {
    plugin: useOpenTelemetry(
      { resolvers: false, variables: false, result: false },
      provider,
      undefined,
      undefined,
      SERVICE,
    ) as Plugin,
    shutdown: async () => {
      await provider.shutdown();
    },
  };
}
