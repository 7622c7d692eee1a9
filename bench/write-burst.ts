import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * npm run bench:write-burst -- [--writes 50] [--root DIR] [--label NAME]
 * Against the seeded Neo4j at NEO4J_URI, in process (no HTTP server): a reader asks one entity again and again;
 * its latencies are sampled alone for 3 s, then while `--writes` addAssertion calls with distinct keys, entities
 * and sources run all at once. Writes bench/results/write-burst-<label>-<date>.json: outcomes by code, reader
 * p50/p99 before and during, the write budget. `--root` runs another checkout's src/ (e.g. the code before the
 * write-path fixes) against the same database, for a before/after comparison.
 */
const { values } = parseArgs({
  options: {
    writes: { type: 'string', default: '50' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    label: { type: 'string', default: 'this' },
  },
});
const writes = Number(values.writes);
const root = resolve(values.root!);
if (!Number.isInteger(writes) || writes < 1 || !process.env.NEO4J_URI) {
  console.error('usage: NEO4J_URI=… npm run bench:write-burst -- [--writes 50] [--root DIR] [--label NAME]');
  process.exit(2);
}

const { loadConfig } = await import(`${root}/src/config/index.ts`);
const { Database } = await import(`${root}/src/db/database.ts`);
const { tokenConfigLine } = await import(`${root}/src/server/auth.ts`);
const { createLogger } = await import(`${root}/src/server/logger.ts`);
const { buildYoga } = await import(`${root}/src/server/yoga.ts`);

const TOKEN = 'write-burst-bench-token';
const config = loadConfig({ ...process.env, API_TOKENS: tokenConfigLine('bench', ['write'], TOKEN) });
const database = new Database({ ...config.neo4j });
const yoga = buildYoga({ database, logger: createLogger('silent'), auth: config.auth });
const run = Date.now().toString(36);

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const READ = '{ entity(key: "company:alibaba") { name } }';
const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on WriteRejected { code } } }`;

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null;
const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

async function sampleReads(until: Promise<unknown>) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let done = false;
  until.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    const { body } = await gql(READ);
    latencies.push(performance.now() - started);
    const code = body.errors?.[0]?.extensions?.code;
    if (code) errors[code] = (errors[code] ?? 0) + 1;
  }
  const sorted = latencies.sort((a, b) => a - b);
  return { reads: sorted.length, errors, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) };
}

for (let i = 0; i < 20; i++) await gql(READ);
const before = await sampleReads(new Promise((ok) => setTimeout(ok, 3_000)));

const started = performance.now();
const burst = Promise.all(
  Array.from({ length: writes }, (_, i) => {
    const key = `bench-burst-${run}-${i}`;
    return gql(
      ADD,
      {
        assertion: {
          key: `fact:${key}`,
          kind: 'Claim',
          summary: `Write burst ${i}`,
          mode: 'reported',
          roles: { subject: [`company:${key}`] },
          text: 'a paraphrase',
        },
        sources: [{ source: { title: `Burst ${i}`, url: `https://example.test/${key}` }, snippet: 'a snippet' }],
        newEntities: [{ key: `company:${key}`, kind: 'Company', name: `Burst Co ${i}` }],
      },
      TOKEN,
    ).then(({ status, body }) => {
      const result = body.data?.addAssertion;
      return result?.__typename?.endsWith('Success')
        ? 'OK'
        : `${result?.code ?? body.errors?.[0]?.extensions?.code ?? 'NONE'} (HTTP ${status})`;
    });
  }),
);
const during = await sampleReads(burst);
const outcomes = await burst;
const burstMs = performance.now() - started;
await database.close();

const byCode: Record<string, number> = {};
for (const o of outcomes) byCode[o] = (byCode[o] ?? 0) + 1;
const result = {
  date: new Date().toISOString(),
  code: values.label,
  root,
  writes,
  outcomes: byCode,
  burstSeconds: round(burstMs / 1000),
  reader: { before, during },
  writeBudget: database.writeGate
    ? {
        slots: database.writeGate.slots,
        queueTimeoutMs: config.neo4j.writeQueueTimeoutMs,
        pool: config.neo4j.maxPoolSize,
      }
    : null,
  machine: { cpus: cpus().length, loadavg1: round(loadavg()[0]!) },
  keyspace: `bench-burst-${run}-`,
};
console.log(JSON.stringify(result, null, 2));
const dir = resolve(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  resolve(dir, `write-burst-${values.label}-${result.date.slice(0, 10)}.json`),
  `${JSON.stringify(result, null, 2)}\n`,
);
