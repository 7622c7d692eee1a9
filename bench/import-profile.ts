import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import type { DbScope, TxRunner } from '../src/db/database.ts';
import { Database } from '../src/db/database.ts';
import { recordToObject } from '../src/db/values.ts';
import { freePort, startLocalNeo4j } from '../src/devdb/local-neo4j.ts';
import { importFile, parseLine } from '../src/services/import/importer.ts';
import { addToBatch, emptyBatch, writeBatch } from '../src/services/import/write.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, updateSchema } from '../src/services/migrations.ts';
import { SIZES, type Size } from './generate.ts';
import { loadDataset } from './lib/dataset.ts';

/**
 * npm run bench:import-profile -- --size S|M [--seed 42] [--batch-size 500] [--out FILE]
 * Where the bulk import's time goes (issue 18). Into a fresh local Neo4j (or the one at NEO4J_URI, which must be
 * empty) it imports the generated file except its last `batch-size` assertion lines, timing every statement by name
 * and every write transaction (the time outside the statements is BEGIN and COMMIT: index updates, full-text
 * included). Then it writes the held-out batch through the importer's own writeBatch with every statement PROFILEd,
 * in a transaction it rolls back, and reports each statement's db hits, rows, Eager operators and costliest
 * operators: what one batch costs on a graph of that size.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    seed: { type: 'string', default: '42' },
    'batch-size': { type: 'string', default: '500' },
    out: { type: 'string' },
  },
});
const size = values.size as Size;
const seed = Number(values.seed);
const batchSize = Number(values['batch-size']);
if (!(size in SIZES) || !Number.isInteger(seed) || !Number.isInteger(batchSize) || batchSize < 1) {
  console.error('usage: npm run bench:import-profile -- --size S|M|L [--seed 42] [--batch-size 500] [--out FILE]');
  process.exit(2);
}

// The same generated file `npm run bench` uses (cached in bench/.data).
const { file } = await loadDataset(size, seed, resolve(import.meta.dirname, '..'), (line) => console.error(line));

/** The file without its last `batchSize` assertion lines (written to `head`), and those lines. */
async function holdOut(head: string): Promise<string[]> {
  const assertionLines: number[] = [];
  let n = 0;
  for await (const raw of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n += 1;
    if (raw.includes('"type":"assertion"')) assertionLines.push(n);
  }
  const held = new Set(assertionLines.slice(-batchSize));
  const kept: string[] = [];
  const out = createWriteStream(head);
  n = 0;
  for await (const raw of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    n += 1;
    if (held.has(n)) kept.push(raw);
    else if (!out.write(`${raw}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return kept;
}

interface ProfileNode {
  operatorType: string;
  dbHits: number;
  rows: number;
  arguments: Record<string, unknown>;
  children: ProfileNode[];
}
const flatten = (p: ProfileNode): ProfileNode[] => [p, ...p.children.flatMap(flatten)];

/** Per-statement totals, and the mean of each statement's first and last tenth of calls (growth with the graph). */
class StatementTimes {
  private readonly calls = new Map<string, number[]>();
  add(name: string, ms: number) {
    const list = this.calls.get(name);
    if (list) list.push(ms);
    else this.calls.set(name, [ms]);
  }
  report() {
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    const round = (x: number) => Math.round(x * 10) / 10;
    return [...this.calls]
      .map(([name, ms]) => {
        const tenth = Math.max(1, Math.floor(ms.length / 10));
        return {
          name,
          calls: ms.length,
          totalMs: Math.round(ms.reduce((a, b) => a + b, 0)),
          meanMs: round(mean(ms)),
          firstTenthMeanMs: round(mean(ms.slice(0, tenth))),
          lastTenthMeanMs: round(mean(ms.slice(-tenth))),
        };
      })
      .sort((a, b) => b.totalMs - a.totalMs);
  }
}

const config = loadConfig();
let uri = config.neo4j.uri;
let password = config.neo4j.password;
let stopLocal = async () => {};
const scratch = mkdtempSync(join(tmpdir(), 'bench-import-profile-'));
if (!uri) {
  password = 'bench-password';
  const local = await startLocalNeo4j({
    dataDir: join(scratch, 'neo4j'),
    port: await freePort(),
    password,
    log: console.error,
  });
  uri = local.uri;
  stopLocal = () => local.stop();
}
const database = new Database({ ...config.neo4j, uri, password, queryTimeoutMs: 600_000 });
const statements = new StatementTimes();
const transactions = new StatementTimes();
const outsideStatements = new StatementTimes();
database.observe(({ name, ms }) => statements.add(name, ms));

/** Times each write transaction whole and the time its statements took (the rest: BEGIN, COMMIT, retries). */
function timed(db: DbScope): DbScope {
  const original = db.writeTransaction.bind(db);
  db.writeTransaction = async <T>(label: string, work: (tx: TxRunner) => Promise<T>): Promise<T> => {
    const started = performance.now();
    let inside = 0;
    const result = await original(label, async (tx) => {
      const run = async <R>(...args: Parameters<TxRunner['run']>) => {
        const t = performance.now();
        try {
          return await tx.run<R>(...args);
        } finally {
          inside += performance.now() - t;
        }
      };
      return work({ run, read: run });
    });
    const ms = performance.now() - started;
    transactions.add(label, ms);
    outsideStatements.add(label, ms - inside);
    return result;
  };
  return db;
}

try {
  const head = join(scratch, 'head.ndjson');
  const held = await holdOut(head);
  const db = timed(database.scope('bench:import-profile'));
  await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
  const started = performance.now();
  const result = await importFile(db, head, { batchSize });
  const seconds = (performance.now() - started) / 1000;
  if (!result.written) throw new Error(`${result.validation.rejected.length} lines were rejected`);
  console.error(`imported ${result.validation.lines} lines in ${seconds.toFixed(1)} s`);

  // The held-out batch, every statement PROFILEd, rolled back.
  const batch = emptyBatch();
  held.forEach((raw, i) => {
    const parsed = parseLine(raw, i + 1);
    if (!parsed || !('record' in parsed)) throw new Error(`held-out line ${i + 1} does not parse`);
    addToBatch(batch, parsed.record);
  });
  const profiles: {
    name: string;
    ms: number;
    dbHits: number;
    rows: number;
    eager: number;
    operators: { operator: string; dbHits: number; rows: number; details: string }[];
  }[] = [];
  const session = database.openSession('WRITE');
  const tx = await session.beginTransaction();
  try {
    const run = async <R>(st: { name: string; text: string }, params: Record<string, unknown> = {}): Promise<R[]> => {
      const t = performance.now();
      const res = await tx.run(`PROFILE ${st.text}`, params);
      const ms = performance.now() - t;
      const plan = flatten(res.summary.profile as unknown as ProfileNode);
      profiles.push({
        name: st.name,
        ms: Math.round(ms),
        dbHits: plan.reduce((n, p) => n + p.dbHits, 0),
        rows: plan[0]?.rows ?? 0,
        eager: plan.filter((p) => p.operatorType.startsWith('Eager')).length,
        operators: plan
          .toSorted((a, b) => b.dbHits - a.dbHits)
          .slice(0, 6)
          .map((p) => ({
            operator: p.operatorType.replace(/@neo4j$/, ''),
            dbHits: p.dbHits,
            rows: p.rows,
            details: String(p.arguments.Details ?? '').slice(0, 240),
          })),
      });
      return res.records.map((r) => recordToObject<R>(r));
    };
    await writeBatch({ run, read: run }, batch, null, 'import');
  } finally {
    await tx.rollback();
    await session.close();
  }

  const report = {
    benchmark: 'where the bulk import spends its time (bench/import-profile.ts)',
    date: new Date().toISOString(),
    size,
    seed,
    batchSize,
    lines: result.validation.lines,
    seconds: Math.round(seconds * 100) / 100,
    linesPerSecond: Math.round(result.validation.lines / seconds),
    statements: statements.report(),
    transactions: transactions.report(),
    /** Per transaction: its time minus its statements' (BEGIN, COMMIT with the index updates, retries). */
    outsideStatements: outsideStatements.report(),
    heldOutBatchProfile: profiles,
    machine: { cpus: cpus().length, node: process.version, loadAverage1m: Math.round(loadavg()[0]! * 10) / 10 },
  };
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) {
    mkdirSync(dirname(resolve(values.out)), { recursive: true });
    writeFileSync(resolve(values.out), json);
  }
  console.log(json);
} finally {
  await database.close();
  await stopLocal();
  rmSync(scratch, { recursive: true, force: true });
}
