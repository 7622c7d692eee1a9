import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';
import {
  assertDistinct,
  expectCase,
  expectStillServing,
  type HostileCase,
  type HostileExpectation,
  INJECTIONS,
  send,
} from './helpers/hostile.ts';

/**
 * Hostile writes: bad tokens, injection strings in every input, invalid money and periods, missing
 * sources, unknown keys. Every rejected write must leave the graph byte-for-byte as it was.
 */
const WRITER = 'writer-token-for-hostile-tests';
const READER = 'reader-token-for-hostile-tests';
const { database } = testApp();
const auth = loadConfig({
  API_TOKENS: [tokenConfigLine('writer', ['write'], WRITER), tokenConfigLine('reader', ['read'], READER)].join(','),
}).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const state = graphStateRepository(database.scope('test-hostile-writes'));
const KEYSPACE = 'test-hostile-';
afterAll(async () => {
  await state.deleteKeyspace(KEYSPACE);
  await database.close();
});

const asWriter = { authorization: `Bearer ${WRITER}` };
const asReader = { authorization: `Bearer ${READER}` };

const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename
  ... on MutationUpsertEntitySuccess { data { key name aliases description properties { name value } } }
  ... on WriteRejected { code message reasons } } }`;
const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on MutationAddAssertionSuccess { data { key summary note attribution period { label }
      sources { snippet locator source { key title url } } ... on Claim { text } } }
    ... on WriteRejected { code message reasons } } }`;
const RETRACT = `mutation($key: String!, $reason: String!) { retractAssertion(key: $key, reason: $reason) { __typename
  ... on WriteRejected { code message } } }`;
const MERGE = `mutation($keep: String!, $remove: String!, $reason: String!) {
  mergeEntities(keep: $keep, remove: $remove, reason: $reason) { __typename ... on WriteRejected { code message } } }`;

const claim = (over: Record<string, unknown> = {}) => ({
  key: 'fact:test-hostile-claim',
  kind: 'Claim',
  summary: 'Hostile test claim',
  mode: 'reported',
  roles: { subject: ['company:bytedance'] },
  text: 'a paraphrase',
  ...over,
});
const figure = (over: Record<string, unknown> = {}) => ({
  key: 'fact:test-hostile-figure',
  kind: 'FinancialFigure',
  summary: 'Hostile test figure',
  mode: 'reported',
  roles: { subject: ['company:bytedance'] },
  metric: 'capex',
  money: { amount: '1500000000', currency: 'USD', asReported: '$1.5 billion' },
  period: { label: 'fiscal 2025', type: 'FY', year: 2025 },
  ...over,
});
const money = (over: Record<string, unknown>) => figure({ money: { ...figure().money, ...over } });
const period = (over: Record<string, unknown>) => figure({ period: { ...figure().period, ...over } });
const support = (over: Record<string, unknown> = {}, source: Record<string, unknown> = {}) => ({
  source: { title: 'Hostile test source', url: 'https://example.test/hostile', ...source },
  snippet: 'a verbatim snippet',
  ...over,
});

const add = (assertion: object, sources: object[] = [support()], newEntities?: object[]) => ({
  query: ADD,
  variables: { assertion, sources, ...(newEntities ? { newEntities } : {}) },
  headers: asWriter,
});
const upsert = (input: Record<string, unknown>, headers = asWriter) => ({
  query: UPSERT,
  variables: { input: { key: 'company:test-hostile-co', kind: 'Company', name: 'Hostile Co', ...input } },
  headers,
});
const rejected = (field: string, code: string): HostileExpectation => ({ code, rejected: field });
const topLevel = (code: string, status?: number): HostileExpectation => ({ code, ...(status ? { status } : {}) });

const access: HostileCase[] = [
  {
    name: 'upsertEntity without a token',
    request: { ...upsert({}), headers: {} },
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'addAssertion without a token',
    request: { ...add(claim()), headers: {} },
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'retractAssertion without a token',
    request: { query: RETRACT, variables: { key: 'fact:bytedance-cash-reserves', reason: 'hostile' } },
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'mergeEntities without a token',
    request: { query: MERGE, variables: { keep: 'company:alibaba', remove: 'company:bytedance', reason: 'hostile' } },
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'forged bearer token',
    request: upsert({}, { authorization: 'Bearer forged-0123456789' }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'writer token with a suffix',
    request: upsert({}, { authorization: `Bearer ${WRITER}x` }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  { name: 'empty bearer', request: upsert({}, { authorization: 'Bearer ' }), expect: topLevel('UNAUTHENTICATED', 401) },
  {
    name: 'Basic scheme with the writer token',
    request: upsert({}, { authorization: `Basic ${WRITER}` }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'bearer carrying SQL',
    request: upsert({}, { authorization: "Bearer ' OR 1=1 --" }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: '600-character bearer',
    request: upsert({}, { authorization: `Bearer ${'a'.repeat(600)}` }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  {
    name: 'two bearer tokens',
    request: upsert({}, { authorization: `Bearer ${READER}, Bearer ${WRITER}` }),
    expect: topLevel('UNAUTHENTICATED', 401),
  },
  { name: 'upsertEntity with a read-only token', request: upsert({}, asReader), expect: topLevel('FORBIDDEN', 403) },
  {
    name: 'addAssertion with a read-only token',
    request: { ...add(claim()), headers: asReader },
    expect: topLevel('FORBIDDEN', 403),
  },
  {
    name: 'retractAssertion with a read-only token',
    request: {
      query: RETRACT,
      variables: { key: 'fact:bytedance-cash-reserves', reason: 'hostile' },
      headers: asReader,
    },
    expect: topLevel('FORBIDDEN', 403),
  },
  {
    name: 'mergeEntities with a read-only token',
    request: {
      query: MERGE,
      variables: { keep: 'company:alibaba', remove: 'company:bytedance', reason: 'hostile' },
      headers: asReader,
    },
    expect: topLevel('FORBIDDEN', 403),
  },
];

/** Injection strings where only a well-formed key, URL, metric or currency is allowed. */
const injected: HostileCase[] = Object.entries(INJECTIONS).flatMap(([label, v]) => [
  {
    name: `upsertEntity key ← ${label}`,
    request: upsert({ key: v }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  { name: `fact key ← ${label}`, request: add(claim({ key: v })), expect: rejected('addAssertion', 'BAD_USER_INPUT') },
  {
    name: `roles.subject ← ${label}`,
    request: add(claim({ roles: { subject: [v] } })),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `roles.object beside a good subject ← ${label}`,
    request: add(claim({ roles: { subject: ['company:bytedance'], object: [v] } })),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `newEntities key ← ${label}`,
    request: add(claim(), [support()], [{ key: v, kind: 'Company', name: 'x' }]),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `source.key ← ${label}`,
    request: add(claim(), [support({}, { key: v })]),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `source.url ← ${label}`,
    request: add(claim(), [support({}, { url: v })]),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `source.publisher ← ${label}`,
    request: add(claim(), [support({}, { publisher: v })]),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `metric ← ${label}`,
    request: add(figure({ metric: v })),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `money.currency ← ${label}`,
    request: add(money({ currency: v })),
    expect: rejected('addAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: `retractAssertion key ← ${label}`,
    request: { query: RETRACT, variables: { key: v, reason: 'hostile test' }, headers: asWriter },
    expect: rejected('retractAssertion', 'NOT_FOUND'),
  },
  {
    name: `mergeEntities remove ← ${label}`,
    request: {
      query: MERGE,
      variables: { keep: 'company:bytedance', remove: v, reason: 'hostile test' },
      headers: asWriter,
    },
    expect: rejected('mergeEntities', 'NOT_FOUND'),
  },
  {
    name: `mergeEntities keep ← ${label}`,
    request: {
      query: MERGE,
      variables: { keep: v, remove: 'company:bytedance', reason: 'hostile test' },
      headers: asWriter,
    },
    expect: rejected('mergeEntities', 'NOT_FOUND'),
  },
]);

const A = 'addAssertion';
const invalid: HostileCase[] = [
  // Money
  { name: 'currency XXX', request: add(money({ currency: 'XXX' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'currency in lower case', request: add(money({ currency: 'usd' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'currency symbol', request: add(money({ currency: 'US$' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'amount as a JSON float', request: add(money({ amount: 1.5 })), expect: topLevel('BAD_USER_INPUT') },
  { name: 'amount with an exponent', request: add(money({ amount: '1.5e9' })), expect: topLevel('BAD_USER_INPUT') },
  { name: 'amount empty', request: add(money({ amount: '' })), expect: topLevel('BAD_USER_INPUT') },
  {
    name: 'amount with a thousands separator',
    request: add(money({ amount: '1,500' })),
    expect: topLevel('BAD_USER_INPUT'),
  },
  { name: 'amount Infinity', request: add(money({ amount: 'Infinity' })), expect: topLevel('BAD_USER_INPUT') },
  {
    name: 'more decimals than USD has',
    request: add(money({ amount: '1.001' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'decimals on JPY',
    request: add(money({ amount: '1.5', currency: 'JPY' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'amount beyond int64',
    request: add(money({ amount: '99999999999999999999' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'amount one cent beyond int64',
    request: add(money({ amount: '92233720368547758.08' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'lower above upper',
    request: add(money({ qualifier: 'range', lower: '10', upper: '5' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'range without upper',
    request: add(money({ qualifier: 'range', lower: '10' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  { name: 'asReported empty', request: add(money({ asReported: '' })), expect: rejected(A, 'BAD_USER_INPUT') },
  {
    name: 'change finer than 0.01 %',
    request: add(figure({ change: { percent: '1.234', asReported: '1.234%' } })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'quantity value in words',
    request: add(figure({ quantity: { value: 'many', unit: 'units', asReported: 'many' } })),
    expect: topLevel('BAD_USER_INPUT'),
  },
  {
    name: 'unitPrice in an unknown currency',
    request: add(figure({ unitPrice: { amount: '1', currency: 'BTC', asReported: '1 BTC' } })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'reportedConversion with too many decimals',
    request: add(figure({ reportedConversion: { amount: '7.123', currency: 'USD', asReported: '$7' } })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  // Issue 13: currencies from the ISO 4217 table only, exact bounds, sign per metric, value fields per kind
  ...['constructor', '__proto__', 'toString'].map((c) => ({
    name: `currency ${c} (a prototype name)`,
    request: add(money({ currency: c })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  })),
  {
    name: 'lower 9007199254740993 above upper 9007199254740992 (equal as floats)',
    request: add(
      money({ qualifier: 'range', amount: '9007199254740992', lower: '9007199254740993', upper: '9007199254740992' }),
    ),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'amount outside its own bounds',
    request: add(money({ qualifier: 'range', amount: '20', lower: '10', upper: '15' })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  { name: 'negative capex', request: add(money({ amount: '-1500000000' })), expect: rejected(A, 'BAD_USER_INPUT') },
  {
    name: 'a Claim carrying money',
    request: add(claim({ money: figure().money })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  // Periods
  { name: 'year 1800', request: add(period({ year: 1800 })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'year 2101', request: add(period({ year: 2101 })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'year beyond Int', request: add(period({ year: 2147483648 })), expect: topLevel('BAD_USER_INPUT') },
  { name: 'year as a string', request: add(period({ year: '2024' })), expect: topLevel('BAD_USER_INPUT') },
  {
    name: 'inferred year without inference',
    request: add(period({ yearInferred: true })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  { name: 'period label empty', request: add(period({ label: '' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'period type unknown', request: add(period({ type: 'YEAR' })), expect: topLevel('BAD_USER_INPUT') },
  { name: 'period basis unknown', request: add(period({ basis: 'lunar' })), expect: rejected(A, 'BAD_USER_INPUT') },
  {
    name: 'inference of 1001 characters',
    request: add(period({ yearInferred: true, inference: 'i'.repeat(1001) })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  // Sources and snippets
  { name: 'no sources', request: add(claim(), []), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'empty snippet', request: add(claim(), [support({ snippet: '' })]), expect: rejected(A, 'BAD_USER_INPUT') },
  {
    name: 'snippet missing',
    request: add(claim(), [{ source: support().source }]),
    expect: topLevel('BAD_USER_INPUT'),
  },
  {
    name: 'snippet of 2001 characters',
    request: add(claim(), [support({ snippet: 's'.repeat(2001) })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'source without key, url or hash',
    request: add(claim(), [{ source: { title: 'Nameless' }, snippet: 'x' }]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'malformed content hash',
    request: add(claim(), [{ source: { title: 'Hashed', contentHash: 'sha256:xyz' }, snippet: 'x' }]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'offsets that do not span the snippet',
    request: add(claim(), [support({ start: 0, end: 3 })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  { name: 'start without end', request: add(claim(), [support({ start: 5 })]), expect: rejected(A, 'BAD_USER_INPUT') },
  {
    name: 'negative offsets',
    request: add(claim(), [support({ start: -18, end: 0 })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: '21 sources',
    request: add(
      claim(),
      Array.from({ length: 21 }, (_, i) => support({}, { url: `https://example.test/hostile-${i}` })),
    ),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'source kind unknown',
    request: add(claim(), [support({}, { kind: 'blog' })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'publishedDate in words',
    request: add(claim(), [support({}, { publishedDate: 'yesterday' })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  ...['2024-13-45', '2024-02-30', '0000-00-00'].map((d) => ({
    name: `publishedDate ${d} (no such day)`,
    request: add(claim(), [support({}, { publishedDate: d })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  })),
  {
    name: 'a snippet the seed article never said',
    request: add(claim(), [
      {
        source: {
          key: 'source:panfinance-chinese-tech-giants-ai-investment',
          title: 'Chinese Tech Giants Boost AI Investment Despite U.S. Sanctions',
        },
        snippet: 'ByteDance will buy ten million H20 chips',
      },
    ]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'javascript: source URL',
    request: add(claim(), [support({}, { url: 'javascript:alert(1)' })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'made-up URL scheme',
    request: add(claim(), [support({}, { url: 'company:x RETURN 1' })]),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  // Unknown keys, conflicts, partial writes
  {
    name: 'unknown source publisher',
    request: add(claim(), [
      support({}, { url: 'https://example.test/hostile-pub', publisher: 'org:test-hostile-nobody' }),
    ]),
    expect: rejected(A, 'NOT_FOUND'),
  },
  {
    name: 'unknown subject',
    request: add(claim({ roles: { subject: ['company:test-hostile-nobody'] } })),
    expect: rejected(A, 'NOT_FOUND'),
  },
  {
    name: 'unknown object beside a declared new entity (nothing lands)',
    request: add(
      claim({ roles: { subject: ['company:test-hostile-new'], object: ['chip:test-hostile-nobody'] } }),
      [support({}, { url: 'https://example.test/hostile-new-source' })],
      [{ key: 'company:test-hostile-new', kind: 'Company', name: 'Would-be new' }],
    ),
    expect: rejected(A, 'NOT_FOUND'),
  },
  {
    name: 'unknown speaker with a new source (the source does not land)',
    request: add(claim({ roles: { speaker: ['person:test-hostile-nobody'] } }), [
      support({}, { url: 'https://example.test/hostile-orphan-source' }),
    ]),
    expect: rejected(A, 'NOT_FOUND'),
  },
  {
    name: 'fact key of a seed fact',
    request: add(claim({ key: 'fact:bytedance-cash-reserves' })),
    expect: rejected(A, 'CONFLICT'),
  },
  {
    name: 'newEntities redeclaring a seed company as a place',
    request: add(claim(), [support()], [{ key: 'company:bytedance', kind: 'Place', name: 'ByteDance' }]),
    expect: rejected(A, 'CONFLICT'),
  },
  {
    name: 'upsert turning a seed company into a person',
    request: upsert({ key: 'company:bytedance', kind: 'Person', name: 'ByteDance' }),
    expect: rejected('upsertEntity', 'CONFLICT'),
  },
  { name: 'summary empty', request: add(claim({ summary: '' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'confidence unknown', request: add(claim({ confidence: 'certain' })), expect: rejected(A, 'BAD_USER_INPUT') },
  { name: 'mode unknown', request: add(claim({ mode: 'rumour' })), expect: topLevel('BAD_USER_INPUT') },
  { name: 'kind unknown', request: add(claim({ kind: 'Entity' })), expect: topLevel('BAD_USER_INPUT') },
  {
    name: '51 subjects',
    request: add(claim({ roles: { subject: Array.from({ length: 51 }, () => 'company:bytedance') } })),
    expect: rejected(A, 'BAD_USER_INPUT'),
  },
  {
    name: 'upsert wikidata Q0',
    request: upsert({ wikidata: 'Q0' }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  { name: 'upsert empty name', request: upsert({ name: '' }), expect: rejected('upsertEntity', 'BAD_USER_INPUT') },
  ...Object.entries({ NUL: '\u0000', ESC: '\u001b', BEL: '\u0007', 'U+202E': '\u202e' }).map(([label, ch]) => ({
    name: `upsert name with ${label}`,
    request: upsert({ name: `Hostile${ch}Co` }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  })),
  {
    name: 'upsert alias with U+2066',
    request: upsert({ aliases: ['\u2066alias'] }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  {
    name: 'upsert 51 aliases',
    request: upsert({ aliases: Array.from({ length: 51 }, (_, i) => `alias ${i}`) }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  {
    name: 'upsert upper-case key',
    request: upsert({ key: 'Company:Test-Hostile' }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  {
    name: 'upsert key of 201 characters',
    request: upsert({ key: `company:${'k'.repeat(193)}` }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  { name: 'upsert unknown kind', request: upsert({ kind: 'Planet' }), expect: topLevel('BAD_USER_INPUT') },
  {
    name: 'upsert property value of 2001 characters',
    request: upsert({ properties: [{ name: 'x', value: 'v'.repeat(2001) }] }),
    expect: rejected('upsertEntity', 'BAD_USER_INPUT'),
  },
  {
    name: 'retract an unknown fact',
    request: {
      query: RETRACT,
      variables: { key: 'fact:test-hostile-nothing', reason: 'hostile test' },
      headers: asWriter,
    },
    expect: rejected('retractAssertion', 'NOT_FOUND'),
  },
  {
    name: 'retract without a reason',
    request: { query: RETRACT, variables: { key: 'fact:bytedance-cash-reserves', reason: ' ' }, headers: asWriter },
    expect: rejected('retractAssertion', 'BAD_USER_INPUT'),
  },
  {
    name: 'merge an entity into itself',
    request: {
      query: MERGE,
      variables: { keep: 'company:bytedance', remove: 'company:bytedance', reason: 'same' },
      headers: asWriter,
    },
    expect: rejected('mergeEntities', 'BAD_USER_INPUT'),
  },
  {
    name: 'merge without a reason',
    request: {
      query: MERGE,
      variables: { keep: 'company:alibaba', remove: 'company:bytedance', reason: '  ' },
      headers: asWriter,
    },
    expect: rejected('mergeEntities', 'BAD_USER_INPUT'),
  },
  {
    name: 'merge into an unknown entity',
    request: {
      query: MERGE,
      variables: { keep: 'company:test-hostile-nobody', remove: 'company:bytedance', reason: 'hostile test' },
      headers: asWriter,
    },
    expect: rejected('mergeEntities', 'NOT_FOUND'),
  },
];

const cases = [...access, ...injected, ...invalid];

describe('rejected writes change nothing', () => {
  let before: Awaited<ReturnType<typeof state.snapshot>>;
  beforeAll(async () => {
    before = await state.snapshot();
  });

  it('has distinct case names', () => {
    assertDistinct(cases);
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.expect.code}`, async () => {
      const answer = await expectCase(yoga, c);
      const token = c.request.headers?.authorization?.split(' ')[1];
      if (token) expect(answer.text).not.toContain(token);
      await expectStillServing(yoga);
      // The test graph is the seed plus the other files' small fixtures: the whole-graph checksum stays cheap.
      expect(await state.snapshot()).toEqual(before);
    });
  }
});

/**
 * Free text (names, aliases, snippets, titles…) takes any string except control characters and bidi
 * overrides (issue 13: the NUL and U+202E injections are refused); the rest is stored and returned verbatim.
 */
const REFUSED_CHARACTERS = new Set(['nul', 'rtl-override']);
describe('injection strings in free text are stored verbatim, and only what was asked lands', () => {
  const entries = Object.entries(INJECTIONS);

  entries.forEach(([label, v], i) => {
    const refusedInName = v.length > 300 || REFUSED_CHARACTERS.has(label);
    it(`upsertEntity name, alias, description, property ← ${label} → ${refusedInName ? 'BAD_USER_INPUT' : 'DATA'}`, async () => {
      const key = `company:test-hostile-data-${i}`;
      const counts = await state.snapshot();
      const { body } = await send(
        yoga,
        upsert({ key, name: v, aliases: [v], description: v, properties: [{ name: 'note', value: v }] }),
      );
      const after = await state.snapshot();
      if (refusedInName) {
        expect(body.data.upsertEntity.code).toBe('BAD_USER_INPUT');
        expect(after).toEqual(counts);
      } else {
        expect(body.data.upsertEntity.data).toMatchObject({
          key,
          name: v,
          description: v,
          properties: [{ name: 'note', value: v }],
        });
        expect(body.data.upsertEntity.data.aliases).toContain(v);
        expect([after.nodes - counts.nodes, after.relationships - counts.relationships]).toEqual([1, 0]);
      }
      await expectStillServing(yoga);
    });

    const refusedInSummary = v.length > 300 || REFUSED_CHARACTERS.has(label);
    it(`addAssertion summary, text, note, attribution, label, snippet, locator, title ← ${label} → ${refusedInSummary ? 'BAD_USER_INPUT' : 'DATA'}`, async () => {
      const key = `fact:test-hostile-data-${i}`;
      const counts = await state.snapshot();
      const { body } = await send(
        yoga,
        add(claim({ key, summary: v, text: v, note: v, attribution: v, period: { label: v, type: 'OPEN' } }), [
          { source: { title: v, url: `https://example.test/hostile-data-${i}` }, snippet: v, locator: v },
        ]),
      );
      const after = await state.snapshot();
      if (refusedInSummary) {
        expect(body.data.addAssertion.code).toBe('BAD_USER_INPUT');
        expect(after).toEqual(counts);
      } else {
        expect(body.errors).toBeUndefined();
        expect(body.data.addAssertion.data).toMatchObject({
          key,
          summary: v,
          text: v,
          note: v,
          attribution: v,
          period: { label: v },
          sources: [{ snippet: v, locator: v, source: { title: v, url: `https://example.test/hostile-data-${i}` } }],
        });
        // the fact and its new source, nothing else
        expect(after.nodes - counts.nodes).toBe(2);
      }
      await expectStillServing(yoga);
    });
  });

  it('the seed is intact after the whole suite', async () => {
    const { body } = await send(yoga, {
      query:
        '{ bd: entity(key: "company:bytedance") { key name __typename } ali: entity(key: "company:alibaba") { key } f: assertion(key: "fact:bytedance-cash-reserves") { key rank } }',
    });
    expect(body.data).toEqual({
      bd: { key: 'company:bytedance', name: 'ByteDance', __typename: 'Company' },
      ali: { key: 'company:alibaba' },
      f: { key: 'fact:bytedance-cash-reserves', rank: 'normal' },
    });
  });
});
