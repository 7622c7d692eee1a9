import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';

/** Writes through the API: typed results, one transaction each, history kept, merges redirect. */
const WRITER = 'writer-token-for-mutation-tests';
const READER = 'reader-token-for-mutation-tests';
const { database } = testApp();
const auth = loadConfig({
  API_TOKENS: [tokenConfigLine('writer', ['write'], WRITER), tokenConfigLine('reader', ['read'], READER)].join(','),
}).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const repos = createRepositories(database.scope('test-mutations'));
const asWriter = { authorization: `Bearer ${WRITER}` };
afterAll(() => database.close());

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) {
    __typename
    ... on MutationAddAssertionSuccess { data { key summary sources { snippet source { key url } }
      ... on FinancialFigure { amount { amount currency } company { key name } } } }
    ... on WriteRejected { code message reasons }
  } }`;

const figure = (key: string, overrides: Record<string, unknown> = {}) => ({
  key,
  kind: 'FinancialFigure',
  summary: 'Test Co capex FY2025: 1.5 bn USD',
  mode: 'reported',
  roles: { subject: ['company:test-mut-co'] },
  metric: 'capex',
  money: { amount: '1500000000', currency: 'USD', asReported: '$1.5 billion' },
  period: { label: 'fiscal 2025', type: 'FY', year: 2025, basis: 'fiscal' },
  ...overrides,
});
const support = {
  source: { title: 'Test Co annual report', url: 'https://example.test/report-2025' },
  snippet: 'capex of $1.5 billion',
};
const testCo = { key: 'company:test-mut-co', kind: 'Company', name: 'Test Mutation Co', aliases: ['TMC'] };

describe('access', () => {
  it('refuses writes without a token (401) and with a read-only token (403), changing nothing', async () => {
    const before = await repos.system.counts();
    const anonymous = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: ADD,
        variables: { assertion: figure('fact:test-mut-denied'), sources: [support], newEntities: [testCo] },
      }),
    });
    expect(anonymous.status).toBe(401);
    const reader = await gql(
      yoga,
      ADD,
      { assertion: figure('fact:test-mut-denied'), sources: [support], newEntities: [testCo] },
      {
        authorization: `Bearer ${READER}`,
      },
    );
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await repos.system.counts()).toEqual(before);
  });
});

describe('addAssertion', () => {
  it('adds a fact with its source (upserted by URL) and a new entity in one transaction', async () => {
    const res = await gql(
      yoga,
      ADD,
      { assertion: figure('fact:test-mut-capex-2025'), sources: [support], newEntities: [testCo] },
      asWriter,
    );
    const result = res.data?.addAssertion;
    expect(result.__typename).toBe('MutationAddAssertionSuccess');
    expect(result.data.amount).toEqual({ amount: '1500000000', currency: 'USD' });
    expect(result.data.company.key).toBe('company:test-mut-co');
    const sourceKey = result.data.sources[0].source.key;
    const again = await gql(
      yoga,
      ADD,
      { assertion: figure('fact:test-mut-capex-2025-b'), sources: [support] },
      asWriter,
    );
    expect(again.data?.addAssertion.data.sources[0].source.key).toBe(sourceKey);
  });

  it('rejects bad input with a typed result and changes nothing', async () => {
    const before = await repos.system.counts();
    const cases: [string, Record<string, unknown>, unknown[], string][] = [
      ['no source', figure('fact:test-mut-x1'), [], 'BAD_USER_INPUT'],
      [
        'bad currency',
        figure('fact:test-mut-x2', { money: { amount: '1', currency: 'XXX', asReported: '1' } }),
        [support],
        'BAD_USER_INPUT',
      ],
      [
        'too many decimals',
        figure('fact:test-mut-x3', { money: { amount: '1.001', currency: 'USD', asReported: '1' } }),
        [support],
        'BAD_USER_INPUT',
      ],
      [
        'inferred year without why',
        figure('fact:test-mut-x4', { period: { label: 'x', type: 'H1', year: 2024, yearInferred: true } }),
        [support],
        'BAD_USER_INPUT',
      ],
      [
        'unknown entity',
        figure('fact:test-mut-x5', { roles: { subject: ['company:test-mut-nobody'] } }),
        [support],
        'NOT_FOUND',
      ],
      ['existing key', figure('fact:test-mut-capex-2025'), [support], 'CONFLICT'],
      ['bad key', figure('Fact With Spaces'), [support], 'BAD_USER_INPUT'],
    ];
    for (const [name, assertion, sources, code] of cases) {
      const res = await gql(yoga, ADD, { assertion, sources }, asWriter);
      expect(res.data?.addAssertion?.code, name).toBe(code);
    }
    expect(await repos.system.counts()).toEqual(before);
  });
});

describe('upsertEntity', () => {
  const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) {
    ... on MutationUpsertEntitySuccess { data { key aliases } } ... on WriteRejected { code message } } }`;

  it('is idempotent and merges aliases without duplicates', async () => {
    const input = { key: 'company:test-mut-upsert', kind: 'Company', name: 'Upsert Co', aliases: ['UC'] };
    await gql(yoga, UPSERT, { input }, asWriter);
    const before = await repos.system.counts();
    const res = await gql(yoga, UPSERT, { input: { ...input, aliases: ['UC', 'Upsert Company'] } }, asWriter);
    expect(res.data?.upsertEntity.data.aliases).toEqual(['Upsert Co', 'UC', 'Upsert Company']);
    await gql(yoga, UPSERT, { input: { ...input, aliases: ['UC', 'Upsert Company'] } }, asWriter);
    expect(await repos.system.counts()).toEqual(before);
  });
});

describe('retractAssertion', () => {
  const RETRACT = `mutation($key: String!, $reason: String!) { retractAssertion(key: $key, reason: $reason) {
    ... on MutationRetractAssertionSuccess { data { key rank retraction { reason at } } } ... on WriteRejected { code } } }`;

  it('keeps the fact as deprecated with reason and time, hides it from default lists, and refuses twice', async () => {
    const res = await gql(
      yoga,
      RETRACT,
      { key: 'fact:test-mut-capex-2025-b', reason: 'duplicate of the first test figure' },
      asWriter,
    );
    expect(res.data?.retractAssertion.data).toMatchObject({
      rank: 'deprecated',
      retraction: { reason: 'duplicate of the first test figure' },
    });
    const listed = await gql(
      yoga,
      '{ assertions(first: 100, filter: { entity: "company:test-mut-co" }) { nodes { key } } }',
    );
    expect(listed.data?.assertions.nodes.map((n: any) => n.key)).toEqual(['fact:test-mut-capex-2025']);
    const history = await gql(
      yoga,
      '{ assertions(first: 100, filter: { entity: "company:test-mut-co", rank: deprecated }) { nodes { key } } }',
    );
    expect(history.data?.assertions.nodes.map((n: any) => n.key)).toEqual(['fact:test-mut-capex-2025-b']);
    const twice = await gql(yoga, RETRACT, { key: 'fact:test-mut-capex-2025-b', reason: 'again' }, asWriter);
    expect(twice.data?.retractAssertion.code).toBe('CONFLICT');
    const missing = await gql(yoga, RETRACT, { key: 'fact:test-mut-none', reason: 'nothing' }, asWriter);
    expect(missing.data?.retractAssertion.code).toBe('NOT_FOUND');
  });
});

describe('mergeEntities', () => {
  const MERGE = `mutation($keep: String!, $remove: String!) { mergeEntities(keep: $keep, remove: $remove, reason: "same company") {
    ... on MutationMergeEntitiesSuccess { data { key aliases } } ... on WriteRejected { code } } }`;

  it('moves facts, keeps the removed key as a redirect and its name as an alias', async () => {
    await gql(
      yoga,
      ADD,
      {
        assertion: figure('fact:test-mut-dup-capex', { roles: { subject: ['company:test-mut-dup'] } }),
        sources: [support],
        newEntities: [{ key: 'company:test-mut-dup', kind: 'Company', name: 'Test Mutation Company Ltd' }],
      },
      asWriter,
    );
    const res = await gql(yoga, MERGE, { keep: 'company:test-mut-co', remove: 'company:test-mut-dup' }, asWriter);
    expect(res.data?.mergeEntities.data.aliases).toContain('Test Mutation Company Ltd');
    const redirected = await gql(
      yoga,
      '{ entity(key: "company:test-mut-dup") { key ... on Company { figures { key } } } }',
    );
    expect(redirected.data?.entity.key).toBe('company:test-mut-co');
    expect(redirected.data?.entity.figures.map((f: any) => f.key)).toContain('fact:test-mut-dup-capex');
    const reuse = await gql(
      yoga,
      `mutation { upsertEntity(input: { key: "company:test-mut-dup", kind: Company, name: "x" }) {
      ... on WriteRejected { code } } }`,
      {},
      asWriter,
    );
    expect(reuse.data?.upsertEntity.code).toBe('CONFLICT');
    const self = await gql(yoga, MERGE, { keep: 'company:test-mut-co', remove: 'company:test-mut-co' }, asWriter);
    expect(self.data?.mergeEntities.code).toBe('BAD_USER_INPUT');
  });
});
