import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.ts';
import type { BatchObserver } from '../loaders/index.ts';
import type { ExportObserver } from './exports.ts';
import { operationLabel, requestInfo } from './request-info.ts';

/** Process metrics (memory, CPU, event loop, GC) exist once per process, however many servers it builds. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Distinct operation labels kept before new names are counted as "other" (clients choose names). */
const MAX_OPERATIONS = 500;

const GRAPHQL_PATH = '/graphql';

export interface Metrics {
  registry: Registry;
  onBatch: BatchObserver;
  /** GET /export/… (src/server/exports.ts). */
  exports: ExportObserver;
  plugin: Plugin;
  text(): Promise<string>;
}

/**
 * Prometheus series for one server: GraphQL requests and latencies per operation, errors by
 * code, Cypher statements per request and their durations, DataLoader batch sizes, and the
 * driver's pool. Served on /metrics in the text exposition format.
 */
export function createMetrics(database: Database): Metrics {
  const registry = new Registry();
  const tracked = new WeakSet<Request>();
  const operations = new Set<string>();
  const operationOf = (name: string) => {
    const label = operationLabel(name);
    if (operations.has(label)) return label;
    if (operations.size >= MAX_OPERATIONS) return 'other';
    operations.add(label);
    return label;
  };

  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation, operation type and outcome (ok, error).',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Wall time of GraphQL requests, from the request to the response.',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'graphql_requests_in_flight',
    help: 'GraphQL requests being handled now.',
    registers: [registry],
  });
  const statementsPerRequest = new Histogram({
    name: 'graphql_cypher_statements_per_request',
    help: 'Cypher statements one GraphQL request sent to Neo4j.',
    labelNames: ['type'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
    registers: [registry],
  });
  const statementDuration = new Histogram({
    name: 'cypher_statement_duration_seconds',
    help: 'Duration of each Cypher statement (named after its file in cypher/), by outcome.',
    labelNames: ['statement', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'dataloader_batch_size',
    help: 'Keys per DataLoader batch, by loader.',
    labelNames: ['loader'],
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });
  new Gauge({
    name: 'neo4j_pool_connections',
    help: 'Connections of the Neo4j driver pool by state (in_use, idle).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = database.poolStats();
      this.set({ state: 'in_use' }, pool.inUse);
      this.set({ state: 'idle' }, pool.idle);
    },
  });
  new Gauge({
    name: 'neo4j_pool_acquisition_waiting',
    help: 'Requests waiting for a pooled Neo4j connection.',
    registers: [registry],
    collect() {
      this.set(database.poolStats().waiting);
    },
  });
  new Gauge({
    name: 'neo4j_pool_max_connections',
    help: 'Configured size limit of the Neo4j driver pool.',
    registers: [registry],
    collect() {
      this.set(database.poolStats().max);
    },
  });
  new Gauge({
    name: 'neo4j_write_transactions',
    help: 'The write budget (src/db/write-gate.ts): write transactions holding a connection (in_use) and the budget (max).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'in_use' }, database.writeGate.inUse);
      this.set({ state: 'max' }, database.writeGate.slots);
    },
  });
  new Gauge({
    name: 'neo4j_write_queue_waiting',
    help: 'Writes waiting for a write slot (answered BUSY after NEO4J_WRITE_QUEUE_TIMEOUT_MS).',
    registers: [registry],
    collect() {
      this.set(database.writeGate.waiting);
    },
  });
  new Gauge({
    name: 'neo4j_available',
    help: '1 while the service can reach Neo4j, 0 while its circuit breaker is open.',
    registers: [registry],
    collect() {
      this.set(database.availability.isUp ? 1 : 0);
    },
  });

  const exportRequests = new Counter({
    name: 'export_requests_total',
    help: 'GET /export/… by format and outcome (ok, busy, unavailable, failed, aborted by the client, stalled).',
    labelNames: ['format', 'outcome'],
    registers: [registry],
  });
  const exportBytes = new Counter({
    name: 'export_bytes_total',
    help: 'Bytes of export bodies sent, by format.',
    labelNames: ['format'],
    registers: [registry],
  });
  const exportDuration = new Histogram({
    name: 'export_duration_seconds',
    help: 'Wall time of exports that streamed, from the request to the last byte (or the end).',
    labelNames: ['format'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  const exportsInFlight = new Gauge({
    name: 'exports_in_flight',
    help: 'Exports streaming now (at most EXPORT_MAX_CONCURRENT).',
    registers: [registry],
  });
  const exports: ExportObserver = {
    refused: (format) => exportRequests.inc({ format, outcome: 'busy' }),
    started: () => exportsInFlight.inc(),
    finished(format, outcome, bytes, seconds) {
      exportRequests.inc({ format, outcome });
      exportsInFlight.dec();
      exportBytes.inc({ format }, bytes);
      exportDuration.observe({ format }, seconds);
    },
  };

  database.observe(({ name, ms, ok }) => {
    statementDuration.observe({ statement: name, outcome: ok ? 'ok' : 'error' }, ms / 1000);
  });

  const plugin: Plugin = {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname === '/metrics') {
        return text().then((body) =>
          endResponse(new fetchAPI.Response(body, { headers: { 'content-type': registry.contentType } })),
        );
      }
      if (url.pathname === GRAPHQL_PATH) {
        requestInfo(request);
        tracked.add(request);
        inFlight.inc();
      }
    },
    onExecute() {
      return {
        onExecuteDone({ args }) {
          const request = (args.contextValue as { request?: Request }).request;
          if (!request) return;
          const { db, operationType } = requestInfo(request);
          if (db) statementsPerRequest.observe({ type: operationType }, db.stats.statements);
        },
      };
    },
    onResponse({ request, response }) {
      if (!tracked.delete(request)) return;
      inFlight.dec();
      // GraphiQL's page is served on the same path; it is not a GraphQL request.
      if (response.headers.get('content-type')?.startsWith('text/html')) return;
      const info = requestInfo(request);
      const labels = { operation: operationOf(info.operation), type: info.operationType };
      requests.inc({ ...labels, outcome: info.errorCodes.length ? 'error' : 'ok' });
      duration.observe(labels, (performance.now() - info.started) / 1000);
      for (const code of info.errorCodes) errors.inc({ code });
    },
  };

  async function text() {
    return `${await processMetrics().metrics()}\n${await registry.metrics()}`;
  }

  return {
    registry,
    onBatch: (loader, size) => batchSize.observe({ loader }, size),
    exports,
    plugin,
    text,
  };
}
