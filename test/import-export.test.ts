import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { formatJsonSchema, SCHEMA_FILE } from '../scripts/format-schema.ts';
import { ImportLine, type ImportRecord } from '../src/domain/format.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { exportRecords } from '../src/services/export.ts';
import { importFile } from '../src/services/import/importer.ts';
import { seedNdjson } from '../src/services/seed.ts';
import { neo4jEnv, testApp } from './helpers/app.ts';
import { emptyGraph } from './helpers/graph.ts';

/** npm run export: the graph back in the import format; the seed round-trips exactly. */
const { database, yoga } = testApp();
const db = database.scope('test-export');
const dir = mkdtempSync(join(tmpdir(), 'test-export-'));
const ROOT = resolve(import.meta.dirname, '..');

afterAll(() => database.close());

const idOf = (r: ImportRecord) => (r.type === 'link' ? `link|${r.rel}|${r.from}|${r.to}` : `${r.type}|${r.key}`);
const parseFile = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ImportLine.parse(JSON.parse(l)));

function runExport(file: string) {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/export.ts'), file, '--quiet'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...neo4jEnv(),
    },
  });
  return readFileSync(file, 'utf8');
}

describe('npm run export', () => {
  it('writes every seed record back exactly, the article’s full text included (after defaults are applied)', async () => {
    const exported = new Map(parseFile(runExport(join(dir, 'export.ndjson'))).map((r) => [idOf(r), r]));
    // The file's one curator line is the curator of every line that names none; the export names it on each.
    const seed = parseFile(seedNdjson()).map((r) =>
      r.type === 'link' || r.type === 'curator' ? r : { ...r, curator: r.curator ?? 'curator:seed-editors' },
    );
    expect(seed).toHaveLength(85);
    const different = seed.filter((r) => !isDeepStrictEqual(exported.get(idOf(r)), r)).map(idOf);
    expect(different).toEqual([]);
  });

  it('keeps snippet order, offsets, roles in order, and money as exact decimals', async () => {
    const records = new Map<string, ImportRecord>();
    for await (const r of exportRecords(db)) records.set(idOf(r), r);
    const capex = records.get('assertion|fact:alibaba-capex-2024-h1');
    expect(capex?.type === 'assertion' && capex.sources.map((s) => s.start)).toEqual([849, 522]);
    expect(capex?.type === 'assertion' && capex.money).toEqual({
      amount: '23000000000',
      currency: 'CNY',
      asReported: '23 billion yuan',
      qualifier: 'rounded',
      precision: '1000000000',
    });
  });

  it('is deterministic, and importing an export into its own graph changes nothing', async () => {
    const state = graphStateRepository(db);
    const before = await state.snapshot();
    const first = runExport(join(dir, 'a.ndjson'));
    const second = runExport(join(dir, 'b.ndjson'));
    expect(second).toBe(first);
    const result = await importFile(db, join(dir, 'a.ndjson'), { batchSize: 50 });
    expect(result.validation.rejected).toEqual([]);
    expect(result.written).toBe(true);
    expect(await state.snapshot()).toEqual(before);
  });

  it('GET /export/ndjson streams the same bytes, and importing it into an emptied graph rebuilds the same graph', async () => {
    const state = graphStateRepository(db);
    const before = await state.snapshot();
    const response = await yoga.fetch('http://localhost/export/ndjson');
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toBe(runExport(join(dir, 'c.ndjson')));
    const file = join(dir, 'http.ndjson');
    writeFileSync(file, body);
    await emptyGraph(database);
    expect((await state.snapshot()).nodes).toBe(0);
    const result = await importFile(db, file, { batchSize: 50 });
    expect(result.validation.rejected).toEqual([]);
    expect(await state.snapshot()).toEqual(before);
  });

  it('exports minor units beyond 2^53 (up to int64) exactly', async () => {
    const state = graphStateRepository(db);
    const file = join(dir, 'big.ndjson');
    const key = 'fact:test-export-big-money';
    writeFileSync(
      file,
      `${JSON.stringify({
        v: 1,
        type: 'assertion',
        kind: 'FinancialFigure',
        key,
        summary: 'a very large figure',
        mode: 'reported',
        roles: { SUBJECT: ['company:alibaba'] },
        money: { amount: '12345678901234567.89', currency: 'CNY', asReported: 'a lot' },
        // The article's text is stored, so the snippet must be in it.
        sources: [
          {
            source: 'source:panfinance-chinese-tech-giants-ai-investment',
            snippet: 'Alibaba alone invested 23 billion yuan',
          },
        ],
      })}\n`,
    );
    try {
      expect((await importFile(db, file)).written).toBe(true);
      let found: ImportRecord | undefined;
      for await (const r of exportRecords(db)) if (r.type === 'assertion' && r.key === key) found = r;
      expect(found?.type === 'assertion' && found.money?.amount).toBe('12345678901234567.89');
    } finally {
      await state.deleteKeyspace(':test-export-');
    }
  });
});

describe('docs/import-format.schema.json', () => {
  it('is the current JSON Schema of the zod format (npm run format:schema)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(formatJsonSchema());
  });
});
