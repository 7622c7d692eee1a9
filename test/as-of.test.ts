import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { changeRepository } from '../src/repositories/changes.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql } from './helpers/app.ts';

/**
 * Issue 17 item 2: as-of reads before and after a retraction, an added fact, a new entity and a rename, with exact
 * answers. The expected fact lists are derived from the seed file itself, not from the code under test.
 */
const WRITER = 'writer-token-for-as-of-tests';
const neo4j = inject('neo4j');
const database = new Database({ ...loadConfig().neo4j, ...neo4j });
const auth = loadConfig({ API_TOKENS: tokenConfigLine('as-of-writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const asWriter = { authorization: `Bearer ${WRITER}` };
const log = changeRepository(database.scope('test-as-of'));

type Line = { type: string; key: string; kind: string; roles?: Record<string, string[]> };
const seed = readFileSync(SEED_FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Line);
/** The seed's facts of a kind in which an entity takes any role, in key order. */
const seedFacts = (entity: string, kind: string) =>
  seed
    .filter(
      (l) =>
        l.type === 'assertion' &&
        l.kind === kind &&
        Object.values(l.roles ?? {})
          .flat()
          .includes(entity),
    )
    .map((l) => l.key)
    .sort();

const RETRACTED = 'fact:baidu-capex-2024-h1';
const ADDED = 'fact:asof-baidu-new-claim';
const NEW_ENTITY = 'company:asof-newcomer';

/** When the seed was written (the log's last entry before this file writes), and when each later write was. */
let seeded = '';
let retractedAt = '';

async function write(query: string, variables: Record<string, unknown>) {
  const res = await gql(yoga, query, variables, asWriter);
  const result = Object.values(res.data ?? {})[0] as { __typename?: string } | undefined;
  expect(result?.__typename, JSON.stringify(res)).toMatch(/Success$/);
  return (await log.last()).at!;
}

beforeAll(async () => {
  seeded = (await log.last()).at!;
  retractedAt = await write(
    `mutation($key: String!) { retractAssertion(key: $key, reason: "as-of test: retracted") { __typename } }`,
    { key: RETRACTED },
  );
  await write(
    `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
      addAssertion(assertion: $assertion, sources: $sources) { __typename } }`,
    {
      assertion: {
        key: ADDED,
        kind: 'Claim',
        summary: 'A claim added after the retraction',
        mode: 'reported',
        roles: { subject: ['company:baidu'] },
        text: 'added later',
      },
      sources: [{ source: { title: 'As-of test source', url: 'https://example.test/as-of' }, snippet: 'added later' }],
    },
  );
  await write('mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename } }', {
    input: { key: NEW_ENTITY, kind: 'Company', name: 'As-of Newcomer' },
  });
  await write(
    `mutation { updateEntity(key: "company:baidu", changes: { name: "Baidu Inc." }, reason: "as-of test: renamed") {
      __typename } }`,
    {},
  );
});
afterAll(() => database.close());

const read = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await gql(yoga, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as Record<string, any>;
};

describe('as-of reads', () => {
  const ENTITY = `query($asOf: DateTime) { entity(key: "company:baidu", asOf: $asOf) { name
    figures: facts(factKinds: [FinancialFigure]) { key rank retraction { reason } }
    claims: facts(factKinds: [Claim]) { key } } }`;

  it('an entity before the retraction: the retracted figure still current, the later claim absent, the old name', async () => {
    const { entity } = await read(ENTITY, { asOf: seeded });
    expect(seedFacts('company:baidu', 'FinancialFigure')).toEqual([RETRACTED]);
    expect(entity).toEqual({
      name: 'Baidu',
      figures: [{ key: RETRACTED, rank: 'normal', retraction: null }],
      claims: expect.any(Array),
    });
    expect(entity.claims.map((c: { key: string }) => c.key).sort()).toEqual(seedFacts('company:baidu', 'Claim'));
  });

  it('the same entity now, and as of the retraction itself: the figure is gone, the claim is there', async () => {
    for (const asOf of [null, retractedAt]) {
      const { entity } = await read(ENTITY, { asOf });
      expect(entity.figures).toEqual([]);
      const claims = entity.claims.map((c: { key: string }) => c.key).sort();
      expect(claims).toEqual(
        asOf === null ? [...seedFacts('company:baidu', 'Claim'), ADDED].sort() : seedFacts('company:baidu', 'Claim'),
      );
      expect(entity.name).toBe(asOf === null ? 'Baidu Inc.' : 'Baidu');
    }
  });

  it('asking for retracted facts as of before the retraction finds none retracted then', async () => {
    const { entity } = await read(
      `query($asOf: DateTime) { entity(key: "company:baidu", asOf: $asOf) {
        facts(factKinds: [FinancialFigure], includeDeprecated: true) { key rank } } }`,
      { asOf: seeded },
    );
    expect(entity.facts).toEqual([{ key: RETRACTED, rank: 'normal' }]);
  });

  it('an entity the graph learned of later is null then, with a notice', async () => {
    const query = `query($asOf: DateTime) { entity(key: "${NEW_ENTITY}", asOf: $asOf) { name } }`;
    const res = await gql(yoga, query, { asOf: seeded });
    expect(res.data).toEqual({ entity: null });
    const notice = (res.extensions as { notFound?: { message: string }[] }).notFound?.[0]?.message ?? '';
    expect(notice).toContain(`${NEW_ENTITY} was not in the graph at ${seeded}`);
    expect(await read(query)).toEqual({ entity: { name: 'As-of Newcomer' } });
  });

  it('fact connections as of before and after the retraction', async () => {
    const query = `query($asOf: DateTime, $rank: Rank) {
      assertions(asOf: $asOf, filter: { entity: "company:baidu", kinds: [FinancialFigure, Claim], rank: $rank }) {
        totalCount nodes { key rank } } }`;
    const claims = seedFacts('company:baidu', 'Claim');
    const before = await read(query, { asOf: seeded });
    expect(before.assertions).toEqual({
      totalCount: claims.length + 1,
      nodes: [...claims, RETRACTED].sort().map((key) => ({ key, rank: 'normal' })),
    });
    const now = await read(query, {});
    expect(now.assertions).toEqual({
      totalCount: claims.length + 1,
      nodes: [...claims, ADDED].sort().map((key) => ({ key, rank: 'normal' })),
    });
    const deprecatedThen = await read(query, { asOf: seeded, rank: 'deprecated' });
    expect(deprecatedThen.assertions).toEqual({ totalCount: 0, nodes: [] });
    const deprecatedLater = await read(query, { asOf: retractedAt, rank: 'deprecated' });
    expect(deprecatedLater.assertions).toEqual({ totalCount: 1, nodes: [{ key: RETRACTED, rank: 'deprecated' }] });
    const kindOnly = await read(
      `query($asOf: DateTime) { financialFigures(asOf: $asOf, filter: { entity: "company:baidu" }) {
      totalCount nodes { key } } }`,
      { asOf: seeded },
    );
    expect(kindOnly.financialFigures).toEqual({ totalCount: 1, nodes: [{ key: RETRACTED }] });
  });

  it('research views as of before and after the retraction (README question 1 and 9 figures)', async () => {
    const byCompany = `query($asOf: DateTime) { metricByCompany(metric: "capex", periodYear: 2024, periodType: H1, asOf: $asOf) {
      rows { company { key } figure { key amount { amount currency } } } } }`;
    const rows = async (asOf: string | null) =>
      (await read(byCompany, { asOf })).metricByCompany.rows.map(
        (r: { company: { key: string }; figure: { amount: { amount: string } } }) => [
          r.company.key,
          r.figure.amount.amount,
        ],
      );
    expect(await rows(seeded)).toEqual([
      ['company:tencent', '23000000000'],
      ['company:alibaba', '23000000000'],
      ['company:baidu', '4200000000'],
    ]);
    expect(await rows(null)).toEqual([
      ['company:tencent', '23000000000'],
      ['company:alibaba', '23000000000'],
    ]);
    const byCountry = `query($asOf: DateTime) { metricByCountry(metric: "capex", periodYear: 2024, periodType: H1, asOf: $asOf) {
      rows { country { key } total { amount currency } companies } } }`;
    const china = async (asOf: string | null) =>
      (await read(byCountry, { asOf })).metricByCountry.rows.filter(
        (r: { country: { key: string } | null }) => r.country?.key === 'place:cn',
      );
    expect(await china(seeded)).toEqual([
      { country: { key: 'place:cn' }, total: { amount: '50200000000', currency: 'CNY' }, companies: 3 },
    ]);
    expect(await china(null)).toEqual([
      { country: { key: 'place:cn' }, total: { amount: '46000000000', currency: 'CNY' }, companies: 2 },
    ]);
  });

  it('an asOf that is not an instant is BAD_USER_INPUT', async () => {
    const res = await gql(yoga, '{ entity(key: "company:baidu", asOf: "last tuesday") { name } }');
    expect(res.errors?.[0]?.message).toContain('DateTime must be an ISO 8601 date-time');
    const dateOnly = await read('{ entity(key: "company:baidu", asOf: "2000-01-01") { name } }');
    // Before the graph learned of anything, nothing was there.
    expect(dateOnly).toEqual({ entity: null });
  });
});
