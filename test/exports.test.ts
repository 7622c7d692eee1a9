import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { FACT_FIELD_NAMES } from '../src/domain/facts/index.ts';
import {
  type AssertionInput,
  type EntityInput,
  ImportLine,
  type ImportRecord,
  type LinkInput,
  type SourceInput,
} from '../src/domain/format.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { readManifest, writeDump } from '../src/services/dump.ts';
import { exportRecords } from '../src/services/export.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { seedNdjson } from '../src/services/seed.ts';
import { gql, neo4jEnv, testApp } from './helpers/app.ts';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';
import { sleep } from './helpers/wait.ts';

/**
 * GET /export/… (NDJSON, CSV tables, JSON-LD with PROV-O), streamed, access-checked and bounded; `npm run dump` and
 * the delta between two dumps. Expected values come from the seed file (cypher/seed/article.ndjson), not the export.
 */
const { database, neo4j } = testApp();
const db = database.scope('test-exports');
const logger = createLogger('silent');
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'test-exports-'));

const READER = 'exports-reader-token-0001';
const WRITER = 'exports-writer-token-0002';
const METRICS_ONLY = 'exports-metrics-token-03';
const API_TOKENS = [
  tokenConfigLine('reader', ['read'], READER),
  tokenConfigLine('alice', ['read', 'write'], WRITER),
  tokenConfigLine('metrics', ['metrics'], METRICS_ONLY),
].join(',');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const config = (env: Record<string, string> = {}) => loadConfig({ API_TOKENS, ...env });
const yoga = buildYoga({ database, logger, auth: config().auth });
const databases: Database[] = [database];
afterAll(() => Promise.all(databases.map((d) => d.close())));

const SOURCE = 'source:panfinance-chinese-tech-giants-ai-investment';
const seed = seedNdjson()
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => ImportLine.parse(JSON.parse(l)));
const seedFacts = seed.filter((r): r is AssertionInput => r.type === 'assertion');
const seedEntities = seed.filter((r): r is EntityInput => r.type === 'entity');
const seedSources = seed.filter((r): r is SourceInput => r.type === 'source');
const seedLinks = seed.filter((r): r is LinkInput => r.type === 'link');
const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((acc, t) => {
    acc[key(t)] = (acc[key(t)] ?? 0) + 1;
    return acc;
  }, {});

const get = async (path: string, headers: Record<string, string> = {}, server = yoga): Promise<Response> =>
  server.fetch(`http://localhost${path}`, { headers });

/** The NDJSON `npm run export` writes: the reference for the HTTP export. */
async function referenceNdjson() {
  let text = '';
  for await (const record of exportRecords(db)) text += `${JSON.stringify(record)}\n`;
  return text;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('GET /export', () => {
  it('lists the formats and every CSV table; unknown paths are 404 and other methods 405', async () => {
    const index = await get('/export');
    expect(index.status).toBe(200);
    const body = (await index.json()) as { ndjson: { path: string }; csv: { table: string; path: string }[] };
    expect(body.ndjson.path).toBe('/export/ndjson');
    // curators, entities, sources, links, rules, snippets and one per fact kind (16 in src/domain/facts/kinds.ts).
    expect(body.csv.map((t) => t.table)).toEqual([
      'curators',
      'entities',
      'sources',
      'links',
      'rules',
      'snippets',
      'financial-figure',
      'group-figure',
      'position',
      'ownership',
      'domicile',
      'procurement',
      'export-control-status',
      'development',
      'quote',
      'claim',
      'forecast',
      'chip-deployment',
      'build-out-snapshot',
      'usage',
      'chip-ownership',
      'investment',
    ]);
    const missing = await get('/export/csv/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
    const post = await yoga.fetch('http://localhost/export/ndjson', { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('is guarded like GraphQL reads: open by default, a bad token 401; with READS_REQUIRE_TOKEN 401 / 403 / 200', async () => {
    expect((await get('/export/csv/links')).status).toBe(200);
    expect((await get('/export/csv/links', bearer('not-a-configured-token'))).status).toBe(401);
    const closed = buildYoga({ database, logger, auth: config({ READS_REQUIRE_TOKEN: 'true' }).auth });
    const anonymous = await get('/export/ndjson', {}, closed);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await get('/export/jsonld', bearer(METRICS_ONLY), closed)).status).toBe(403);
    const reader = await get('/export/csv/links', bearer(READER), closed);
    expect(reader.status).toBe(200);
    // links: the seed's 5 link lines, plus the header.
    expect((await reader.text()).trim().split('\r\n')).toHaveLength(1 + seedLinks.length);
  });
});

describe('NDJSON', () => {
  it('streams the import format with its content type and file name: the same bytes as npm run export', async () => {
    const response = await get('/export/ndjson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ai-infra-graph-\d{4}-\d{2}-\d{2}\.ndjson"$/,
    );
    expect(response.headers.get('x-data-version')).toBeTruthy();
    const text = await response.text();
    expect(text).toBe(await referenceNdjson());
    expect(text.trim().split('\n')).toHaveLength(seed.length);
    console.log(`[exports] seed NDJSON: ${Buffer.byteLength(text)} bytes`);
  });

  it('HEAD answers the headers and reads nothing but where the data stands', async () => {
    const response = await yoga.fetch('http://localhost/export/jsonld', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    expect(await response.text()).toBe('');
  });
});

describe('CSV', () => {
  const table = async (name: string) => {
    const response = await get(`/export/csv/${name}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes, rows: parseCsv(bytes, { bom: true, relax_column_count: false }) as string[][] };
  };

  it('is RFC 4180 with a header row, CRLF, UTF-8 with a BOM, and a file name per table', async () => {
    const { response, bytes, rows } = await table('entities');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toMatch(/filename="ai-infra-graph-entities-[\d-]+\.csv"/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').endsWith('\r\n')).toBe(true);
    expect(rows[0]).toEqual(['key', 'kind', 'name', 'aliases', 'wikidata', 'description', 'props', 'curator']);
    const alibaba = rows.find((r) => r[0] === 'company:alibaba');
    const line = seedEntities.find((r) => r.key === 'company:alibaba')!;
    expect(alibaba?.slice(0, 4)).toEqual([line.key, line.kind, line.name, line.aliases.join('; ')]);
    // Chinese aliases survive the encoding.
    expect(rows.some((r) => r[3]?.includes('阿里巴巴'))).toBe(true);
    expect(rows).toHaveLength(1 + seedEntities.length);
  });

  it('has one table per fact kind, its value fields in columns, every seed fact once', async () => {
    const expected = countBy(seedFacts, (f) => f.kind);
    const { rows: figures } = await table('financial-figure');
    const header = figures[0]!;
    const row = Object.fromEntries(
      header.map((c, i) => [c, figures.find((r) => r[0] === 'fact:alibaba-capex-2024-h1')?.[i]]),
    );
    expect(row).toMatchObject({
      kind: 'FinancialFigure',
      subject: 'company:alibaba',
      metric: 'capex',
      'money.amount': '23000000000',
      'money.currency': 'CNY',
      'money.asReported': '23 billion yuan',
      'change.percent': '123',
      'period.type': 'H1',
      'period.year': '2024',
      'period.yearInferred': 'true',
      sources: SOURCE,
    });
    // A FinancialFigure carries no quantity or text: no such columns.
    expect(header.some((c) => c.startsWith('quantity') || c === 'text')).toBe(false);
    for (const [kind, count] of Object.entries(expected)) {
      const name = kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      const { rows } = await table(name);
      expect({ kind, rows: rows.length - 1 }).toEqual({ kind, rows: count });
    }
    const { rows: snippets } = await table('snippets');
    expect(snippets.length - 1).toBe(seedFacts.reduce((n, f) => n + f.sources.length, 0));
    expect(snippets.length - 1).toBe(54);
    const h20 = snippets.filter((r) => r[0] === 'fact:h20-shipments-china-forecast').map((r) => r[4]);
    expect(h20).toEqual(
      seedFacts.find((f) => f.key === 'fact:h20-shipments-china-forecast')?.sources.map((s) => s.snippet),
    );
  });

  it('neutralises cells a spreadsheet would run as formulas (= + - @), keeps plain numbers, and quotes what needs it', async () => {
    const entity = {
      v: 1,
      type: 'entity',
      kind: 'Company',
      key: 'company:test-exports-formula',
      name: '=HYPERLINK("http://evil.example","click")',
      aliases: ['@SUM(A1:A9)', '+1+2', '-2+3'],
      description: 'plain, with a comma and "quotes"\nand a line break',
      props: {},
    };
    const fact = {
      v: 1,
      type: 'assertion',
      kind: 'FinancialFigure',
      key: 'fact:test-exports-formula',
      summary: "=cmd|' /C calc'!A0",
      mode: 'reported',
      roles: { SUBJECT: ['company:test-exports-formula'] },
      metric: 'net_income',
      money: { amount: '-5', currency: 'USD', asReported: '-$5' },
      change: { percent: '-12.5', asReported: 'down 12.5%' },
      sources: [{ source: SOURCE, snippet: 'Alibaba alone invested 23 billion yuan' }],
    };
    await importNdjson(db, `${JSON.stringify(entity)}\n${JSON.stringify(fact)}\n`);
    try {
      const { rows: entities } = await table('entities');
      const e = entities.find((r) => r[0] === entity.key)!;
      expect(e[2]).toBe(`'${entity.name}`);
      expect(e[3]).toBe(`'@SUM(A1:A9); +1+2; -2+3`);
      expect(e[5]).toBe(entity.description);
      const { rows: figures } = await table('financial-figure');
      const header = figures[0]!;
      const f = figures.find((r) => r[0] === fact.key)!;
      const cell = (column: string) => f[header.indexOf(column)];
      expect(cell('summary')).toBe(`'${fact.summary}`);
      expect(cell('money.asReported')).toBe(`'-$5`);
      expect(cell('money.amount')).toBe('-5');
      expect(cell('change.percent')).toBe('-12.5');
      const raw = Buffer.from(await (await get('/export/csv/entities')).arrayBuffer()).toString('utf8');
      expect(raw).toContain('"plain, with a comma and ""quotes""\nand a line break"');
    } finally {
      await graphStateRepository(db).deleteKeyspace(':test-exports-');
    }
  });
});

type Node = Record<string, unknown> & { '@id'?: string };

describe('JSON-LD with PROV-O', () => {
  it('parses with the jsonld library, converts to RDF and back, and holds every seed fact and source with its values and snippets', async () => {
    const response = await get('/export/jsonld');
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    expect(response.headers.get('content-disposition')).toMatch(/filename="ai-infra-graph-[\d-]+\.jsonld"/);
    const text = await response.text();
    console.log(`[exports] seed JSON-LD: ${Buffer.byteLength(text)} bytes`);
    const doc = JSON.parse(text) as { '@context': Record<string, unknown> };
    const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads' })) as unknown as string;
    const quads = nquads.split('\n').filter(Boolean);
    const PROV = 'http://www.w3.org/ns/prov#';
    const withPredicate = (iri: string) => quads.filter((q) => q.includes(` <${iri}> `));
    // Every seed fact cites the article once: one wasDerivedFrom each; every snippet is one prov:value.
    expect(withPredicate(`${PROV}wasDerivedFrom`)).toHaveLength(seedFacts.length);
    expect(withPredicate(`${PROV}value`)).toHaveLength(54);

    const back = await jsonld.fromRDF(nquads as never, { format: 'application/n-quads', useNativeTypes: true });
    const compacted = (await jsonld.compact(back, doc['@context'] as never)) as { '@graph': Node[] };
    const nodes = new Map(compacted['@graph'].map((n) => [n['@id'] as string, n]));
    /**
     * Blank nodes (value objects such as `money`) put back in place, without their blank ids; a literal typed
     * xsd:string is the plain string it is in RDF 1.1 (jsonld's fromRDF keeps the datatype explicit).
     */
    const deref = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(deref);
      if (!value || typeof value !== 'object') return value;
      const literal = value as { '@value'?: unknown; '@type'?: unknown };
      if ('@value' in literal && literal['@type'] === 'xsd:string' && Object.keys(literal).length === 2)
        return literal['@value'];
      const id = (value as Node)['@id'];
      const blank = typeof id === 'string' && id.startsWith('_:');
      const whole = blank && Object.keys(value).length === 1 ? (nodes.get(id) ?? {}) : value;
      return Object.fromEntries(
        Object.entries(whole)
          .filter(([k]) => !(blank && k === '@id'))
          .map(([k, v]) => [k, deref(v)]),
      );
    };
    const nodeOf = (id: string) => deref(nodes.get(id)) as Node | undefined;
    const asArray = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

    const problems: string[] = [];
    for (const fact of seedFacts) {
      const node = nodeOf(`aig:${fact.key}`);
      if (!node) {
        problems.push(`${fact.key}: missing`);
        continue;
      }
      const check = (what: string, actual: unknown, expected: unknown) => {
        if (!isDeepStrictEqual(actual, expected))
          problems.push(`${fact.key} ${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      };
      check('@type', asArray(node['@type']).sort(), ['Assertion', 'Entity', fact.kind].sort());
      check('summary', node.summary, fact.summary);
      check('mode', node.mode, fact.mode);
      check('rank', node.rank, fact.rank);
      for (const [role, keys] of Object.entries(fact.roles))
        check(
          role,
          asArray(node[role]),
          keys.map((k) => `aig:${k}`),
        );
      for (const field of FACT_FIELD_NAMES) check(field, deref(node[field]), fact[field]);
      check('wasDerivedFrom', asArray(node.wasDerivedFrom), [...new Set(fact.sources.map((s) => `aig:${s.source}`))]);
      const quotations = asArray(node.quotations).map((q) => nodeOf((q as Node)['@id'] as string));
      check(
        'quotations',
        quotations.map((q) => ({ source: q?.wasQuotedFrom, snippet: q?.['prov:value'], start: q?.start, end: q?.end })),
        fact.sources.map((s) => ({ source: `aig:${s.source}`, snippet: s.snippet, start: s.start, end: s.end })),
      );
      const activity = nodeOf((node.wasGeneratedBy as Node)?.['@id'] as string);
      check('wasGeneratedBy', asArray(activity?.['@type']).sort(), ['Activity', 'Import']);
      if (typeof activity?.endedAtTime !== 'string' || Number.isNaN(Date.parse(activity.endedAtTime)))
        problems.push(`${fact.key}: the recording activity has no time`);
    }
    for (const source of seedSources) {
      const node = nodeOf(`aig:${source.key}`);
      const expected = { title: source.title, kind: source.kind, contentHash: source.contentHash, text: source.text };
      const actual = { title: node?.title, kind: node?.kind, contentHash: node?.contentHash, text: node?.text };
      if (!isDeepStrictEqual(actual, expected)) problems.push(`${source.key}: ${JSON.stringify(actual).slice(0, 200)}`);
      if (node?.publisher !== `aig:${source.publisher}`) problems.push(`${source.key}: publisher ${node?.publisher}`);
    }
    for (const entity of seedEntities) {
      const node = nodeOf(`aig:${entity.key}`);
      if (node?.name !== entity.name || node?.['@type'] !== entity.kind)
        problems.push(`${entity.key}: ${node?.name} ${node?.['@type']}`);
    }
    const johor = nodeOf('aig:place:my-johor');
    expect(johor?.PART_OF).toBe('aig:place:my');
    expect(problems).toEqual([]);
  });
});

describe('limits: concurrent exports, slow clients and the pool', () => {
  // Enough to outlast the stream buffers (about 16 KB each side), so an unread export stays in flight.
  const BULK = 600;
  beforeAll(async () => {
    const lines = Array.from({ length: BULK }, (_, i) =>
      JSON.stringify({
        v: 1,
        type: 'entity',
        kind: 'Company',
        key: `company:test-exports-bulk-${String(i).padStart(4, '0')}`,
        name: `Bulk company ${i}`,
        description: `A company written by the export test to make the exports long. ${'x'.repeat(400)}`,
      }),
    );
    await importNdjson(db, `${lines.join('\n')}\n`);
  });
  afterAll(() => graphStateRepository(db).deleteKeyspace(':test-exports-bulk-'));

  it('paused exports hold no connection: three paused on a 2-connection pool, a GraphQL read still answers, a fourth is BUSY, all three finish whole', async () => {
    // A statement waits up to 20 s for one of the 2 connections (the machine is loaded; pages of 500 rows are slow): had
    // the paused exports kept theirs, the GraphQL read below would be answered BUSY.
    const small = new Database({ ...loadConfig().neo4j, ...neo4j, maxPoolSize: 2, connectionTimeoutMs: 20_000 });
    databases.push(small);
    const server = buildYoga({
      database: small,
      logger,
      exports: { maxConcurrent: 3, stallTimeoutMs: 60_000 },
    });
    const t0 = performance.now();
    const step = (what: string) => console.log(`[exports] ${what} at ${Math.round(performance.now() - t0)} ms`);
    const reference = await referenceNdjson();
    step('reference read');
    const formats = ['/export/ndjson', '/export/jsonld', '/export/csv/entities'];
    const started = await Promise.all(formats.map((path) => get(path, {}, server)));
    expect(started.map((r) => r.status)).toEqual([200, 200, 200]);
    const readers = started.map((r) => r.body!.getReader());
    const firsts = await Promise.all(readers.map((r) => r.read()));
    step('three exports started');
    expect(firsts.map((f) => f.done)).toEqual([false, false, false]);

    // Three exports are in flight, each stopped between two pages: the pool of 2 still serves a read.
    const read = await gql(server, '{ entity(key: "company:alibaba") { name } }');
    expect(read.errors).toBeUndefined();
    expect(read.data?.entity).toEqual({ name: 'Alibaba Group' });
    const busy = await get('/export/csv/links', {}, server);
    expect(busy.status).toBe(429);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(((await busy.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'BUSY',
    );

    const rest = async (reader: ReadableStreamDefaultReader<Uint8Array>, first: Uint8Array) => {
      const parts = [first];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return Buffer.concat(parts).toString('utf8');
        parts.push(value);
      }
    };
    step('read and BUSY answered');
    const bodies = await Promise.all(readers.map((r, i) => rest(r, firsts[i]!.value!)));
    step('three exports read to the end');
    expect(bodies[0]).toBe(reference);
    // One node per record (a link is a partial node of its `from` entity); one row per entity and the header.
    expect(JSON.parse(bodies[1]!)['@graph']).toHaveLength(seed.length + BULK);
    expect(bodies[2]!.trim().split('\r\n')).toHaveLength(1 + seedEntities.length + BULK);

    // Several clients at once, every format, while GraphQL reads run: all whole, none refused (3 slots).
    const again = await Promise.all([
      ...formats.map((path) => get(path, {}, server).then((r) => r.text())),
      ...Array.from({ length: 4 }, () => gql(server, '{ companies(first: 3) { nodes { key } } }')),
    ]);
    step('three more exports and four reads at once');
    expect(again[0]).toBe(reference);
    for (const answer of again.slice(3)) expect((answer as { errors?: unknown }).errors).toBeUndefined();

    const metrics = parsePrometheus(await (await server.fetch('http://localhost/metrics')).text());
    expect(sampleValue(metrics, 'export_requests_total', { outcome: 'ok' })).toBe(6);
    expect(sampleValue(metrics, 'export_requests_total', { format: 'csv', outcome: 'busy' })).toBe(1);
    expect(sampleValue(metrics, 'exports_in_flight')).toBe(0);
    expect(sampleValue(metrics, 'export_bytes_total', { format: 'ndjson' })).toBe(2 * Buffer.byteLength(reference));
    expect(small.poolStats().inUse).toBe(0);
  }, 240_000);

  it('cuts an export whose client stops reading (EXPORT_STALL_TIMEOUT_MS) and one the client cancels, freeing the slot', async () => {
    const server = buildYoga({ database, logger, exports: { maxConcurrent: 1, stallTimeoutMs: 300 } });
    const stalled = await get('/export/jsonld', {}, server);
    const reader = stalled.body!.getReader();
    await reader.read();
    const outcome = async (name: string) =>
      sampleValue(
        parsePrometheus(await (await server.fetch('http://localhost/metrics')).text()),
        'export_requests_total',
        {
          outcome: name,
        },
      );
    /** Polls until the counter reaches 1 (or 20 s pass); the cut and the cancel happen off this test's call stack. */
    const once = async (name: string) => {
      for (let i = 0; i < 200; i++) {
        const value = await outcome(name);
        if (value > 0) return value;
        await sleep(100);
      }
      return 0;
    };
    expect(await once('stalled')).toBe(1);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow(/read nothing for 300 ms/);

    const cancelled = await get('/export/ndjson', {}, server);
    expect(cancelled.status).toBe(200);
    await cancelled.body!.cancel();
    expect(await once('aborted')).toBe(1);
    const next = await get('/export/csv/links', {}, server);
    expect(next.status).toBe(200);
    await next.text();
  });
});

describe('failures before the first byte', () => {
  it('answers 503 DATABASE_UNAVAILABLE with Retry-After when Neo4j cannot be reached, and counts it', async () => {
    const gone = new Database({
      ...loadConfig().neo4j,
      ...neo4j,
      uri: 'bolt://127.0.0.1:1',
      connectionTimeoutMs: 1_000,
    });
    databases.push(gone);
    const server = buildYoga({ database: gone, logger });
    const response = await get('/export/ndjson', {}, server);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('DATABASE_UNAVAILABLE');
    const metrics = parsePrometheus(await (await server.fetch('http://localhost/metrics')).text());
    expect(sampleValue(metrics, 'export_requests_total', { format: 'ndjson', outcome: 'unavailable' })).toBe(1);
    expect(sampleValue(metrics, 'exports_in_flight')).toBe(0);
  });
});

describe('npm run dump: versioned dumps, manifest and delta', () => {
  it('writes every format with counts and sha256; after adding a fact and retracting one, the delta lists exactly those', async () => {
    const root = join(dir, 'dumps');
    execFileSync(process.execPath, [resolve(ROOT, 'scripts/dump.ts'), '--out', root], {
      cwd: ROOT,
      env: { ...process.env, ...neo4jEnv() },
    });
    const [first] = readdirSync(root);
    expect(first).toMatch(/^\d{8}T\d{6}Z$/);
    const one = await readManifest(join(root, first!));
    expect(one.version).toBe(first);
    expect(one.consistent).toBe(true);
    expect(one.delta).toBeNull();
    expect(one.counts).toEqual({
      curator: { curator: seed.filter((r) => r.type === 'curator').length },
      rule: { rule: seed.filter((r) => r.type === 'rule').length },
      entity: countBy(seedEntities, (r) => r.kind),
      source: { article: 1 },
      link: countBy(seedLinks, (r) => r.rel),
      assertion: countBy(seedFacts, (f) => f.kind),
    });
    expect(one.counts.assertion.Claim).toBe(19);
    const paths = one.files.map((f) => f.path);
    expect(paths.slice(0, 2)).toEqual(['graph.ndjson', 'graph.jsonld']);
    expect(paths).toContain('csv/financial-figure.csv');
    for (const file of one.files) {
      const bytes = readFileSync(join(root, first!, file.path));
      expect({ path: file.path, bytes: bytes.byteLength, sha256: sha256(bytes) }).toEqual({
        path: file.path,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    }
    // The dump's files are the HTTP exports' bytes.
    expect(readFileSync(join(root, first!, 'graph.ndjson'), 'utf8')).toBe(await (await get('/export/ndjson')).text());
    expect(readFileSync(join(root, first!, 'csv/claim.csv'))).toEqual(
      Buffer.from(await (await get('/export/csv/claim')).arrayBuffer()),
    );
    console.log(`[exports] dump files: ${one.files.map((f) => `${f.path} ${f.bytes}`).join(', ')}`);

    // Change the graph through the API, as a token named alice: one fact added, one retracted.
    const added = await gql(
      yoga,
      `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
        addAssertion(assertion: $assertion, sources: $sources) { __typename ... on WriteRejected { message } } }`,
      {
        assertion: {
          key: 'fact:test-exports-added',
          kind: 'Claim',
          summary: 'Alibaba invested 23 bn yuan (test)',
          mode: 'reported',
          roles: { subject: ['company:alibaba'] },
          text: 'Alibaba alone invested 23 billion yuan',
        },
        sources: [{ source: { key: SOURCE }, snippet: 'Alibaba alone invested 23 billion yuan' }],
      },
      bearer(WRITER),
    );
    expect(added.data?.addAssertion.__typename).toBe('MutationAddAssertionSuccess');
    const retracted = await gql(
      yoga,
      `mutation { retractAssertion(key: "fact:baidu-capex-2024-h1", reason: "test: superseded") { __typename } }`,
      {},
      bearer(WRITER),
    );
    expect(retracted.errors).toBeUndefined();

    const two = await writeDump(db, root, { now: new Date(Date.parse(one.createdAt) + 1000) });
    expect(two.delta?.from).toBe(first);
    expect(two.delta?.counts).toEqual({
      assertion: {
        Claim: { added: 1, changed: 0, removed: 0 },
        FinancialFigure: { added: 0, changed: 1, removed: 0 },
      },
    });
    const delta = readFileSync(join(root, two.version, 'delta.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; key: string; before?: ImportRecord; after?: ImportRecord });
    expect(delta.map((d) => [d.op, d.key])).toEqual([
      ['changed', 'fact:baidu-capex-2024-h1'],
      ['added', 'fact:test-exports-added'],
    ]);
    const change = delta[0]!;
    expect(change.before?.type === 'assertion' && change.before.rank).toBe('normal');
    expect(change.after?.type === 'assertion' && change.after.rank).toBe('deprecated');
    expect({ ...change.after, rank: 'normal' }).toEqual(change.before);
    expect(two.counts.assertion.Claim).toBe(20);
    expect(readFileSync(join(root, two.version, 'manifest.json'), 'utf8')).toBe(`${JSON.stringify(two, null, 2)}\n`);

    // The same delta from the command line, between the two directories.
    const cli = execFileSync(
      process.execPath,
      [resolve(ROOT, 'scripts/dump.ts'), '--delta', join(root, first!), join(root, two.version)],
      { cwd: ROOT, env: { ...process.env, ...neo4jEnv() } },
    ).toString();
    expect(cli).toBe(readFileSync(join(root, two.version, 'delta.ndjson'), 'utf8'));

    // Who recorded and who retracted, in the dump's JSON-LD (PROV-O activities).
    const graph = JSON.parse(readFileSync(join(root, two.version, 'graph.jsonld'), 'utf8'))['@graph'] as Node[];
    const addedNode = graph.find((n) => n['@id'] === 'aig:fact:test-exports-added');
    expect(addedNode?.wasGeneratedBy).toMatchObject({
      '@type': ['Activity', 'Mutation'],
      wasAssociatedWith: { '@id': 'aig:agent:alice', '@type': 'Agent', name: 'alice' },
    });
    const retractedNode = graph.find((n) => n['@id'] === 'aig:fact:baidu-capex-2024-h1');
    expect(retractedNode?.wasInvalidatedBy).toMatchObject({
      '@type': ['Activity', 'Retraction'],
      reason: 'test: superseded',
      wasAssociatedWith: { '@id': 'aig:agent:alice' },
    });
  });
});
