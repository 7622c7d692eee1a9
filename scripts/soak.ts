import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * npm run soak -- --minutes N [--url http://127.0.0.1:4000] [--rps 100] [--out file]
 *
 * Holds a steady, open-loop load (requests are sent on a fixed schedule, whether or not earlier
 * ones have answered, so a slow server cannot slow the load down and hide its latency) against a
 * running service for N minutes, then reports errors, p50/p99 and the service's RSS at the start
 * and the end (read from its /metrics). Not a CI test.
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    url: { type: 'string', default: 'http://127.0.0.1:4000' },
    rps: { type: 'string', default: '100' },
    'max-in-flight': { type: 'string', default: '256' },
    out: { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const rps = Number(values.rps);
const maxInFlight = Number(values['max-in-flight']);
const base = values.url.replace(/\/+$/, '');
const out = resolve(values.out ?? `bench/results/soak-${new Date().toISOString().slice(0, 10)}.json`);
if (!(minutes > 0) || !(rps > 0)) throw new Error('--minutes and --rps must be positive numbers');

const gid = (typename: string, key: string) => Buffer.from(`${typename}:${key}`).toString('base64url');
/** A read mix: one statement (system), and a DataLoader batch of entities by global id. */
const OPERATIONS = [
  { query: 'query SoakSystem { system { version neo4jVersion database } }' },
  {
    query: 'query SoakNodes($ids: [ID!]!) { nodes(ids: $ids) { id } }',
    variables: {
      ids: ['company:alibaba', 'company:tencent', 'company:bytedance', 'company:nvidia'].map((k) => gid('Company', k)),
    },
  },
];

interface Window {
  requests: number;
  errors: number;
  latencies: number[];
}

async function processStats() {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    rssMB: mb(value('process_resident_memory_bytes')),
    heapUsedMB: mb(value('nodejs_heap_size_used_bytes')),
    poolInUse: value('neo4j_pool_connections\\{state="in_use"\\}'),
  };
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

const ready = await fetch(`${base}/ready`);
if (ready.status !== 200) throw new Error(`${base}/ready answered ${ready.status}: start the service first`);

const errorsByCode: Record<string, number> = {};
const all: number[] = [];
const windows: (Window & { minute: number; rssMB: number; heapUsedMB: number })[] = [];
let current: Window = { requests: 0, errors: 0, latencies: [] };
let inFlight = 0;
let skipped = 0;

async function one(i: number) {
  const operation = OPERATIONS[i % OPERATIONS.length]!;
  const started = performance.now();
  let code: string | undefined;
  try {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `soak-${i}` },
      body: JSON.stringify(operation),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (response.status !== 200) code = `HTTP_${response.status}`;
    else if (body.errors?.length) code = body.errors[0]?.extensions?.code ?? 'UNCODED';
  } catch (error) {
    code = `NETWORK_${(error as { cause?: { code?: string } }).cause?.code ?? 'ERROR'}`;
  }
  const ms = performance.now() - started;
  current.requests += 1;
  current.latencies.push(ms);
  all.push(ms);
  if (code) {
    current.errors += 1;
    errorsByCode[code] = (errorsByCode[code] ?? 0) + 1;
  }
}

const start = await processStats();
const startedAt = new Date();
console.log(`soak: ${minutes} min at ${rps} req/s against ${base}; service RSS ${start.rssMB} MB at start`);
const t0 = performance.now();
const durationMs = minutes * 60_000;
let sent = 0;
const pending = new Set<Promise<void>>();
let minute = 0;

while (performance.now() - t0 < durationMs) {
  const due = Math.floor(((performance.now() - t0) / 1000) * rps);
  while (sent < due) {
    if (inFlight >= maxInFlight) {
      skipped += 1; // the server is not keeping up; counted, not queued without bound
      sent += 1;
      continue;
    }
    inFlight += 1;
    const p = one(sent).finally(() => {
      inFlight -= 1;
      pending.delete(p);
    });
    pending.add(p);
    sent += 1;
  }
  if (performance.now() - t0 >= (minute + 1) * 60_000) {
    minute += 1;
    const stats = await processStats();
    const sorted = current.latencies.sort((a, b) => a - b);
    windows.push({ minute, ...current, ...stats });
    console.log(
      `  minute ${minute}: ${current.requests} requests, ${current.errors} errors, p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, RSS ${stats.rssMB} MB`,
    );
    current = { requests: 0, errors: 0, latencies: [] };
  }
  await new Promise((ok) => setTimeout(ok, 5));
}
await Promise.all(pending);
const end = await processStats();
if (current.requests) windows.push({ minute: minute + 1, ...current, ...end });
const sorted = all.sort((a, b) => a - b);
const errors = Object.values(errorsByCode).reduce((a, b) => a + b, 0);
const report = {
  startedAt: startedAt.toISOString(),
  minutes,
  targetRps: rps,
  achievedRps: Math.round((all.length / ((performance.now() - t0) / 1000)) * 10) / 10,
  url: base,
  operations: OPERATIONS.map((o) => /query (\w+)/.exec(o.query)?.[1]),
  requests: all.length,
  errors,
  errorRate: all.length ? errors / all.length : 0,
  errorsByCode,
  skippedForBackpressure: skipped,
  latencyMs: {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  },
  service: { start, end },
  perMinute: windows.map(({ latencies, ...w }) => {
    const s = latencies.sort((a, b) => a - b);
    return { ...w, p50: percentile(s, 50), p99: percentile(s, 99) };
  }),
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(
  `soak done: ${report.requests} requests, ${errors} errors, p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, RSS ${start.rssMB} → ${end.rssMB} MB; written to ${out}`,
);
