import { once } from 'node:events';
import { appendFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { freePort, NEO4J_VERSION, startLocalNeo4j } from '../src/devdb/local-neo4j.ts';
import { systemRepository } from '../src/repositories/system.ts';
import { importFile } from '../src/services/import/importer.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, updateSchema } from '../src/services/migrations.ts';
import { createProgress } from '../src/services/progress.ts';
import { generate, SIZES, type Size } from './generate.ts';

/**
 * npm run bench:import -- --size S|M [--seed 42] [--batch-size 500]
 * Generates (or reuses bench/tmp/gen-<size>-seed<seed>.ndjson), imports it with the bulk importer
 * into the Neo4j at NEO4J_URI, or into a fresh local Neo4j on a scratch directory and free port,
 * and writes entities+assertions per second to bench/results/import-<size>-<date>.json.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    'batch-size': { type: 'string', default: '500' },
  },
});
const size = values.size as Size;
const seed = Number(values.seed);
const batchSize = Number(values['batch-size']);
if (!(size in SIZES) || !Number.isInteger(seed) || !Number.isInteger(batchSize) || batchSize < 1) {
  console.error('usage: npm run bench:import -- --size S|M|L [--seed 42] [--batch-size 500]');
  process.exit(2);
}

const BENCH_DIR = import.meta.dirname;
const file = resolve(BENCH_DIR, 'tmp', `gen-${size}-seed${seed}.ndjson`);
if (!existsSync(file)) {
  mkdirSync(resolve(BENCH_DIR, 'tmp'), { recursive: true });
  const out = createWriteStream(file);
  await generate(size, seed, async (line) => {
    if (!out.write(line)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
  console.error(`generated ${file}`);
}

const config = loadConfig();
let uri = config.neo4j.uri;
let password = config.neo4j.password;
let stopLocal = async () => {};
let via = 'NEO4J_URI';
if (!uri) {
  via = 'local (fresh scratch database)';
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-neo4j-'));
  password = 'bench-password';
  const local = await startLocalNeo4j({ dataDir: dir, port: await freePort(), password, log: console.error });
  uri = local.uri;
  stopLocal = async () => {
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
const database = new Database({ ...config.neo4j, uri, password, queryTimeoutMs: 600_000 });
try {
  const db = database.scope('bench:import');
  await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
  const before = await systemRepository(db).counts();
  const progress = createProgress();
  const started = performance.now();
  let validated = started;
  const result = await importFile(db, file, {
    batchSize,
    onProgress: ({ phase, done, total }) => {
      if (phase === 'validate') return progress.update('lines validated', done, total);
      if (validated === started) validated = performance.now();
      progress.update(`lines written (${phase})`, done, total);
    },
  });
  const finished = performance.now();
  if (!result.written) throw new Error(`${result.validation.rejected.length} generated lines were rejected`);
  progress.finish('import done');
  const after = await systemRepository(db).counts();
  const c = result.counts;
  const seconds = (finished - started) / 1000;
  const facts = c.entities + c.assertions;
  const report = {
    benchmark: 'bulk import (npm run import)',
    date: new Date().toISOString(),
    size,
    seed,
    file: `bench/tmp/gen-${size}-seed${seed}.ndjson`,
    lines: result.validation.lines,
    batchSize,
    written: c,
    seconds: {
      validate: Math.round((validated - started) / 10) / 100,
      write: Math.round((finished - validated) / 10) / 100,
      total: Math.round(seconds * 100) / 100,
    },
    entitiesAndAssertionsPerSecond: Math.round(facts / seconds),
    linesPerSecond: Math.round(result.validation.lines / seconds),
    graph: { before, after },
    neo4j: { version: NEO4J_VERSION, via, heap: '-Xmx1g (local launcher)' },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1e9),
      freeMemoryGb: Math.round(freemem() / 1e9),
      node: process.version,
      /** Other work on the machine skews the figures; recorded so runs can be compared fairly. */
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
    },
  };
  const resultsDir = resolve(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const name = `import-${size}-${report.date.slice(0, 10)}.json`;
  writeFileSync(resolve(resultsDir, name), `${JSON.stringify(report, null, 2)}\n`);
  const readme = resolve(resultsDir, 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, '# Benchmark results\n\n');
  appendFileSync(
    readme,
    `- ${report.date.slice(0, 10)} import ${size} (${report.lines} lines, batch ${batchSize}): ` +
      `${report.entitiesAndAssertionsPerSecond} entities+assertions/s, ${report.linesPerSecond} lines/s, ` +
      `${report.seconds.total} s (validate ${report.seconds.validate} s) on ${report.machine.cpus} CPUs ` +
      `(load ${report.machine.loadAverage1m}), ` +
      `Neo4j ${NEO4J_VERSION} ${via} — [${name}](${name})\n`,
  );
  console.log(JSON.stringify(report, null, 2));
} finally {
  await database.close();
  await stopLocal();
}
