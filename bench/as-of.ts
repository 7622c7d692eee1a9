/**
 * `NEO4J_URI=… NEO4J_PASSWORD=… npm run bench:as-of -- [--rounds 5] [--requests 40]`
 * Issue 17: as-of reads against the current reads they mirror (W1/W1A, W4F/W4FA, W8/W8A of bench/workloads.ts), on
 * a graph already imported (e.g. by `npm run bench:import`), in this process through the service's own Yoga. Each
 * round runs every workload's requests one after another, current and as-of alternately, so the machine's load
 * falls on both alike; the answers of each pair are checked equal first (the instant is the log's last entry, so
 * the whole graph is visible). Writes bench/results/as-of-<size>-<date>.json: per workload the median over rounds of
 * the per-round p50 latency, the ratio as-of / current, and the Cypher statements per request.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { chooseParams } from './lib/params.ts';
import { WORKLOADS } from './workloads.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    requests: { type: 'string', default: '40' },
    size: { type: 'string', default: 'S' },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const config = loadConfig();
const uri = config.neo4j.uri;
if (!uri) throw new Error('Set NEO4J_URI (and NEO4J_PASSWORD) to a Neo4j holding an imported dataset');
const database = new Database({ ...config.neo4j, uri, queryTimeoutMs: 120_000 });
const yoga = buildYoga({ database, logger: createLogger('silent') } as Parameters<typeof buildYoga>[0]);

async function ask(request: { query: string; variables: Record<string, unknown> }) {
  const started = performance.now();
  const response = await yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown; extensions?: any };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { ms: performance.now() - started, data: body.data, statements: body.extensions?.cypher?.statements };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

try {
  const params = await chooseParams(database);
  const pairs = WORKLOADS.filter((w) => w.sameAnswerAs).map((asOf) => ({
    current: WORKLOADS.find((w) => w.id === asOf.sameAnswerAs)!,
    asOf,
  }));
  const results = [];
  for (const { current, asOf } of pairs) {
    const now = current.requests(params).service!;
    const then = asOf.requests(params).service!;
    const a = await ask(now);
    const b = await ask(then);
    const same = JSON.stringify(current.canonical.service(a.data)) === JSON.stringify(asOf.canonical.service(b.data));
    if (!same) throw new Error(`${asOf.id} answers differently from ${current.id}`);
    for (let i = 0; i < 5; i++) await Promise.all([ask(now), ask(then)]); // warm: plans compiled, caches filled
    const p50 = { current: [] as number[], asOf: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      const lat = { current: [] as number[], asOf: [] as number[] };
      for (let i = 0; i < requests; i++) {
        lat.current.push((await ask(now)).ms);
        lat.asOf.push((await ask(then)).ms);
      }
      p50.current.push(median(lat.current));
      p50.asOf.push(median(lat.asOf));
    }
    const row = {
      current: current.id,
      asOf: asOf.id,
      title: asOf.title,
      sameAnswer: same,
      statements: { current: a.statements, asOf: b.statements },
      p50MsPerRound: { current: p50.current.map(round2), asOf: p50.asOf.map(round2) },
      medianP50Ms: { current: round2(median(p50.current)), asOf: round2(median(p50.asOf)) },
      ratio: round2(median(p50.asOf) / median(p50.current)),
    };
    console.log(JSON.stringify(row));
    results.push(row);
  }
  const date = new Date().toISOString().slice(0, 10);
  const out = resolve(import.meta.dirname, 'results', `as-of-${values.size}-${date}.json`);
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        benchmark: 'as-of reads against the current reads (bench/as-of.ts), in-process, one request at a time',
        date: new Date().toISOString(),
        size: values.size,
        rounds,
        requestsPerRound: requests,
        asOf: params.asOf,
        loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${out}`);
} finally {
  await database.close();
}
