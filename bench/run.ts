/**
 * `npm run bench -- --size S --workloads W1,W2 --concurrency 1,8,32 --duration 10 --reps 3`
 * One run: a fresh local Neo4j, the generated dataset imported through the service's importer, the
 * three contenders as separate processes on the same Node, the same workloads alternated between
 * them. Writes bench/results/<date>-<size>.json and .md.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from '../src/devdb/build.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { BENCH_PASSWORD, importDataset, startBenchNeo4j } from './lib/database.ts';
import { loadDataset } from './lib/dataset.ts';
import { load } from './lib/load.ts';
import { describeMachine, load1 } from './lib/machine.ts';
import { chooseParams } from './lib/params.ts';
import { cpuMs, type Started, sampleRss, startNode } from './lib/processes.ts';
import { profileAll } from './lib/profile-all.ts';
import { writeMarkdown } from './lib/report.ts';
import { summarise } from './lib/stats.ts';
import { CONTENDERS, type ContenderId, type Params, type Request, WORKLOADS } from './workloads.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    workloads: { type: 'string', default: WORKLOADS.map((w) => w.id).join(',') },
    concurrency: { type: 'string', default: '1,8,32' },
    duration: { type: 'string', default: '5' },
    reps: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    out: { type: 'string', default: resolve(ROOT, 'bench/results') },
    /** Another checkout of this service (e.g. a `git worktree` at an older commit), measured as contender `baseline`. */
    baseline: { type: 'string' },
    /** Which contenders run; the floor always does (it is the reference every result is compared with). */
    contenders: { type: 'string' },
    /**
     * The `service` contender as WORKERS service processes behind its port (node:cluster); its CPU and RSS are summed
     * over the primary and its workers. Unset: WORKERS=1, one process.
     */
    'service-workers': { type: 'string' },
    /** Settings for the `service` contender only, `NAME=value` comma-separated (e.g. RESPONSE_CACHE=true). */
    'service-env': { type: 'string' },
    /**
     * How this checkout's service starts: `dist`, the production build (dist/start.js: `npm start`, the Dockerfile;
     * built when the run starts), or `src` (src/start.ts). A `--baseline` checkout always starts from src/index.ts.
     */
    'service-entry': { type: 'string', default: 'dist' },
  },
});
const size = opts.size!;
const workloads = WORKLOADS.filter((w) => opts.workloads!.split(',').includes(w.id));
const levels = opts.concurrency!.split(',').map(Number);
const seconds = Number(opts.duration);
const reps = Number(opts.reps);
const baselineDir = opts.baseline ? resolve(opts.baseline) : undefined;
const chosen = (opts.contenders?.split(',') ?? [...CONTENDERS, ...(baselineDir ? ['baseline'] : [])]) as RunnerId[];
const runners: RunnerId[] = ['floor', ...chosen.filter((id) => id !== 'floor')];
if (chosen.includes('baseline') && !baselineDir) throw new Error('--contenders baseline needs --baseline <checkout>');
const serviceWorkers = opts['service-workers'];
if (serviceWorkers !== undefined && !/^([1-9][0-9]?|auto)$/.test(serviceWorkers))
  throw new Error('--service-workers takes a number or auto');
const serviceEnv: Record<string, string> = Object.fromEntries(
  (opts['service-env'] ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(pair.trim());
      if (!match) throw new Error(`--service-env: ${pair} is not NAME=value`);
      return [match[1]!, match[2]!];
    }),
);
if (serviceWorkers !== undefined) serviceEnv.WORKERS = serviceWorkers;
const entries: Record<string, string> = { dist: 'dist/start.js', src: 'src/start.ts' };
const serviceEntry: string = entries[opts['service-entry']!] ?? '';
if (!serviceEntry) throw new Error('--service-entry is dist or src');
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** `baseline` is this service from another checkout: it gets the service's requests and is judged the same way. */
type RunnerId = ContenderId | 'baseline';
const role = (id: RunnerId): ContenderId => (id === 'baseline' ? 'service' : id);

interface Contender {
  id: RunnerId;
  port: number;
  proc: Started;
  coldStartMs: number;
}

const url = (c: Contender, r: Request) =>
  c.id === 'floor' ? `http://127.0.0.1:${c.port}/${r.query}` : `http://127.0.0.1:${c.port}/graphql`;
const body = (c: Contender, r: Request) =>
  JSON.stringify(c.id === 'floor' ? { variables: r.variables } : { query: r.query, variables: r.variables });

async function post(c: Contender, r: Request) {
  const response = await fetch(url(c, r), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body(c, r),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[]; extensions?: any };
}

async function startContender(id: RunnerId, uri: string, first: Request): Promise<Contender> {
  const port = await freePort();
  const flags = ['--port', String(port), '--uri', uri, '--password', BENCH_PASSWORD];
  const started = performance.now();
  const proc =
    id === 'service' || id === 'baseline'
      ? startNode(
          id === 'service' ? serviceEntry : 'src/index.ts',
          [],
          {
            NEO4J_URI: uri,
            NEO4J_PASSWORD: BENCH_PASSWORD,
            PORT: String(port),
            SEED_ON_START: 'true',
            LOG_LEVEL: 'warn',
            ...(id === 'service' ? serviceEnv : {}),
          },
          id === 'baseline' ? baselineDir! : ROOT,
        )
      : startNode(`bench/contenders/${id}/server.ts`, flags, {}, ROOT);
  const contender: Contender = { id, port, proc, coldStartMs: 0 };
  // Cold start: from spawn to the first good answer to the first workload's request.
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${id} exited:\n${proc.output()}`);
    try {
      const answer = await post(contender, first);
      if (answer.data && !answer.errors) break;
      if (performance.now() - started > 120_000) throw new Error(`${id}: ${JSON.stringify(answer.errors)}`);
    } catch (error) {
      if (performance.now() - started > 120_000) throw error;
    }
    await new Promise((ok) => setTimeout(ok, 25));
  }
  contender.coldStartMs = Math.round(performance.now() - started);
  log(`${id} answered after ${contender.coldStartMs} ms (port ${port})`);
  return contender;
}

/** Checks the contenders' results against the floor's before anything is measured. */
async function validate(contenders: Contender[], params: Params) {
  const report: Record<string, any> = {};
  for (const w of workloads) {
    const requests = w.requests(params);
    const entry: Record<string, any> = {};
    let reference: string | undefined;
    const floorFirst = [...contenders.filter((c) => c.id === 'floor'), ...contenders.filter((c) => c.id !== 'floor')];
    if (w.sameAnswerAs) {
      // Only the service can ask it: its answer must be the service's answer to the current read it mirrors.
      const twin = WORKLOADS.find((x) => x.id === w.sameAnswerAs)!;
      const service = contenders.find((c) => c.id === 'service')!;
      const answer = await post(service, twin.requests(params).service!);
      reference = JSON.stringify(twin.canonical.service(answer.data));
    }
    for (const c of floorFirst) {
      const request = requests[role(c.id)];
      if (!request) {
        entry[c.id] = { expressible: false };
        continue;
      }
      const answer = await post(c, request);
      if (answer.errors || !answer.data) {
        entry[c.id] = { expressible: true, ok: false, error: answer.errors?.[0]?.message ?? 'no data' };
        continue;
      }
      let canonical: string;
      try {
        canonical = JSON.stringify(w.canonical[role(c.id)](answer.data));
      } catch (error) {
        entry[c.id] = { expressible: true, ok: false, error: `unexpected shape: ${error}` };
        continue;
      }
      if (c.id === 'floor') reference = canonical;
      const identical = canonical === reference;
      entry[c.id] = {
        expressible: true,
        handWritten: w.handWritten?.includes(role(c.id)) ?? false,
        ok: identical,
        statements: answer.extensions?.cypher?.statements ?? null,
        resultSize: canonical.length,
        ...(identical ? {} : { got: canonical.slice(0, 400), expected: reference?.slice(0, 400) }),
      };
    }
    report[w.id] = entry;
    log(
      `${w.id} results: ${Object.entries(entry)
        .map(([k, v]) => `${k}=${v.ok ? 'identical' : v.expressible ? `DIFFERENT ${v.error ?? ''}` : 'n/a'}`)
        .join(' ')}`,
    );
  }
  return report;
}

const commitOf = (dir: string) => execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD']).toString().trim();

// Taken at start: the processes run the code as it was then, whatever the checkouts become during the run.
const commits = { service: commitOf(ROOT), baseline: baselineDir ? commitOf(baselineDir) : undefined };

async function main() {
  mkdirSync(opts.out!, { recursive: true });
  if (serviceEntry === 'dist/start.js') log(`built dist/ (npm run build) in ${buildServer().ms} ms`);
  const loadAtStart = load1();
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(load1()), 10_000);
  const neo4j = await startBenchNeo4j(log);
  const contenders: Contender[] = [];
  try {
    const dataset = await loadDataset(size, Number(opts.seed), ROOT, log);
    log(`importing ${dataset.file} …`);
    const imported = await importDataset(neo4j.database, dataset.file);
    log(`imported ${imported.lines} lines in ${imported.seconds.toFixed(1)} s (${imported.linesPerSecond} lines/s)`);
    const params = await chooseParams(neo4j.database);
    log(`params ${JSON.stringify(params)}`);

    const firstRequests = WORKLOADS[0]!.requests(params);
    for (const id of runners) contenders.push(await startContender(id, neo4j.uri, firstRequests[role(id)]!));
    const validation = await validate(contenders, params);
    log('profiling …');
    const profiles = await profileAll(neo4j, workloads, params, chosen.includes('baseline') ? baselineDir : undefined);

    const runs: any[] = [];
    for (const w of workloads) {
      const requests = w.requests(params);
      // Only contenders whose result matched the floor's are measured; the others are reported as failing.
      const able = contenders.filter((c) => requests[role(c.id)] && validation[w.id]?.[c.id]?.ok === true);
      for (const c of able)
        await load({
          url: url(c, requests[role(c.id)]!),
          body: body(c, requests[role(c.id)]!),
          connections: 8,
          seconds: Number(opts.warmup),
        });
      for (const connections of levels) {
        const perContender = new Map<
          RunnerId,
          {
            rps: number[];
            p50: number[];
            p95: number[];
            p99: number[];
            cpuMsPerRequest: number[];
            errors: number;
            rss: number;
          }
        >();
        for (let rep = 0; rep < reps; rep++) {
          // Alternate the order so that no contender always runs first (or right after the floor).
          const order = able.map((_, i) => able[(i + rep) % able.length]!);
          for (const c of order) {
            const stopRss = sampleRss(c.proc.child.pid);
            const cpuBefore = cpuMs(c.proc.child.pid);
            const r = await load({
              url: url(c, requests[role(c.id)]!),
              body: body(c, requests[role(c.id)]!),
              connections,
              seconds,
            });
            const rss = stopRss();
            // The contender process's own CPU per answered request: far less sensitive to other load than req/s.
            const cpuPerRequest = r.requests
              ? Math.round(((cpuMs(c.proc.child.pid) - cpuBefore) / r.requests) * 100) / 100
              : 0;
            const acc = perContender.get(c.id) ?? {
              rps: [],
              p50: [],
              p95: [],
              p99: [],
              cpuMsPerRequest: [],
              errors: 0,
              rss: 0,
            };
            acc.cpuMsPerRequest.push(cpuPerRequest);
            acc.rps.push(r.rps);
            acc.p50.push(r.p50);
            acc.p95.push(r.p95);
            acc.p99.push(r.p99);
            acc.errors += r.errors + r.non2xx;
            acc.rss = Math.max(acc.rss, rss);
            perContender.set(c.id, acc);
          }
        }
        for (const [id, acc] of perContender) {
          const row = {
            workload: w.id,
            contender: id,
            concurrency: connections,
            rps: summarise(acc.rps),
            p50: summarise(acc.p50),
            p95: summarise(acc.p95),
            p99: summarise(acc.p99),
            cpuMsPerRequest: summarise(acc.cpuMsPerRequest),
            errors: acc.errors,
            peakRssMb: acc.rss,
          };
          runs.push(row);
          log(
            `${w.id} c=${connections} ${id}: ${row.rps.median} req/s (±${row.rps.spreadPct}%), p99 ${row.p99.median} ms, errors ${row.errors}`,
          );
        }
      }
    }

    const date = new Date().toISOString().slice(0, 10);
    const result = {
      date,
      size,
      seed: Number(opts.seed),
      dataset: { file: dataset.file, generator: dataset.generator, ...imported },
      machine: {
        ...describeMachine(neo4j.neo4jVersion),
        load1: { atStart: loadAtStart, max: Math.max(...loadSamples, loadAtStart), atEnd: load1() },
      },
      settings: {
        workloads: workloads.map((w) => w.id),
        concurrency: levels,
        seconds,
        reps,
        warmupSeconds: Number(opts.warmup),
        ...(Object.keys(serviceEnv).length ? { serviceEnv } : {}),
        serviceEntry,
      },
      params,
      ...(baselineDir ? { baseline: { dir: baselineDir, commit: commits.baseline }, commit: commits.service } : {}),
      coldStartMs: Object.fromEntries(contenders.map((c) => [c.id, c.coldStartMs])),
      validation,
      profiles,
      runs,
      workloads: Object.fromEntries(WORKLOADS.map((w) => [w.id, w.title])),
    };
    const base = resolve(opts.out!, `${date}-${size}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(`${base}.md`, writeMarkdown(result));
    log(`wrote ${base}.json and .md`);
  } finally {
    clearInterval(loadTimer);
    for (const c of contenders) await c.proc.stop();
    await neo4j.stop();
  }
}

await main();
process.exit(0);
