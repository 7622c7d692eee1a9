import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { createProgress } from '../src/services/progress.ts';
import { neo4jEnv, testApp } from './helpers/app.ts';

/** The bulk import CLI against the run's real Neo4j: reject report, idempotency, resume after a kill. */
const { database } = testApp();
const state = graphStateRepository(database.scope('test-import'));
const MARKER = ':test-import-';
const dir = mkdtempSync(join(tmpdir(), 'test-import-'));
const ROOT = resolve(import.meta.dirname, '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [resolve(ROOT, 'scripts/import.ts'), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...neo4jEnv(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Run>((ok) => child.once('close', (code) => ok({ code, stdout, stderr })));
  return { child, done };
}

const importFile = (...args: string[]) => cli(args).done;

/** Waits until a transaction of the run's Neo4j is blocked on a lock (the import CLI's, held by this file). */
async function untilBlocked(child: ChildProcess) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error('the import finished before it reached the held key');
      const result = await session.run(
        "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS blocked",
      );
      if (result.records[0]!.get('blocked').toNumber() > 0) return;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    throw new Error('the import never blocked on the held key');
  } finally {
    await session.close();
  }
}

/** A small generated graph (bench/generate.ts, size XS) moved into this file's key space. */
async function generatedFile(): Promise<string> {
  const lines: string[] = [];
  await generate('XS', 7, (line) => {
    lines.push(line.replaceAll(':gen-', MARKER));
  });
  const file = join(dir, 'generated.ndjson');
  writeFileSync(file, lines.join(''));
  return file;
}

const line = (record: object) => JSON.stringify({ v: 1, ...record });
const source = { source: 'source:test-import-doc', snippet: 'some words' };
/** The seed article's words, for links that must cite a source the graph holds. */
const articleWords = { source: 'source:panfinance-chinese-tech-giants-ai-investment', snippet: 'Johor, Malaysia' };

beforeAll(() => state.deleteKeyspace(MARKER));
afterAll(async () => {
  await state.deleteKeyspace(MARKER);
  await database.close();
});

describe('npm run import: validation first', () => {
  it('reports every bad line with its number and reason and writes nothing', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(
      file,
      [
        line({ type: 'entity', kind: 'Company', key: 'company:test-import-ok', name: 'OK Co' }),
        '{"v":1,"type":"entity",', // 2: not JSON
        line({ type: 'entity', kind: 'Compny', key: 'company:test-import-x', name: 'X' }), // 3: unknown kind
        '', // blank lines are skipped but still counted
        line({
          type: 'link',
          rel: 'PART_OF',
          from: 'company:test-import-ok',
          to: 'place:test-import-nowhere',
          sources: [source],
        }), // 5
        line({
          type: 'assertion',
          kind: 'FinancialFigure',
          key: 'fact:test-import-decimals',
          summary: 'too precise',
          mode: 'reported',
          roles: { SUBJECT: ['company:test-import-ok'] },
          money: { amount: '1.234', currency: 'USD', asReported: '$1.234' },
          sources: [source],
        }), // 6: more decimals than USD allows
        line({
          type: 'source',
          key: 'source:test-import-doc',
          title: 'Doc',
          publisher: 'organization:test-import-ghost',
        }), // 7
        line({
          type: 'assertion',
          kind: 'Claim',
          key: 'fact:test-import-claim',
          summary: 'cites a rejected source',
          mode: 'reported',
          roles: { SUBJECT: ['company:alibaba'] },
          sources: [source],
        }), // 8: its source was rejected
        line({
          type: 'assertion',
          kind: 'Claim',
          key: 'fact:test-import-nosource',
          summary: 'no source',
          mode: 'reported',
          roles: {},
          sources: [],
        }), // 9
      ].join('\n'),
    );
    const before = await state.snapshot();
    const report = join(dir, 'report.json');
    const run = await importFile(file, '--report', report);
    expect(run.code).toBe(1);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.written).toBe(false);
    expect(json.lines).toBe(8);
    const reasons = Object.fromEntries(json.rejected.map((r: { line: number; reason: string }) => [r.line, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(reasons[2]).toMatch(/^not JSON/);
    expect(reasons[3]).toMatch(/^kind: Invalid option/);
    expect(reasons[5]).toMatch(/unknown entity key place:test-import-nowhere/);
    expect(reasons[6]).toMatch(/more decimals than USD allows/);
    expect(reasons[7]).toMatch(/unknown entity key organization:test-import-ghost/);
    expect(reasons[8]).toMatch(/cites source source:test-import-doc, whose line 7 was rejected/);
    expect(reasons[9]).toMatch(/sources: an assertion needs at least one source/);
    expect(run.stderr).toContain('line 5: unknown entity key place:test-import-nowhere');
    expect(run.stderr).toMatch(/7 of 8 line\(s\) rejected; nothing was written/);
    expect(await state.snapshot()).toEqual(before);

    const skipped = await importFile(file, '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ entities: 1, sources: 0, links: 0, assertions: 0, rejected: 7 });
    expect(await state.keyspaceCount(MARKER)).toBe(1);
    await state.deleteKeyspace(MARKER);
    expect(await state.snapshot()).toEqual(before);
  });

  it('accepts lines that point at keys declared later in the file or already in the graph', async () => {
    const file = join(dir, 'forward.ndjson');
    writeFileSync(
      file,
      [
        line({
          type: 'link',
          rel: 'PART_OF',
          from: 'place:test-import-city',
          to: 'place:test-import-land',
          sources: [articleWords],
        }),
        line({ type: 'entity', kind: 'Place', key: 'place:test-import-city', name: 'City' }),
        line({ type: 'entity', kind: 'Place', key: 'place:test-import-land', name: 'Land' }),
        line({ type: 'link', rel: 'PART_OF', from: 'place:test-import-land', to: 'place:my', sources: [articleWords] }),
      ].join('\r\n'),
    );
    const run = await importFile(file);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ entities: 2, links: 2, rejected: 0 });
    await state.deleteKeyspace(MARKER);
  });
});

describe('npm run import: idempotent and resumable', () => {
  let file: string;
  let empty: Awaited<ReturnType<typeof state.snapshot>>;
  let clean: Awaited<ReturnType<typeof state.snapshot>>;

  beforeAll(async () => {
    file = await generatedFile();
    empty = await state.snapshot();
  });

  it('imports a generated graph, and importing it again changes nothing', async () => {
    const first = await importFile(file, '--batch-size', '200');
    expect(first.code, first.stderr).toBe(0);
    const written = JSON.parse(first.stdout);
    clean = await state.snapshot();
    expect(clean.nodes - empty.nodes).toBe(written.entities + written.sources + written.assertions);
    expect(clean.checksum).not.toBe(empty.checksum);

    const second = await importFile(file, '--batch-size', '77');
    expect(second.code, second.stderr).toBe(0);
    expect(await state.snapshot()).toEqual(clean);
  });

  it('prints plain progress lines when stderr is not a terminal', async () => {
    const run = await importFile(file);
    expect(run.stderr).toMatch(/^\d+\.\d% [\d,]+\/[\d,]+ lines written \(\w+\) {2}[\d,]+\/s {2}ETA \d+:\d\d$/m);
    expect(run.stderr).not.toContain('\r');
  });

  it('converges to the same graph when killed mid-way and run again', async () => {
    await state.deleteKeyspace(MARKER);
    expect(await state.snapshot()).toEqual(empty);

    // The import writes entities, sources, links, then assertions, in batches. This test holds the key of the
    // assertion halfway through (an uncommitted node under the unique constraint), so the batch that MERGEs it waits
    // for this transaction: the kill lands mid-import however fast or slow the machine is.
    const BATCH = 10;
    const records = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; key: string });
    const count = (type: string) => records.filter((r) => r.type === type).length;
    const assertionKeys = records.filter((r) => r.type === 'assertion').map((r) => r.key);
    const heldAt = Math.floor(assertionKeys.length / 2);
    const session = database.driver.session({ database: database.databaseName });
    const holder = await session.beginTransaction();
    await holder.run('CREATE (:Assertion {key: $key})', { key: assertionKeys[heldAt] });
    const { child, done } = cli([file, '--batch-size', String(BATCH), '--quiet']);
    try {
      await untilBlocked(child);
      child.kill('SIGKILL');
      expect((await done).code).toBeNull();
    } finally {
      await holder.rollback();
      await session.close();
    }
    // Exactly the batches before the held one were committed; the held batch died with the process.
    const afterKill = await state.snapshot();
    const committedAssertions = BATCH * Math.floor(heldAt / BATCH);
    expect(afterKill.nodes - empty.nodes).toBe(count('entity') + count('source') + committedAssertions);
    expect(committedAssertions).toBeGreaterThan(0);
    expect(committedAssertions).toBeLessThan(assertionKeys.length);

    const rerun = await importFile(file, '--batch-size', '300');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(await state.snapshot()).toEqual(clean);
  });
});

/** A stream that records what is written to it, as a terminal (isTTY) or a pipe. */
function capture(tty: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  if (tty) Object.assign(stream, { isTTY: true, columns: 120 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('') };
}

describe('import progress (cli-progress)', () => {
  const run = (stream: NodeJS.WriteStream, quiet = false) => {
    const progress = createProgress(stream, { quiet });
    progress.update('lines written (entities)', 250, 1000);
    progress.update('lines written (assertions)', 1000, 1000);
    progress.finish('imported');
  };

  it('redraws one bar on a terminal and clears it for the summary', () => {
    const tty = capture(true);
    run(tty.stream);
    expect(tty.text()).toMatch(/\[#{28}\] 100% 1,000\/1,000 lines written \(assertions\) {2}[\d,]+\/s {2}ETA 0:00/);
    expect(tty.text()).toMatch(/imported \(0:0\d\)\n$/);
  });

  it('writes whole plain lines off a terminal, and nothing when quiet', () => {
    const pipe = capture(false);
    run(pipe.stream);
    expect(pipe.text().split('\n')).toEqual([
      expect.stringMatching(/^0\.0% 0\/1,000 lines written \(entities\) {2}0\/s {2}ETA --:--$/),
      expect.stringMatching(/^100\.0% 1,000\/1,000 lines written \(assertions\) {2}[\d,]+\/s {2}ETA 0:00$/),
      expect.stringMatching(/^imported \(0:0\d\)$/),
      '',
    ]);
    const quiet = capture(false);
    run(quiet.stream, true);
    expect(quiet.text()).toBe('');
  });
});
