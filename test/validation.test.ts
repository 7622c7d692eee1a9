import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { CURRENCY_EXPONENTS, currencyExponent } from '../src/domain/currencies.ts';
import { calendarDateProblem } from '../src/domain/dates.ts';
import { compareDecimals } from '../src/domain/decimal.ts';
import { DomainError } from '../src/domain/errors.ts';
import { fromMinorUnits, toMinorUnits } from '../src/domain/money.ts';
import { forbiddenCharacter } from '../src/domain/text.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { importFile, importNdjson } from '../src/services/import/importer.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Issue 13, validation: every reproduction is refused through the API (a WriteRejected naming the
 * field) and through the importer (the line rejected, the field named), and nothing lands in this
 * file's key space. Then the things that must still be accepted, the seed's snippets, and the pure rules.
 */
const K = 'test-validation-';
const WRITER = 'writer-token-for-validation-tests';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const db = database.scope('test-validation');
const state = graphStateRepository(db);
const asWriter = { authorization: `Bearer ${WRITER}` };
const tmp = mkdtempSync(join(tmpdir(), 'validation-'));
afterAll(async () => {
  await state.deleteKeyspace(K);
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

const SEED_SOURCE = 'source:panfinance-chinese-tech-giants-ai-investment';
const SEED_TITLE = 'Chinese Tech Giants Boost AI Investment Despite U.S. Sanctions';
// The article file, read here independently of the loader (data/seed is the repository's byte-for-byte copy).
const ARTICLE = readFileSync(resolve(import.meta.dirname, '../data/seed/article.txt'), 'utf8');
const IN_ARTICLE = 'ByteDance, the parent company of TikTok';

// ---------------------------------------------------------------------------------------------
// One record per reproduction, in the import format; the API input is derived from it.

type Line = Record<string, any>;
const SRC = `source:${K}src`;
const sourceLine = (over: Line = {}): Line => ({
  v: 1,
  type: 'source',
  key: SRC,
  title: 'Validation source',
  url: 'https://example.test/validation-src',
  ...over,
});
const figure = (over: Line = {}): Line => ({
  v: 1,
  type: 'assertion',
  kind: 'FinancialFigure',
  key: `fact:${K}figure`,
  summary: 'Validation figure',
  mode: 'reported',
  roles: { SUBJECT: ['company:bytedance'] },
  metric: 'capex',
  money: { amount: '1500000000', currency: 'USD', asReported: '$1.5 billion' },
  period: { label: 'fiscal 2025', type: 'FY', year: 2025 },
  sources: [{ source: SRC, snippet: 'a verbatim snippet' }],
  ...over,
});
const money = (over: Line) => figure({ money: { ...figure().money, ...over } });
const forecast = (over: Line = {}): Line =>
  figure({
    kind: 'Forecast',
    key: `fact:${K}forecast`,
    metric: 'shipments',
    money: undefined,
    period: undefined,
    quantity: { value: '1000000', unit: 'units', asReported: 'a million units' },
    unitPrice: { amount: '12000', currency: 'USD', asReported: '$12,000' },
    ...over,
  });
const claim = (over: Line = {}): Line =>
  figure({
    kind: 'Claim',
    key: `fact:${K}claim`,
    metric: undefined,
    money: undefined,
    period: undefined,
    text: 'x',
    ...over,
  });
const entityLine = (over: Line = {}): Line => ({
  v: 1,
  type: 'entity',
  kind: 'Company',
  key: `company:${K}co`,
  name: 'Validation Co',
  ...over,
});
const citingSeed = (snippet: string, over: Line = {}) =>
  claim({ sources: [{ source: SEED_SOURCE, snippet, ...over }] });

const defined = (o: Line) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The API's AssertionInput + SupportInput for an assertion line (sources by key, title and URL). */
function apiInput(a: Line, source: Line = sourceLine()) {
  const { v: _v, type: _t, roles, sources, ...rest } = defined(a);
  return {
    assertion: {
      ...rest,
      roles: Object.fromEntries(Object.entries(roles).map(([role, keys]) => [role.toLowerCase(), keys])),
    },
    sources: (sources as Line[]).map((s) => {
      const {
        v: _sv,
        type: _st,
        key,
        ...fields
      } = s.source === SEED_SOURCE ? { key: SEED_SOURCE, title: SEED_TITLE } : source;
      return { source: { key, ...fields }, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'source')) };
    }),
  };
}

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
  addAssertion(assertion: $assertion, sources: $sources) { __typename
    ... on MutationAddAssertionSuccess { data { key sources { snippet verified source { key hasText } } } }
    ... on WriteRejected { code message reasons } } }`;
const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename
  ... on MutationUpsertEntitySuccess { data { key name aliases } }
  ... on WriteRejected { code message reasons } } }`;

async function viaApi(query: string, variables: Line) {
  const res = await gql(yoga, query, variables, asWriter);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return Object.values(res.data as Line)[0] as Line;
}

/** The importer's verdict on a file: the rejected lines and their reasons (nothing written when any is bad). */
async function viaImporter(lines: Line[]) {
  const text = lines.map((l) => JSON.stringify(defined(l))).join('\n');
  try {
    await importNdjson(db, text);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    return (error as DomainError).details.rejected as { line: number; reason: string }[];
  }
  return [];
}

interface Refusal {
  name: string;
  /** The path the reason must name, e.g. "money.currency". */
  field: string;
  /** The import lines; the bad one is `badLine` (1-based). */
  lines: Line[];
  badLine: number;
  /** API request: an assertion (with its source) or an entity; null when the API has no such input. */
  api: { query: string; variables: Line } | null;
}

const assertionCase = (name: string, field: string, a: Line, source: Line = sourceLine()): Refusal => ({
  name,
  field,
  lines: [source, a],
  badLine: 2,
  api: { query: ADD, variables: apiInput(a, source) },
});
const sourceCase = (name: string, field: string, source: Line): Refusal => ({
  name,
  field,
  lines: [source],
  badLine: 1,
  api: { query: ADD, variables: apiInput(figure(), source) },
});
const entityCase = (name: string, field: string, e: Line): Refusal => {
  const { v: _v, type: _t, ...input } = e;
  return { name, field, lines: [e], badLine: 1, api: { query: UPSERT, variables: { input } } };
};

const BOUNDS_AT_2_53 = {
  qualifier: 'range',
  amount: '9007199254740992',
  lower: '9007199254740993',
  upper: '9007199254740992',
};

const refusals: Refusal[] = [
  // Currencies: an explicit ISO 4217 table, no prototype names
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty', 'usd', 'Usd', 'XXX', 'ABC', 'USD '].map((c) =>
    assertionCase(`currency ${JSON.stringify(c)}`, 'money.currency', money({ currency: c })),
  ),
  assertionCase(
    'unit price in currency "constructor"',
    'unitPrice.currency',
    forecast({ unitPrice: { amount: '1', currency: 'constructor', asReported: '1' } }),
  ),
  assertionCase(
    'reported conversion in currency "__proto__"',
    'reportedConversion.currency',
    figure({
      kind: 'GroupFigure',
      roles: { MEMBER: ['company:bytedance'] },
      reportedConversion: { amount: '1', currency: '__proto__', asReported: '1' },
    }),
  ),
  // Calendar dates
  ...['2024-13-45', '2024-02-30', '0000-00-00', '2023-02-29', '1900-02-29', '2024-04-31', '2024-00-10', '0000'].map(
    (d) => sourceCase(`publishedDate ${d}`, 'publishedDate', sourceLine({ publishedDate: d })),
  ),
  assertionCase(
    'DAY period labelled 2024-02-30',
    'period.label',
    figure({ period: { label: '2024-02-30', type: 'DAY', year: 2024 } }),
  ),
  assertionCase(
    'DAY period 2024-06-30 in year 2023',
    'period.year',
    figure({ period: { label: '2024-06-30', type: 'DAY', year: 2023 } }),
  ),
  // Exact bounds (2^53 + 1 > 2^53, which floats cannot tell apart)
  assertionCase('lower 9007199254740993 above upper 9007199254740992', 'money.lower', money(BOUNDS_AT_2_53)),
  assertionCase(
    'lower 0.2 above upper 0.19',
    'money.lower',
    money({ qualifier: 'range', amount: '0.2', lower: '0.2', upper: '0.19' }),
  ),
  assertionCase(
    'amount above its own upper bound',
    'money.amount',
    money({ qualifier: 'range', amount: '20', lower: '10', upper: '15' }),
  ),
  assertionCase(
    'amount below its own lower bound',
    'money.amount',
    money({ qualifier: 'range', amount: '5', lower: '10', upper: '15' }),
  ),
  assertionCase(
    'amount 1 above an upper of 2^53',
    'money.amount',
    money({ qualifier: 'approx', amount: '9007199254740993', upper: '9007199254740992' }),
  ),
  assertionCase(
    'unit price above its upper bound',
    'unitPrice.amount',
    forecast({
      unitPrice: {
        amount: '14000',
        currency: 'USD',
        asReported: '$12,000–13,000',
        qualifier: 'range',
        lower: '12000',
        upper: '13000',
      },
    }),
  ),
  // Sign rule per metric
  assertionCase('negative capex', 'money.amount', money({ amount: '-1500000000' })),
  assertionCase(
    'negative revenue',
    'money.amount',
    figure({ metric: 'revenue', money: { ...figure().money, amount: '-1' } }),
  ),
  assertionCase(
    'negative cash reserves',
    'money.amount',
    figure({ metric: 'cash_reserves', money: { ...figure().money, amount: '-0.01' } }),
  ),
  assertionCase(
    'capex range with a negative lower bound',
    'money.lower',
    money({ qualifier: 'range', amount: '1', lower: '-5', upper: '10' }),
  ),
  assertionCase(
    'negative unit price',
    'unitPrice.amount',
    forecast({ unitPrice: { amount: '-12000', currency: 'USD', asReported: '-$12,000' } }),
  ),
  assertionCase(
    'negative quantity',
    'quantity.value',
    forecast({ quantity: { value: '-5', unit: 'units', asReported: '-5' } }),
  ),
  // Value fields only on the kinds that carry them
  assertionCase('a Claim carrying money', 'money', claim({ money: figure().money })),
  assertionCase('a Claim carrying a unit price', 'unitPrice', claim({ unitPrice: forecast().unitPrice })),
  assertionCase(
    'a Position carrying a quantity',
    'quantity',
    claim({ kind: 'Position', text: undefined, quantity: forecast().quantity }),
  ),
  assertionCase('a Forecast carrying money', 'money', forecast({ money: figure().money })),
  assertionCase(
    'an Ownership carrying a change',
    'change',
    claim({ kind: 'Ownership', text: undefined, change: { percent: '5', asReported: '5%' } }),
  ),
  // Control and bidi characters, one rule
  ...Object.entries({
    NUL: '\u0000',
    BEL: '\u0007',
    ESC: '\u001b',
    'line feed': '\n',
    DEL: '\u007f',
    'C1 NEL': '\u0085',
    'U+202E': '\u202e',
    'U+202A': '\u202a',
    'U+2066': '\u2066',
    'U+2069': '\u2069',
  }).flatMap(([label, ch]) => [
    entityCase(`entity name with ${label}`, 'name', entityLine({ name: `Evil${ch}Co` })),
    entityCase(`alias with ${label}`, 'aliases.0', entityLine({ aliases: [`${ch}alias`] })),
    sourceCase(`source title with ${label}`, 'title', sourceLine({ title: `Title${ch}` })),
    assertionCase(`fact summary with ${label}`, 'summary', figure({ summary: `Summary ${ch}` })),
  ]),
  assertionCase('snippet with NUL', 'sources.0.snippet', figure({ sources: [{ source: SRC, snippet: 'a\u0000b' }] })),
  assertionCase(
    'snippet with U+202E',
    'sources.0.snippet',
    figure({ sources: [{ source: SRC, snippet: 'a\u202eb' }] }),
  ),
  entityCase('description with ESC', 'description', entityLine({ description: 'x\u001b[31m' })),
  // Snippets against a known text (the seed article)
  assertionCase(
    'a snippet the article never said',
    'sources.0.snippet',
    citingSeed('ByteDance will buy ten million H20 chips'),
  ),
  assertionCase(
    'a snippet differing from the article by one character',
    'sources.0.snippet',
    citingSeed(IN_ARTICLE.replace('TikTok', 'Tiktok')),
  ),
  assertionCase(
    'a snippet from the article at the wrong offsets',
    'sources.0.snippet',
    citingSeed(IN_ARTICLE, { start: 0, end: IN_ARTICLE.length }),
  ),
];

/** Import-only inputs: a source's full text exists only in the import format. */
const importOnly: Refusal[] = [
  {
    name: 'source text whose sha256 is not the contentHash',
    field: 'text',
    lines: [sourceLine({ text: 'some text', contentHash: `sha256:${'0'.repeat(64)}` })],
    badLine: 1,
    api: null,
  },
  {
    name: 'a different text for the seed article',
    field: 'text',
    lines: [{ v: 1, type: 'source', key: SEED_SOURCE, title: SEED_TITLE, text: 'Not the article.' }],
    badLine: 1,
    api: null,
  },
  {
    name: 'two different texts for one source in one file',
    field: 'text',
    lines: [sourceLine({ text: 'first text' }), sourceLine({ text: 'second text' })],
    badLine: 2,
    api: null,
  },
  {
    name: 'a snippet not in the text given in the same file',
    field: 'sources.0.snippet',
    lines: [
      sourceLine({ text: 'The only words of this source.' }),
      figure({ sources: [{ source: SRC, snippet: 'other words' }] }),
    ],
    badLine: 2,
    api: null,
  },
];

describe('each reproduction is refused by the API and by the importer, naming the field; nothing is written', () => {
  it('has distinct case names', () => {
    const names = [...refusals, ...importOnly].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const c of [...refusals, ...importOnly]) {
    it(`${c.name} → BAD_USER_INPUT naming ${c.field}`, async () => {
      const before = await state.keyspaceCount(K);
      const graphBefore = await state.snapshot();
      if (c.api) {
        const result = await viaApi(c.api.query, c.api.variables);
        expect(result.__typename, JSON.stringify(result)).toBe('WriteRejected');
        expect(result.code, result.message).toBe('BAD_USER_INPUT');
        expect(result.message, result.message).toContain(`${c.field}:`);
      }
      const rejected = await viaImporter(c.lines);
      // Only the bad line (it may be refused for more than one reason: a new text for the seed article is also a new
      // contentHash, which the stored-value check refuses too).
      expect([...new Set(rejected.map((r) => r.line))]).toEqual([c.badLine]);
      expect(rejected.map((r) => r.reason).join('; ')).toContain(`${c.field}:`);
      expect(await state.keyspaceCount(K)).toBe(before);
      // Files run one after another: the whole graph (the seed article's citations included) is as it was.
      expect(await state.snapshot()).toEqual(graphBefore);
    });
  }

  it('the streaming file importer refuses the same lines (currency, date, snippet against the stored article)', async () => {
    const file = join(tmp, 'refused.ndjson');
    const lines = [
      sourceLine(),
      money({ currency: 'constructor' }),
      sourceLine({ key: `source:${K}dated`, publishedDate: '2024-02-30' }),
      citingSeed('ByteDance will buy ten million H20 chips'),
      claim({ key: `fact:${K}fine`, sources: [{ source: SEED_SOURCE, snippet: IN_ARTICLE }] }),
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(defined(l))).join('\n')}\n`);
    const before = await state.keyspaceCount(K);
    const result = await importFile(db, file);
    expect(result.written).toBe(false);
    expect(result.validation.rejected.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(result.validation.rejected[0]!.reason).toContain('money.currency:');
    expect(result.validation.rejected[1]!.reason).toContain('publishedDate:');
    expect(result.validation.rejected[2]!.reason).toContain('sources.0.snippet:');
    expect(await state.keyspaceCount(K)).toBe(before);
  });
});

describe('an invalid source key is never ignored', () => {
  beforeAll(async () => {
    await importNdjson(
      db,
      JSON.stringify(sourceLine({ key: `source:${K}by-url`, url: 'https://example.test/validation-by-url' })),
    );
  });

  it('a well-formed key that no source has, beside the URL of another source → CONFLICT naming the holder', async () => {
    const before = await state.snapshot();
    const variables = apiInput(claim({ key: `fact:${K}by-url` }), {
      key: `source:${K}no-such-source`,
      title: 'Validation source',
      url: 'https://example.test/validation-by-url',
    });
    const result = await viaApi(ADD, variables);
    expect(result.code).toBe('CONFLICT');
    expect(result.message).toBe(
      `The URL https://example.test/validation-by-url belongs to source source:${K}by-url, not to source:${K}no-such-source`,
    );
    expect(await state.snapshot()).toEqual(before);
  });

  for (const key of ['Source:Upper', 'not a key', 'source:x RETURN 1', '']) {
    it(`key ${JSON.stringify(key)} beside the URL of an existing source → BAD_USER_INPUT naming sources.0.source.key`, async () => {
      const before = await state.keyspaceCount(K);
      const variables = apiInput(claim({ key: `fact:${K}by-url` }), {
        key,
        title: 'Validation source',
        url: 'https://example.test/validation-by-url',
      });
      const result = await viaApi(ADD, variables);
      expect(result.__typename).toBe('WriteRejected');
      expect(result.code).toBe('BAD_USER_INPUT');
      expect(result.message).toContain('sources.0.source.key:');
      expect(await state.keyspaceCount(K)).toBe(before);
    });
  }
});

describe('what must still be accepted', () => {
  it('exact bounds at 2^53 in the right order, stored and read back digit for digit', async () => {
    const a = figure({
      key: `fact:${K}bounds`,
      money: {
        ...figure().money,
        qualifier: 'range',
        amount: '9007199254740992',
        lower: '9007199254740992',
        upper: '9007199254740993',
      },
    });
    expect(await viaImporter([sourceLine(), a])).toEqual([]);
    const res = await gql(
      yoga,
      `{ assertion(key: "fact:${K}bounds") { ... on FinancialFigure { amount { amount lower upper } } } }`,
    );
    expect(res.data?.assertion.amount).toEqual({
      amount: '9007199254740992',
      lower: '9007199254740992',
      upper: '9007199254740993',
    });
  });

  it('a negative change in percent, a negative net income, a leap day', async () => {
    const lines = [
      sourceLine({ key: `source:${K}leap`, url: 'https://example.test/validation-leap', publishedDate: '2024-02-29' }),
      figure({ key: `fact:${K}decline`, change: { percent: '-12.5', asReported: 'down 12.5%' } }),
      figure({
        key: `fact:${K}loss`,
        metric: 'net_income',
        money: { amount: '-250000000', currency: 'USD', asReported: 'a loss of $250 million' },
      }),
      figure({ key: `fact:${K}leap-day`, period: { label: '2024-02-29', type: 'DAY', year: 2024 } }),
    ];
    expect(await viaImporter([sourceLine(), ...lines])).toEqual([]);
    const res = await gql(
      yoga,
      `{ d: assertion(key: "fact:${K}decline") { ... on FinancialFigure { change { percent } } }
         l: assertion(key: "fact:${K}loss") { ... on FinancialFigure { amount { amount } } }
         s: source(key: "source:${K}leap") { publishedDate } }`,
    );
    expect(res.data).toEqual({
      d: { change: { percent: '-12.5' } },
      l: { amount: { amount: '-250000000' } },
      s: { publishedDate: '2024-02-29' },
    });
  });

  it('through the API: a snippet found in a stored text is verified; one for a source without text is not', async () => {
    // A source of this file's own with a text (only imports carry texts).
    const text = 'Stored words of the API test source.';
    const withText = sourceLine({ key: `source:${K}api-text`, url: 'https://example.test/validation-api-text', text });
    expect(await viaImporter([withText])).toEqual([]);
    const { text: _t, ...apiSource } = withText;
    const refused = await viaApi(
      ADD,
      apiInput(
        claim({ key: `fact:${K}api-refused`, sources: [{ source: withText.key, snippet: 'Unsaid words' }] }),
        apiSource,
      ),
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.reasons).toEqual([
      `sources.0.snippet: "Unsaid words" is not found verbatim in the stored text of source:${K}api-text`,
    ]);
    const found = await viaApi(
      ADD,
      apiInput(
        claim({ key: `fact:${K}api-found`, sources: [{ source: withText.key, snippet: 'words of the API' }] }),
        apiSource,
      ),
    );
    expect(found.__typename, JSON.stringify(found)).toBe('MutationAddAssertionSuccess');
    expect(found.data.sources).toEqual([
      { snippet: 'words of the API', verified: true, source: { key: `source:${K}api-text`, hasText: true } },
    ]);
    // The seed article, cited by key alone: verified, and the seed source keeps its stored values.
    const seed = await viaApi(
      ADD,
      apiInput(claim({ key: `fact:${K}in-article`, sources: [{ source: SEED_SOURCE, snippet: IN_ARTICLE }] })),
    );
    expect(seed.__typename, JSON.stringify(seed)).toBe('MutationAddAssertionSuccess');
    expect(seed.data.sources).toEqual([
      { snippet: IN_ARTICLE, verified: true, source: { key: SEED_SOURCE, hasText: true } },
    ]);
    const noText = await viaApi(
      ADD,
      apiInput(
        claim({ key: `fact:${K}no-text` }),
        sourceLine({ key: `source:${K}no-text`, url: 'https://example.test/validation-no-text' }),
      ),
    );
    expect(noText.__typename, JSON.stringify(noText)).toBe('MutationAddAssertionSuccess');
    expect(noText.data.sources).toEqual([
      { snippet: 'a verbatim snippet', verified: false, source: { key: `source:${K}no-text`, hasText: false } },
    ]);
  });

  it('through the importer: a source with its text; its snippets verified at their offsets', async () => {
    const text = 'Line one.\nThe second line says 42.';
    const start = text.indexOf('says 42');
    const lines = [
      sourceLine({ key: `source:${K}with-text`, url: 'https://example.test/validation-with-text', text }),
      claim({
        key: `fact:${K}with-text`,
        sources: [{ source: `source:${K}with-text`, snippet: 'says 42', start, end: start + 7 }],
      }),
    ];
    expect(await viaImporter(lines)).toEqual([]);
    const res = await gql(
      yoga,
      `{ source(key: "source:${K}with-text") { hasText textSha256 contentHash }
         assertion(key: "fact:${K}with-text") { sources { snippet start verified } } }`,
    );
    const sha = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    expect(res.data).toEqual({
      source: { hasText: true, textSha256: sha, contentHash: sha },
      assertion: { sources: [{ snippet: 'says 42', start: 10 + 'The second line '.length, verified: true }] },
    });
    // Importing the same text again changes nothing.
    const before = await state.snapshot();
    expect(await viaImporter(lines)).toEqual([]);
    expect(await state.snapshot()).toEqual(before);
  });
});

describe('the seed article keeps its full text and every one of its snippets is verified', () => {
  // Counted from the seed file itself, not through the loader.
  const seedLines = readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const facts = seedLines.filter((r) => r.type === 'assertion');
  const snippets = facts.flatMap((f) => f.sources.filter((s: Line) => s.source === SEED_SOURCE));

  it('the file holds 51 facts with 54 snippets of the article, each found verbatim at its offsets', () => {
    expect(facts.length).toBe(51);
    expect(snippets.length).toBe(54);
    for (const s of snippets) {
      expect(ARTICLE.includes(s.snippet), s.snippet).toBe(true);
      if (s.start !== undefined) expect(ARTICLE.slice(s.start, s.end)).toBe(s.snippet);
    }
  });

  it('the stored text is the article file, by its hash, and all 54 citations are verified', async () => {
    const sha = `sha256:${createHash('sha256')
      .update(readFileSync(resolve(import.meta.dirname, '../data/seed/article.txt')))
      .digest('hex')}`;
    const res = await gql(
      yoga,
      `{ source(key: "${SEED_SOURCE}") { hasText textSha256 contentHash
           assertions(first: 100) { key sources { verified snippet source { key } } } } }`,
    );
    const source = res.data?.source;
    expect(source.hasText).toBe(true);
    expect(source.textSha256).toBe(sha);
    expect(source.contentHash).toBe(sha);
    const seedFacts = (source.assertions as Line[]).filter((a) => !a.key.includes(K));
    expect(seedFacts.length).toBe(51);
    const cited = seedFacts.flatMap((a) => (a.sources as Line[]).filter((s) => s.source.key === SEED_SOURCE));
    expect(cited.length).toBe(54);
    expect(cited.filter((s) => s.verified).length).toBe(54);
  });

  it('a Source read does not carry the article text', async () => {
    const res = await gql(yoga, `{ source(key: "${SEED_SOURCE}") { key } sources(first: 5) { nodes { key title } } }`);
    expect(JSON.stringify(res)).not.toContain('Surge in Capital Expenditure');
  });
});

describe('the pure rules', () => {
  it('calendar dates: real days only, leap years right', () => {
    const ok = ['2024', '2024-02', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2023-12-31'];
    const bad = [
      '2024-13-45',
      '2024-02-30',
      '0000-00-00',
      '0000',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2024-06-31',
      '2024-1-1',
      '24-01-01',
      '2024-01-01T00:00',
    ];
    expect(ok.filter((d) => calendarDateProblem(d) !== null)).toEqual([]);
    expect(bad.filter((d) => calendarDateProblem(d) === null)).toEqual([]);
  });

  it('decimals compare exactly', () => {
    expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimals('0.1', '0.10')).toBe(0);
    expect(compareDecimals('-0.01', '0')).toBe(-1);
    expect(compareDecimals('-2', '-10')).toBe(1);
    expect(compareDecimals('12345678901234567890.5', '12345678901234567890.49')).toBe(1);
  });

  it('currencies: a Map, prototype names and lower case are not codes; stored exponents unchanged', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'usd', 'cny'])
      expect(currencyExponent(name), name).toBeUndefined();
    // The codes the graph accepted before the table, with the exponents their stored minor units were written with.
    const before = {
      CNY: 2,
      USD: 2,
      EUR: 2,
      GBP: 2,
      JPY: 0,
      KRW: 0,
      MYR: 2,
      HKD: 2,
      TWD: 2,
      SGD: 2,
      AED: 2,
      SAR: 2,
      INR: 2,
    };
    for (const [code, exponent] of Object.entries(before)) expect(currencyExponent(code), code).toBe(exponent);
    expect(currencyExponent('KWD')).toBe(3);
    expect(CURRENCY_EXPONENTS.size).toBeGreaterThan(150);
    for (const code of CURRENCY_EXPONENTS.keys()) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(toMinorUnits('23000000000', 'CNY')).toBe(2300000000000n);
    expect(fromMinorUnits(2300000000000n, 'CNY')).toBe('23000000000');
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234n);
    expect(() => toMinorUnits('1500000000', 'constructor')).toThrow(/currency: "constructor" is not an ISO 4217/);
  });

  it('one character rule: labels refuse controls and bidi; prose allows tab and line breaks only', () => {
    expect(forbiddenCharacter('Alibaba Group 阿里巴巴', 'label')).toBeNull();
    expect(forbiddenCharacter('a\u0000b', 'label')).toEqual({ index: 1, codePoint: 'U+0000' });
    expect(forbiddenCharacter('x\u2067', 'label')).toEqual({ index: 1, codePoint: 'U+2067' });
    expect(forbiddenCharacter('tab\there', 'label')).toEqual({ index: 3, codePoint: 'U+0009' });
    expect(forbiddenCharacter('line\nbreak\ttab\r\n', 'prose')).toBeNull();
    expect(forbiddenCharacter('bell\u0007', 'prose')).toEqual({ index: 4, codePoint: 'U+0007' });
    expect(forbiddenCharacter('\u202dx', 'prose')).toEqual({ index: 0, codePoint: 'U+202D' });
    // Arabic and Hebrew text needs no override characters and passes.
    expect(forbiddenCharacter('شركة علي بابا', 'label')).toBeNull();
  });
});
