/**
 * `npm run bench:cold-start -- --runs 10 --idle 5 --out bench/results/issue-18/build`
 * Cold start and idle memory of the service as separate processes, on a Neo4j that is already up and seeded (so a
 * start finds nothing to migrate or seed). Each variant is started `--runs` times, alternated, after one unrecorded
 * start each (it migrates and seeds a fresh database, and warms the file cache):
 * - cold start: from spawn to the first good answer to a README question (the bench's figure), polled every 10 ms;
 * - CPU: user + system time the process used until then;
 * - idle RSS: the resident set `--idle` seconds after that answer, nothing else asked meanwhile.
 * Variants: `src` (node src/index.ts, as `npm run dev` and the tests), `dist` (node dist/start.js, as `npm start` and
 * the Dockerfile, built first), `baseline` (node src/index.ts in `--baseline DIR`), and any
 * `--variant name:entry[:node flag,…[:NAME=value,…]]`. Neo4j: NEO4J_URI (with NEO4J_PASSWORD) when set, else a fresh local one.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { buildServer } from '../src/devdb/build.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { EXAMPLES_DIR } from '../src/server/examples.ts';
import { prepareDatabase } from '../src/services/seed.ts';
import { BENCH_PASSWORD, startBenchNeo4j } from './lib/database.ts';
import { describeMachine, load1 } from './lib/machine.ts';
import { cpuMs, rssMb, type Started, startNode } from './lib/processes.ts';
import { median } from './lib/stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    idle: { type: 'string', default: '5' },
    variants: { type: 'string', default: 'src,dist' },
    variant: { type: 'string', multiple: true, default: [] },
    baseline: { type: 'string' },
    question: { type: 'string', default: '03-bytedance' },
    out: { type: 'string', default: resolve(ROOT, 'bench/results') },
    name: { type: 'string', default: `cold-start-${new Date().toISOString().slice(0, 10)}` },
  },
});
const runs = Number(opts.runs);
const idleMs = Number(opts.idle) * 1000;
const log = (line: string) => console.log(`[cold-start ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Variant {
  name: string;
  entry: string;
  cwd: string;
  flags: string[];
  env?: Record<string, string>;
}

function variants(): Variant[] {
  const list: Variant[] = [];
  for (const name of opts.variants!.split(',').filter(Boolean)) {
    if (name === 'src') list.push({ name, entry: 'src/index.ts', cwd: ROOT, flags: [] });
    else if (name === 'dist') list.push({ name, entry: 'dist/start.js', cwd: ROOT, flags: [] });
    else if (name === 'baseline') {
      if (!opts.baseline) throw new Error('variant baseline needs --baseline DIR');
      list.push({ name, entry: 'src/index.ts', cwd: resolve(opts.baseline), flags: [] });
    } else throw new Error(`unknown variant ${name} (src, dist, baseline, or --variant name:entry[:flags])`);
  }
  for (const spec of opts.variant ?? []) {
    const [name, entry, flags, env] = spec.split(':');
    if (!name || !entry) throw new Error(`--variant name:entry[:flag,…[:NAME=value,…]], not ${spec}`);
    const vars = Object.fromEntries((env ? env.split(',') : []).map((pair) => pair.split('=') as [string, string]));
    list.push({ name, entry, cwd: ROOT, flags: flags ? flags.split(',') : [], env: vars });
  }
  return list;
}

const query = readFileSync(resolve(EXAMPLES_DIR, `${opts.question}.graphql`), 'utf8');

async function answered(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    return Boolean(body.data) && !body.errors;
  } catch {
    return false;
  }
}

interface Run {
  coldStartMs: number;
  cpuMsToAnswer: number;
  idleRssMb: number;
  load1: number;
}

async function startOnce(v: Variant, uri: string, password: string): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const proc: Started = startNode(
    v.entry,
    [],
    {
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      PORT: String(port),
      SEED_ON_START: 'true',
      LOG_LEVEL: 'warn',
      ...v.env,
    },
    v.cwd,
    v.flags,
  );
  try {
    for (;;) {
      if (proc.child.exitCode !== null) throw new Error(`${v.name} exited:\n${proc.output()}`);
      if (await answered(port)) break;
      if (performance.now() - started > 120_000) throw new Error(`${v.name} did not answer within 120 s`);
      await new Promise((ok) => setTimeout(ok, 10));
    }
    const coldStartMs = Math.round(performance.now() - started);
    const cpu = cpuMs(proc.child.pid);
    await new Promise((ok) => setTimeout(ok, idleMs));
    return { coldStartMs, cpuMsToAnswer: cpu, idleRssMb: rssMb(proc.child.pid), load1: load1() };
  } finally {
    await proc.stop();
  }
}

async function main() {
  const list = variants();
  if (list.some((v) => v.entry.startsWith('dist/') && v.cwd === ROOT)) {
    const built = buildServer();
    log(`built dist/ in ${built.ms} ms`);
  }
  const external = process.env.NEO4J_URI;
  const neo4j = external ? null : await startBenchNeo4j(log);
  const uri = external ?? neo4j!.uri;
  const password = external ? (process.env.NEO4J_PASSWORD ?? 'local-dev-password') : BENCH_PASSWORD;
  const loadAtStart = load1();
  try {
    const config = loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: password, NEO4J_QUERY_TIMEOUT_MS: '600000' });
    const database = new Database({ ...config.neo4j, uri });
    await prepareDatabase(database.scope('bench-cold-start'), { seedWhenEmpty: true, migrations: config.migrations });
    await database.close();
    const results: Record<string, Run[]> = Object.fromEntries(list.map((v) => [v.name, []]));
    for (const v of list) {
      const warm = await startOnce(v, uri, password);
      log(`${v.name}: warm-up start ${warm.coldStartMs} ms (not recorded)`);
    }
    for (let i = 0; i < runs; i++) {
      for (const v of i % 2 ? [...list].reverse() : list) {
        const run = await startOnce(v, uri, password);
        results[v.name]!.push(run);
        log(
          `${v.name} #${i + 1}: ${run.coldStartMs} ms to the first answer (CPU ${run.cpuMsToAnswer} ms), idle RSS ${run.idleRssMb} MB`,
        );
      }
    }
    const summary = Object.fromEntries(
      list.map((v) => {
        const rs = results[v.name]!;
        const stat = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
        return [
          v.name,
          {
            entry: v.entry,
            flags: v.flags,
            env: v.env,
            coldStartMs: stat(rs.map((r) => r.coldStartMs)),
            cpuMsToAnswer: stat(rs.map((r) => r.cpuMsToAnswer)),
            idleRssMb: stat(rs.map((r) => r.idleRssMb)),
          },
        ];
      }),
    );
    const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
    const result = {
      date: new Date().toISOString(),
      commit,
      baseline: opts.baseline ? { dir: opts.baseline } : undefined,
      question: opts.question,
      runs,
      idleSeconds: idleMs / 1000,
      neo4j: external ? 'NEO4J_URI' : 'fresh local (bench/lib/database.ts)',
      machine: { ...describeMachine('5.26.19'), load1: { atStart: loadAtStart, atEnd: load1() } },
      summary,
      results,
    };
    mkdirSync(opts.out!, { recursive: true });
    const base = resolve(opts.out!, opts.name!);
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    const rows = list.map((v) => {
      const s = summary[v.name]!;
      const f = (x: { median: number; min: number; max: number }) => `${x.median} (${x.min}–${x.max})`;
      return `| ${v.name} | \`${[...v.flags, v.entry].join(' ')}\` | ${f(s.coldStartMs)} | ${f(s.cpuMsToAnswer)} | ${f(s.idleRssMb)} |`;
    });
    writeFileSync(
      `${base}.md`,
      [
        `# Cold start and idle RSS, ${result.date.slice(0, 10)} (commit ${commit})`,
        '',
        `${runs} starts per variant, alternated, on a Neo4j already up and seeded; first answer = README question ` +
          `${opts.question}; idle RSS ${idleMs / 1000} s after it. Load average ${loadAtStart} at the start, ` +
          `${result.machine.load1.atEnd} at the end, ${result.machine.cpus} CPUs. Median (min–max).`,
        '',
        '| variant | command | spawn → first answer, ms | CPU until then, ms | idle RSS, MB |',
        '|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
    log(`wrote ${base}.json and .md`);
  } finally {
    await neo4j?.stop();
  }
}

await main();
process.exit(0);
