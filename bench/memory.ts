/**
 * `npm run bench:memory -- --size S --workloads W3 --concurrency 8,32 --duration 60`
 *
 * Where the service's memory goes under load, and whether it comes back. One target process at a time (the service,
 * another checkout of it, or the floor) on the same bench Neo4j: RSS and the V8 heap idle after the first answer,
 * during N seconds of each workload at each concurrency (sampled every 250 ms from /proc, the heap every second from
 * the target's /metrics), and 10 and 30 s after the load stopped. Throughput and CPU ms per answered request are
 * recorded beside the memory, so a memory setting's CPU cost is read from the same run.
 *
 * `--uri bolt://…` measures against a running Neo4j (password `bench-password`) instead of a fresh one; the dataset
 * is imported only when that graph is empty. `--node-args "--max-semi-space-size=4"` starts each service target
 * with those Node/V8 flags (for trying settings; the production start's own flags apply regardless).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { BENCH_PASSWORD, type BenchNeo4j, importDataset, startBenchNeo4j } from './lib/database.ts';
import { loadDataset } from './lib/dataset.ts';
import { load } from './lib/load.ts';
import { describeMachine, load1 } from './lib/machine.ts';
import { chooseParams } from './lib/params.ts';
import { cpuMs, type Started, startNode } from './lib/processes.ts';
import { type Request, WORKLOADS } from './workloads.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    workloads: { type: 'string', default: 'W3' },
    concurrency: { type: 'string', default: '8,32' },
    duration: { type: 'string', default: '60' },
    /** Seconds after each load at which memory is read again. */
    after: { type: 'string', default: '10,30' },
    /** Seconds between the first answer and the idle reading. */
    settle: { type: 'string', default: '5' },
    /** service (this checkout), baseline (--baseline DIR), floor. */
    targets: { type: 'string', default: 'service' },
    baseline: { type: 'string' },
    'node-args': { type: 'string', default: '' },
    uri: { type: 'string' },
    label: { type: 'string', default: 'run' },
    out: { type: 'string', default: resolve(ROOT, 'bench/results/issue-18/mem') },
  },
});
const workloads = opts.workloads!.split(',').map((id) => {
  const w = WORKLOADS.find((x) => x.id === id);
  if (!w) throw new Error(`no workload ${id}`);
  return w;
});
const levels = opts.concurrency!.split(',').map(Number);
const seconds = Number(opts.duration);
const afterSeconds = opts.after!.split(',').map(Number);
const nodeArgs = opts['node-args']!.split(' ').filter(Boolean);
type TargetId = 'service' | 'baseline' | 'floor';
const targets = opts.targets!.split(',') as TargetId[];
if (targets.includes('baseline') && !opts.baseline) throw new Error('--targets baseline needs --baseline <checkout>');
const log = (line: string) => console.log(`[memory ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** What /proc says about the process: resident set, split into anonymous memory (heaps) and mapped files (code). */
function procMemory(pid: number | undefined) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rssMb: mb(kb('VmRSS') * 1024), anonMb: mb(kb('RssAnon') * 1024), fileMb: mb(kb('RssFile') * 1024) };
  } catch {
    return { rssMb: 0, anonMb: 0, fileMb: 0 };
  }
}

/** The V8 heap as the service's /metrics reports it (prom-client's process metrics), in MB; null for the floor. */
async function heapOf(port: number) {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
    const gc = (kind: string) => ({
      count: value(`nodejs_gc_duration_seconds_count\\{kind="${kind}"\\}`) || 0,
      seconds: value(`nodejs_gc_duration_seconds_sum\\{kind="${kind}"\\}`) || 0,
    });
    return {
      heapUsedMb: mb(value('nodejs_heap_size_used_bytes')),
      heapTotalMb: mb(value('nodejs_heap_size_total_bytes')),
      externalMb: mb(value('nodejs_external_memory_bytes')),
      newSpaceMb: mb(value('nodejs_heap_space_size_total_bytes\\{space="new"\\}')),
      oldSpaceMb: mb(value('nodejs_heap_space_size_total_bytes\\{space="old"\\}')),
      largeObjectMb: mb(value('nodejs_heap_space_size_total_bytes\\{space="large_object"\\}')),
      codeMb: mb(value('nodejs_heap_space_size_total_bytes\\{space="code"\\}')),
      gc: { minor: gc('minor'), major: gc('major'), incremental: gc('incremental') },
    };
  } catch {
    return null;
  }
}
type Heap = NonNullable<Awaited<ReturnType<typeof heapOf>>>;

async function reading(target: Target) {
  const heap = target.id === 'floor' ? null : await heapOf(target.port);
  return { ...procMemory(target.proc.child.pid), heap };
}

interface Target {
  id: TargetId;
  port: number;
  proc: Started;
}

const url = (t: Target, r: Request) =>
  t.id === 'floor' ? `http://127.0.0.1:${t.port}/${r.query}` : `http://127.0.0.1:${t.port}/graphql`;
const body = (t: Target, r: Request) =>
  JSON.stringify(t.id === 'floor' ? { variables: r.variables } : { query: r.query, variables: r.variables });
const requestOf = (t: Target, w: (typeof WORKLOADS)[number], params: Parameters<typeof w.requests>[0]) =>
  w.requests(params)[t.id === 'floor' ? 'floor' : 'service']!;

async function start(id: TargetId, uri: string, first: Request) {
  const port = await freePort();
  const started = performance.now();
  const proc =
    id === 'floor'
      ? startNode(
          'bench/contenders/floor/server.ts',
          ['--port', String(port), '--uri', uri, '--password', BENCH_PASSWORD],
          {},
          ROOT,
        )
      : startNode(
          'src/index.ts',
          [],
          { NEO4J_URI: uri, NEO4J_PASSWORD: BENCH_PASSWORD, PORT: String(port), LOG_LEVEL: 'warn' },
          id === 'baseline' ? resolve(opts.baseline!) : ROOT,
          nodeArgs,
        );
  const target: Target = { id, port, proc };
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${id} exited:\n${proc.output()}`);
    try {
      const response = await fetch(url(target, first), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(target, first),
      });
      const answer = (await response.json()) as { data?: unknown; errors?: unknown };
      if (answer.data && !answer.errors) break;
    } catch {}
    if (performance.now() - started > 180_000) throw new Error(`${id} did not answer:\n${proc.output()}`);
    await sleep(25);
  }
  return { target, coldStartMs: Math.round(performance.now() - started) };
}

/** One load while sampling memory: RSS every 250 ms, the heap every second. */
async function measuredLoad(target: Target, request: Request, connections: number) {
  const pid = target.proc.child.pid;
  let peak = procMemory(pid);
  let peakHeap: Heap | null = null;
  let sampling = true;
  const rssTimer = setInterval(() => {
    const now = procMemory(pid);
    if (now.rssMb > peak.rssMb) peak = now;
  }, 250);
  const heapSampler = (async () => {
    while (sampling && target.id !== 'floor') {
      const heap = await heapOf(target.port);
      if (heap && (!peakHeap || heap.heapTotalMb > peakHeap.heapTotalMb)) peakHeap = heap;
      await sleep(1000);
    }
  })();
  const gcBefore = target.id === 'floor' ? null : await heapOf(target.port);
  const cpuBefore = cpuMs(pid);
  const result = await load({ url: url(target, request), body: body(target, request), connections, seconds });
  const cpu = cpuMs(pid) - cpuBefore;
  sampling = false;
  clearInterval(rssTimer);
  await heapSampler;
  const end = await reading(target);
  if (end.rssMb > peak.rssMb) peak = { rssMb: end.rssMb, anonMb: end.anonMb, fileMb: end.fileMb };
  const gcDuring =
    gcBefore && end.heap
      ? Object.fromEntries(
          (['minor', 'major', 'incremental'] as const).map((k) => [
            k,
            {
              count: end.heap!.gc[k].count - gcBefore.gc[k].count,
              ms: Math.round((end.heap!.gc[k].seconds - gcBefore.gc[k].seconds) * 1000),
            },
          ]),
        )
      : null;
  return {
    connections,
    seconds,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: result.requests ? Math.round((cpu / result.requests) * 100) / 100 : 0,
    gcDuring,
    peak: { ...peak, heap: peakHeap as Heap | null },
    atEnd: end,
  };
}

async function measure(id: TargetId, uri: string, params: Parameters<(typeof WORKLOADS)[number]['requests']>[0]) {
  const first = requestOf({ id } as Target, workloads[0]!, params);
  const { target, coldStartMs } = await start(id, uri, first);
  log(`${id} answered after ${coldStartMs} ms (port ${target.port})`);
  try {
    await sleep(Number(opts.settle) * 1000);
    const idle = await reading(target);
    log(`${id} idle: RSS ${idle.rssMb} MB, heap ${idle.heap?.heapUsedMb}/${idle.heap?.heapTotalMb} MB`);
    const runs = [];
    for (const w of workloads) {
      const request = requestOf(target, w, params);
      for (const connections of levels) {
        const run = await measuredLoad(target, request, connections);
        const after: Record<string, Awaited<ReturnType<typeof reading>>> = {};
        let waited = 0;
        for (const s of afterSeconds) {
          await sleep((s - waited) * 1000);
          waited = s;
          after[`${s}s`] = await reading(target);
        }
        log(
          `${id} ${w.id} c=${connections}: ${run.rps} req/s, p99 ${run.p99} ms, ${run.cpuMsPerRequest} CPU ms/req, ` +
            `RSS peak ${run.peak.rssMb} MB, end ${run.atEnd.rssMb}, ` +
            `${afterSeconds.map((s) => `+${s}s ${after[`${s}s`]!.rssMb}`).join(', ')}`,
        );
        runs.push({ workload: w.id, ...run, after });
      }
    }
    const commit = execFileSync('git', [
      '-C',
      id === 'baseline' ? opts.baseline! : ROOT,
      'rev-parse',
      '--short',
      'HEAD',
    ])
      .toString()
      .trim();
    return { id, commit, nodeArgs: id === 'floor' ? [] : nodeArgs, coldStartMs, idle, runs };
  } finally {
    await target.proc.stop();
  }
}

async function neo4jFor(): Promise<{ uri: string; database: Database; stop(): Promise<void>; bench?: BenchNeo4j }> {
  if (opts.uri) {
    const database = new Database({
      uri: opts.uri,
      user: 'neo4j',
      password: BENCH_PASSWORD,
      database: 'neo4j',
      maxPoolSize: 4,
      queryTimeoutMs: 600_000,
      connectionTimeoutMs: 30_000,
    });
    await database.verify();
    return { uri: opts.uri, database, stop: () => database.close() };
  }
  const bench = await startBenchNeo4j(log);
  return { uri: bench.uri, database: bench.database, stop: () => bench.stop(), bench };
}

async function main() {
  mkdirSync(opts.out!, { recursive: true });
  const loadAtStart = load1();
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(load1()), 10_000);
  const neo4j = await neo4jFor();
  try {
    const session = neo4j.database.driver.session({ database: 'neo4j' });
    const assertions = await session
      .run('MATCH (a:Assertion) RETURN count(a) AS n')
      .then((r) => Number(r.records[0]?.get('n')));
    await session.close();
    let imported: Awaited<ReturnType<typeof importDataset>> | undefined;
    const dataset = await loadDataset(opts.size!, Number(opts.seed), ROOT, log);
    if (assertions < 100) {
      log(`importing ${dataset.file} …`);
      imported = await importDataset(neo4j.database, dataset.file);
      log(`imported ${imported.lines} lines in ${imported.seconds.toFixed(1)} s`);
    }
    const params = await chooseParams(neo4j.database);
    const results = [];
    for (const id of targets) results.push(await measure(id, neo4j.uri, params));
    const date = new Date().toISOString().slice(0, 10);
    const result = {
      date,
      label: opts.label,
      size: opts.size,
      seed: Number(opts.seed),
      dataset: dataset.file.slice(ROOT.length + 1),
      machine: {
        ...describeMachine('5.26'),
        load1: { atStart: loadAtStart, max: Math.max(...loadSamples, loadAtStart), atEnd: load1() },
      },
      settings: {
        workloads: workloads.map((w) => w.id),
        concurrency: levels,
        seconds,
        afterSeconds,
        settleSeconds: Number(opts.settle),
      },
      targets: results,
    };
    const base = resolve(opts.out!, `${date}-${opts.size}-${opts.label}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(`${base}.md`, markdown(result));
    log(`wrote ${base}.json and .md`);
  } finally {
    clearInterval(loadTimer);
    await neo4j.stop();
  }
}

function markdown(r: any): string {
  const m = r.machine;
  const out = [
    `# Memory under load ${r.date} — ${r.label}, size ${r.size}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM; Node ${m.node}. 1-minute load average ${m.load1.atStart} ` +
      `at start, ${m.load1.max} at most, ${m.load1.atEnd} at end (Neo4j, the load generator and the target share it).`,
    '',
    `Each target alone, started fresh: idle ${r.settings.settleSeconds} s after its first answer, then for each ` +
      `workload and concurrency ${r.settings.seconds} s of load, then readings ${r.settings.afterSeconds.join(' and ')} s ` +
      'after it stopped. RSS from /proc (anon = heaps, file = mapped code); heap from the target’s /metrics.',
    '',
    '| target | node args | workload | c | req/s | p99 ms | CPU ms/req | RSS idle | RSS peak (anon) | heap total peak (new / old) | RSS at end | ' +
      `${r.settings.afterSeconds.map((s: number) => `RSS +${s} s`).join(' | ')} | heap used / total +${r.settings.afterSeconds.at(-1)} s | GC during load (minor / major+incr., ms) |`,
    `|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|${r.settings.afterSeconds.map(() => '---:').join('|')}|---:|---:|`,
  ];
  for (const t of r.targets) {
    for (const run of t.runs) {
      const last = run.after[`${r.settings.afterSeconds.at(-1)}s`];
      const ph = run.peak.heap;
      const gc = run.gcDuring
        ? `${run.gcDuring.minor.count} (${run.gcDuring.minor.ms}) / ${run.gcDuring.major.count + run.gcDuring.incremental.count} (${run.gcDuring.major.ms + run.gcDuring.incremental.ms})`
        : '–';
      out.push(
        `| ${t.id} ${t.commit} | ${t.nodeArgs.join(' ') || '–'} | ${run.workload} | ${run.connections} | ${run.rps} | ${run.p99} | ${run.cpuMsPerRequest} | ` +
          `${t.idle.rssMb} | ${run.peak.rssMb} (${run.peak.anonMb}) | ${ph ? `${ph.heapTotalMb} (${ph.newSpaceMb} / ${ph.oldSpaceMb})` : '–'} | ` +
          `${run.atEnd.rssMb} | ${r.settings.afterSeconds.map((s: number) => run.after[`${s}s`].rssMb).join(' | ')} | ` +
          `${last.heap ? `${last.heap.heapUsedMb} / ${last.heap.heapTotalMb}` : '–'} | ${gc} |`,
      );
    }
  }
  out.push(
    '',
    `Cold start (spawn → first answer): ${r.targets.map((t: any) => `${t.id} ${t.coldStartMs} ms`).join(', ')}.`,
    '',
  );
  return `${out.join('\n')}\n`;
}

await main();
process.exit(0);
