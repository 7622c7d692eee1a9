/**
 * `node bench/chain.ts --size S --workloads W1,W3 --seconds 8 --rounds 3 [--checkout base=/work/wt-base …] [--profile DIR]`
 *
 * What the service's own code costs per request, without HTTP and without the other contenders: a fresh local
 * Neo4j with the generated dataset (as `npm run bench`), then Yoga instances built in this process (`buildYoga`)
 * answering the workloads through `yoga.fetch` with 8 requests in flight. Variants: this checkout with
 * GRAPHQL_JIT off and on and, for each --checkout id=dir, that checkout's buildYoga (e.g. main before a change, or
 * this branch at an earlier commit), all on the same Neo4j, alternated round by round. Reports this process's CPU ms per request (user + system, the driver's
 * decoding included) and req/s per variant, and with --profile writes a V8 CPU profile per workload and variant
 * plus a summary of where the time went (self time by package or source file).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { importDataset, startBenchNeo4j } from './lib/database.ts';
import { loadDataset } from './lib/dataset.ts';
import { load1 } from './lib/machine.ts';
import { chooseParams } from './lib/params.ts';
import { WORKLOADS } from './workloads.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    workloads: { type: 'string', default: 'W1,W3' },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    checkout: { type: 'string', multiple: true },
    profile: { type: 'string' },
    out: { type: 'string' },
  },
});
const log = (line: string) => console.log(`[chain ${new Date().toISOString().slice(11, 19)}] ${line}`);

type Fetcher = { fetch: (url: string, init: RequestInit) => Promise<Response> | Response };
interface Variant {
  id: string;
  yoga: Fetcher;
}

/** Runs `concurrency` loops of one request for `seconds`; returns requests answered and CPU ms used. */
async function drive(yoga: Fetcher, body: string, seconds: number, concurrency: number) {
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const response = await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) errors++;
        requests++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const wall = (performance.now() - started) / 1000;
  return { requests, errors, cpuMs: (used.user + used.system) / 1000, rps: requests / wall };
}

/** Self time of a V8 CPU profile by where the code lives: a package under node_modules, a src/ file, or V8/Node. */
function summarise(profile: {
  nodes: { id: number; callFrame: { url: string; functionName: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const { url, functionName, lineNumber } = byId.get(id)!.callFrame;
    const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const place = packageMatch
      ? packageMatch[1]!
      : url.includes('/src/')
        ? url.slice(url.indexOf('/src/') + 1)
        : url.startsWith('node:')
          ? 'node internals'
          : functionName.startsWith('(')
            ? functionName
            : url || '(native)';
    if (place === '(idle)') continue;
    total += ms;
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const fn = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => ({ where: k, ms: Math.round(ms), pct: Math.round((ms / total) * 1000) / 10 }));
  return { totalMs: Math.round(total), byPlace: top(byPlace, 30), byFunction: top(byFunction, 40) };
}

async function main() {
  const seconds = Number(opts.seconds);
  const rounds = Number(opts.rounds);
  const concurrency = Number(opts.concurrency);
  const neo4j = await startBenchNeo4j(log);
  const closers: (() => Promise<void>)[] = [];
  try {
    const dataset = await loadDataset(opts.size!, Number(opts.seed), ROOT, log);
    const imported = await importDataset(neo4j.database, dataset.file);
    log(`imported ${imported.lines} lines in ${imported.seconds.toFixed(1)} s`);
    const params = await chooseParams(neo4j.database);
    const env = { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: 'bench-password', NEO4J_QUERY_TIMEOUT_MS: '60000' };
    const variants: Variant[] = [];
    for (const jit of [false, true]) {
      const config = loadConfig({ ...env, GRAPHQL_JIT: String(jit) });
      const { Database } = await import('../src/db/database.ts');
      const database = new Database({ ...config.neo4j, uri: neo4j.uri });
      closers.push(() => database.close());
      const yoga = buildYoga({ database, logger: createLogger('warn'), execution: config.execution });
      variants.push({ id: jit ? 'jit' : 'graphql-js', yoga });
    }
    for (const spec of opts.checkout ?? []) {
      // The other checkout's own modules (its schema, its graphql-js), against the same Neo4j.
      const [id, path] = spec.split('=');
      if (!id || !path) throw new Error(`--checkout ${spec}: expected id=dir`);
      const dir = resolve(path);
      const config = (await import(`${dir}/src/config/index.ts`)).loadConfig(env);
      const { Database } = await import(`${dir}/src/db/database.ts`);
      const database = new Database({ ...config.neo4j, uri: neo4j.uri });
      closers.push(() => database.close());
      const logger = (await import(`${dir}/src/server/logger.ts`)).createLogger('warn');
      const yoga = (await import(`${dir}/src/server/yoga.ts`)).buildYoga({
        database,
        logger,
        execution: config.execution,
      });
      variants.push({ id, yoga });
    }
    const results: Record<string, Record<string, { cpuMsPerRequest: number[]; rps: number[]; errors: number }>> = {};
    const profiles: Record<string, unknown> = {};
    for (const id of opts.workloads!.split(',')) {
      const workload = WORKLOADS.find((w) => w.id === id);
      const request = workload?.requests(params).service;
      if (!request) throw new Error(`no service request for ${id}`);
      const body = JSON.stringify(request);
      results[id] = {};
      // Warm-up: compiles, caches, JIT of V8 itself.
      for (const v of variants) await drive(v.yoga, body, 2, concurrency);
      for (let round = 0; round < rounds; round++) {
        const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
        for (const v of order) {
          const r = await drive(v.yoga, body, seconds, concurrency);
          const byVariant = results[id]!;
          byVariant[v.id] ??= { cpuMsPerRequest: [], rps: [], errors: 0 };
          const entry = byVariant[v.id]!;
          entry.cpuMsPerRequest.push(Math.round((r.cpuMs / r.requests) * 1000) / 1000);
          entry.rps.push(Math.round(r.rps));
          entry.errors += r.errors;
          log(`${id} ${v.id}: ${(r.cpuMs / r.requests).toFixed(3)} CPU ms/request, ${Math.round(r.rps)} req/s`);
        }
      }
      if (opts.profile) {
        mkdirSync(opts.profile, { recursive: true });
        const session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        for (const v of variants) {
          await session.post('Profiler.start');
          const r = await drive(v.yoga, body, seconds, concurrency);
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(resolve(opts.profile, `${id}-${v.id}.cpuprofile`), JSON.stringify(profile));
          const summary = summarise(profile as Parameters<typeof summarise>[0]);
          profiles[`${id}-${v.id}`] = { requests: r.requests, msPerRequest: summary.totalMs / r.requests, ...summary };
          log(`${id} ${v.id} profiled: ${r.requests} requests, ${(summary.totalMs / r.requests).toFixed(3)} ms each`);
        }
        session.disconnect();
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const summary = Object.fromEntries(
      Object.entries(results).map(([w, byVariant]) => [
        w,
        Object.fromEntries(
          Object.entries(byVariant).map(([v, r]) => [
            v,
            { cpuMsPerRequest: median(r.cpuMsPerRequest), rps: median(r.rps), errors: r.errors, rounds: r },
          ]),
        ),
      ]),
    );
    const report = {
      date: new Date().toISOString(),
      size: opts.size,
      settings: { seconds, rounds, concurrency, checkouts: opts.checkout ?? [] },
      load1: load1(),
      params,
      results: summary,
      profiles,
    };
    console.log(JSON.stringify(summary, null, 2));
    if (opts.out) writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    for (const close of closers) await close().catch(() => {});
    await neo4j.stop();
  }
}

await main();
process.exit(0);
