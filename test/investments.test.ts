import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { importEpoch, readEpochFiles } from '../src/import/epoch/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { exportRecords } from '../src/services/export.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Investment facts from the Epoch import, the `investments` connection and the `investmentsByPlace` view. Every
 * expected count and sum is derived here from the CSVs as csv-parse reads them, not from the importer.
 */
const { database, yoga } = testApp();
const dataDir = resolve(loadConfig().epochDataDir);
afterAll(() => database.close());
beforeAll(async () => {
  await importEpoch(database.scope('test-investments'), readEpochFiles(dataDir));
});

type Row = Record<string, string>;
const csv = (...path: string[]) =>
  parse(readFileSync(join(dataDir, ...path)), { columns: true, skip_empty_lines: true, bom: true }) as Row[];
const clusters = csv('epoch_gpu_clusters.csv');
const sites = csv('epoch_frontier_data_centers', 'data_centers.csv');
const timelines = csv('epoch_frontier_data_centers', 'data_center_timelines.csv');

const SITE_COST = 'Current total capital cost (2025 USD billions)';
const TIMELINE_COST = 'Total capital cost (2025 USD billions)';
const investorsOf = (cell: string | undefined) =>
  (cell ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const siteSlug = (name: string) =>
  `datacenter:epoch-site-${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;

/** A decimal cell in major units × 10^shift, rounded half up to whole cents: exact, with BigInt. */
function cents(cell: string, shift = 0): bigint {
  const [whole, fraction = ''] = cell.split('.');
  const digits = `${whole}${fraction.padEnd(shift + 3, '0')}`; // shift + 2 cent digits + 1 for rounding
  const scaled = BigInt(digits.slice(0, whole!.length + shift + 3));
  return (scaled + 5n) / 10n;
}
const usd = (c: bigint) => {
  const s = c.toString().padStart(3, '0');
  const major = s.slice(0, -2);
  const minor = s.slice(-2).replace(/0+$/, '');
  return minor ? `${major}.${minor}` : major;
};

/** The site rows (and their positive timeline rows) whose Investors name `company`. */
const siteInvestmentsOf = (name: string) => {
  const named = sites.filter((r) => investorsOf(r.Investors).includes(name));
  const withCost = new Set(named.map((r) => r.Name));
  return (
    named.length + timelines.filter((r) => withCost.has(r['Data center']) && Number(r[TIMELINE_COST] || 0) > 0).length
  );
};

async function ask<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}) {
  const res = await gql<T>(yoga, query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

const KEYS = `query($filter: InvestmentFilter, $first: Int, $after: String) {
  investments(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { key metric investors { key } target { key } }
  }
}`;
type Page = {
  investments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { key: string; metric: string; investors: { key: string }[]; target: { key: string } }[];
  };
};

describe('Investments from the Epoch files', () => {
  it('imports one Investment per costed or investor-named row, several investors in one fact with the whole amount', async () => {
    const positiveTimelines = timelines.filter((r) => Number(r[TIMELINE_COST] || 0) > 0);
    const costedClusters = clusters.filter((r) => r['Hardware Cost'] || r['Reported Cost']);
    const costedSites = sites.filter((r) => r[SITE_COST] || r.Investors);
    const all = await ask<Page>(KEYS, { first: 0 });
    expect(all.investments.totalCount).toBe(positiveTimelines.length + costedClusters.length + costedSites.length);

    const abilene = sites.find((r) => r.Name === 'OpenAI Stargate Abilene')!;
    expect(investorsOf(abilene.Investors)).toEqual(['Softbank', 'OpenAI', 'Oracle']);
    const { entity } = await ask(`{ entity(key: "${siteSlug(abilene.Name!)}") { ... on DataCenter {
      investors(metric: "capital_cost") { investors { key kind } amount { amount currency priceBasis }
        sources { locator snippet } } } } }`);
    expect(entity.investors).toEqual([
      {
        investors: [
          { key: 'company:softbank', kind: 'Company' },
          { key: 'company:openai', kind: 'Company' },
          { key: 'company:oracle', kind: 'Company' },
        ],
        amount: { amount: usd(cents(abilene[SITE_COST]!, 9)), currency: 'USD', priceBasis: 'constant_2025' },
        sources: [{ locator: expect.stringMatching(/^data_centers\.csv row \d+$/), snippet: expect.any(String) }],
      },
    ]);
    expect(entity.investors[0].sources[0].snippet).toContain(`Investors=${abilene.Investors}`);
    expect(entity.investors[0].sources[0].snippet).toContain(`${SITE_COST}=${abilene[SITE_COST]}`);
  });

  it('keeps Epoch’s certainty and the Cost Quote of a GPU cluster with its cost', async () => {
    const aurora = clusters.findIndex((r) => r.Name === 'Argonne NL Aurora');
    const row = clusters[aurora]!;
    const { assertion } = await ask(`{ assertion(key: "fact:epoch-gc-r${aurora + 1}-investment") {
      confidence mode ... on Investment { metric amount { amount priceBasis qualifier } target { name } investors { key }
      sources { snippet locator } } } }`);
    expect(assertion).toMatchObject({
      confidence: row.Certainty!.toLowerCase(),
      mode: row.Status === 'Planned' ? 'forecast' : 'reported',
      metric: 'hardware_cost',
      amount: { amount: usd(cents(row['Hardware Cost']!)), priceBasis: 'inflation_adjusted', qualifier: 'approx' },
      target: { name: row.Name },
      investors: [],
    });
    expect(assertion.sources[0].snippet).toContain(`Cost Quote=${row['Cost Quote']!.slice(0, 40)}`);
    expect(assertion.sources[0].locator).toBe(`epoch_gpu_clusters.csv row ${aurora + 1}`);
  });
});

describe('investments(filter:) connection', () => {
  it('filters by investor, following units (Alphabet ← Google)', async () => {
    for (const [key, name] of [
      ['company:oracle', 'Oracle'],
      ['company:softbank', 'Softbank'],
    ] as const) {
      const page = await ask<Page>(KEYS, { filter: { investor: key } });
      expect(page.investments.totalCount).toBe(siteInvestmentsOf(name));
      expect(page.investments.nodes).toHaveLength(siteInvestmentsOf(name));
      for (const n of page.investments.nodes) expect(n.investors.map((i) => i.key)).toContain(key);
    }
    const alphabet = await ask<Page>(KEYS, { filter: { investor: 'company:alphabet' } });
    expect(alphabet.investments.totalCount).toBe(siteInvestmentsOf('Google'));
    expect(alphabet.investments.totalCount).toBeGreaterThan(0);
  });

  it('filters by target, place and period; pages by key without overlap', async () => {
    const abilene = 'OpenAI Stargate Abilene';
    const dated = timelines.filter((r) => r['Data center'] === abilene && Number(r[TIMELINE_COST] || 0) > 0);
    const target = await ask<Page>(KEYS, { filter: { target: siteSlug(abilene) } });
    expect(target.investments.totalCount).toBe(1 + dated.length);
    const in2026 = await ask<Page>(KEYS, {
      filter: { target: siteSlug(abilene), period: { year: 2026, type: 'DAY' } },
    });
    expect(in2026.investments.totalCount).toBe(dated.filter((r) => r.Date!.startsWith('2026-')).length);
    expect(new Set(in2026.investments.nodes.map((n) => n.metric))).toEqual(new Set(['capital_cost_to_date']));

    // Johor: its two Epoch sites (by name) and the GPU clusters located in Kulai, Johor.
    const johorSites = ['DayOne Nusajaya', 'Bridge Data Centres Kulai'];
    const johor =
      sites.filter((r) => johorSites.includes(r.Name!) && (r[SITE_COST] || r.Investors)).length +
      timelines.filter((r) => johorSites.includes(r['Data center']!) && Number(r[TIMELINE_COST] || 0) > 0).length +
      clusters.filter((r) => r.Location?.includes('Kulai, Johor') && (r['Hardware Cost'] || r['Reported Cost'])).length;
    const place = await ask<Page>(KEYS, { filter: { place: 'place:my-johor' } });
    expect(place.investments.totalCount).toBe(johor);
    expect(johor).toBe(5);

    const first = await ask<Page>(KEYS, { filter: { target: siteSlug(abilene) }, first: 3 });
    expect(first.investments.pageInfo.hasNextPage).toBe(true);
    const rest = await ask<Page>(KEYS, {
      filter: { target: siteSlug(abilene) },
      first: 100,
      after: first.investments.pageInfo.endCursor,
    });
    const keys = [...first.investments.nodes, ...rest.investments.nodes].map((n) => n.key);
    expect(keys).toEqual(target.investments.nodes.map((n) => n.key));
    expect(keys).toEqual([...keys].sort());
  });

  it('answers NOT_FOUND with suggestions for unknown keys, BAD_USER_INPUT above the page maximum', async () => {
    const res = await gql(yoga, KEYS, { filter: { investor: 'company:oracla' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('(filter.investor)');
    expect(res.errors?.[0]?.extensions).toMatchObject({ suggestions: expect.arrayContaining(['company:oracle']) });
    const place = await gql(yoga, KEYS, { filter: { place: 'place:nowhere' } });
    expect(place.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(place.errors?.[0]?.message).toContain('(filter.place)');
    const big = await gql(yoga, KEYS, { first: 101 });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists a company’s investments on the company', async () => {
    const { entity } = await ask(
      `{ entity(key: "company:oracle") { ... on Company { investments(first: 100) { key } } } }`,
    );
    const page = await ask<Page>(KEYS, { filter: { investor: 'company:oracle' } });
    expect(entity.investments.map((i: { key: string }) => i.key).sort()).toEqual(
      page.investments.nodes.map((n) => n.key).sort(),
    );
  });
});

const VIEW = `query($place: String!, $first: Int) { investmentsByPlace(place: $place, first: $first) {
  truncated limit
  rows { target { key } investors { key } investment { key amount { amount currency priceBasis } } }
  totals { source { key } metric mode priceBasis investments withAmount withNamedInvestors
    total { amount currency priceBasis qualifier mode } }
} }`;

describe('investmentsByPlace: who invests how much where', () => {
  it('sums per source, metric, currency, price basis and mode, exactly', async () => {
    const { investmentsByPlace: view } = await ask(VIEW, { place: 'place:us' });
    const expected = new Map<string, { sum: bigint; n: number; withAmount: number; named: number }>();
    const add = (group: string, amount: bigint | null, named: boolean) => {
      const g = expected.get(group) ?? { sum: 0n, n: 0, withAmount: 0, named: 0 };
      g.n += 1;
      if (amount !== null) {
        g.sum += amount;
        g.withAmount += 1;
      }
      if (named) g.named += 1;
      expected.set(group, g);
    };
    for (const r of sites.filter((r) => r.Country === 'United States' && (r[SITE_COST] || r.Investors))) {
      add(
        'source:epoch-ai-data-centers|capital_cost|constant_2025|reported',
        r[SITE_COST] ? cents(r[SITE_COST], 9) : null,
        investorsOf(r.Investors).length > 0,
      );
    }
    for (const r of clusters.filter((r) => r.Country === 'United States of America')) {
      const cost = r['Hardware Cost'] || r['Reported Cost'];
      if (!cost) continue;
      const basis = r['Hardware Cost'] ? 'inflation_adjusted' : 'nominal';
      add(
        `source:epoch-gpu-clusters|hardware_cost|${basis}|${r.Status === 'Planned' ? 'forecast' : 'reported'}`,
        cents(cost),
        false,
      );
    }
    const actual = new Map(
      view.totals.map((t: any) => [
        `${t.source.key}|${t.metric}|${t.priceBasis}|${t.mode}`,
        {
          sum: t.total ? t.total.amount : null,
          n: t.investments,
          withAmount: t.withAmount,
          named: t.withNamedInvestors,
        },
      ]),
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [group, e] of expected) {
      expect(actual.get(group), group).toEqual({ sum: usd(e.sum), n: e.n, withAmount: e.withAmount, named: e.named });
    }
    // Epoch's estimates are approx; a reported cost taken as reported (nominal) is exact.
    for (const t of view.totals) {
      expect(t.total).toMatchObject({
        currency: 'USD',
        priceBasis: t.priceBasis,
        mode: 'derived',
        qualifier: t.priceBasis === 'nominal' ? 'exact' : 'approx',
      });
    }
  });

  it('answers the largest first, capped with truncated; the totals still cover every row', async () => {
    const { investmentsByPlace: all } = await ask(VIEW, { place: 'place:us', first: 100 });
    const { investmentsByPlace: two } = await ask(VIEW, { place: 'place:us', first: 2 });
    expect(two).toMatchObject({ truncated: true, limit: 2 });
    expect(two.rows).toEqual(all.rows.slice(0, 2));
    expect(two.totals).toEqual(all.totals);
    const amounts = all.rows.filter((r: any) => r.investment.amount).map((r: any) => cents(r.investment.amount.amount));
    for (let i = 1; i < amounts.length; i++) expect(amounts[i - 1] >= amounts[i]).toBe(true);
  });

  it('answers the Johor question honestly: one Epoch site with a capital cost, no investor named', async () => {
    const { investmentsByPlace: johor } = await ask(VIEW, { place: 'place:my-johor' });
    const dayOne = sites.find((r) => r.Name === 'DayOne Nusajaya')!;
    expect(investorsOf(dayOne.Investors)).toEqual([]);
    expect(johor.rows).toEqual([
      {
        target: { key: siteSlug('DayOne Nusajaya') },
        investors: [],
        investment: {
          key: expect.stringMatching(/^fact:epoch-dc-r\d+-investment$/),
          amount: { amount: usd(cents(dayOne[SITE_COST]!, 9)), currency: 'USD', priceBasis: 'constant_2025' },
        },
      },
    ]);
    expect(johor.totals).toEqual([
      {
        source: { key: 'source:epoch-ai-data-centers' },
        metric: 'capital_cost',
        mode: 'reported',
        priceBasis: 'constant_2025',
        investments: 1,
        withAmount: 1,
        withNamedInvestors: 0,
        total: {
          amount: usd(cents(dayOne[SITE_COST]!, 9)),
          currency: 'USD',
          priceBasis: 'constant_2025',
          qualifier: 'approx',
          mode: 'derived',
        },
      },
    ]);
  });

  it('answers NOT_FOUND with suggestions for an unknown place, BAD_USER_INPUT for first 0', async () => {
    const res = await gql(yoga, VIEW, { place: 'place:my-johar' });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('(place)');
    expect(res.errors?.[0]?.extensions).toMatchObject({ suggestions: expect.arrayContaining(['place:my-johor']) });
    const zero = await gql(yoga, VIEW, { place: 'place:my', first: 0 });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Investment through the API and the export', () => {
  const WRITER = 'writer-token-for-investment-tests';
  const writer = buildYoga({
    database,
    logger: createLogger('silent'),
    auth: loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth,
  });
  const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
    addAssertion(assertion: $assertion, sources: $sources) {
      __typename
      ... on MutationAddAssertionSuccess { data { key ... on Investment { investors { key } target { key }
        amount { amount currency priceBasis } } } }
      ... on WriteRejected { code message }
    } }`;
  const investment = (priceBasis: string) => ({
    key: `fact:test-investment-${priceBasis.replace('_', '-')}`,
    kind: 'Investment',
    summary: 'Alibaba and Tencent put $1.5 billion into ByteDance together (test)',
    mode: 'reported',
    roles: { subject: ['company:tencent', 'company:alibaba'], object: ['company:bytedance'] },
    metric: 'equity',
    money: { amount: '1500000000', currency: 'USD', asReported: '$1.5 billion', priceBasis },
  });
  const support = [
    { source: { title: 'Test filing', url: 'https://example.test/investment' }, snippet: '$1.5 billion' },
  ];

  it('adds an Investment with several investors in order and a price basis, and exports it as written', async () => {
    const res = await gql(
      writer,
      ADD,
      { assertion: investment('nominal'), sources: support },
      {
        authorization: `Bearer ${WRITER}`,
      },
    );
    expect(res.data?.addAssertion).toEqual({
      __typename: 'MutationAddAssertionSuccess',
      data: {
        key: 'fact:test-investment-nominal',
        investors: [{ key: 'company:tencent' }, { key: 'company:alibaba' }],
        target: { key: 'company:bytedance' },
        amount: { amount: '1500000000', currency: 'USD', priceBasis: 'nominal' },
      },
    });
    let exported: unknown;
    for await (const r of exportRecords(database.scope('test-investments-export'))) {
      if (r.type === 'assertion' && r.key === 'fact:test-investment-nominal') exported = r;
    }
    expect(exported).toMatchObject({
      kind: 'Investment',
      roles: { SUBJECT: ['company:tencent', 'company:alibaba'], OBJECT: ['company:bytedance'] },
      money: {
        amount: '1500000000',
        currency: 'USD',
        asReported: '$1.5 billion',
        qualifier: 'exact',
        priceBasis: 'nominal',
      },
    });
    const { entity } = await ask(`{ entity(key: "company:alibaba") { ... on Company { investments { key } } } }`);
    expect(entity.investments).toEqual([{ key: 'fact:test-investment-nominal' }]);
  });

  it('refuses a price basis it does not know', async () => {
    const res = await gql(
      writer,
      ADD,
      { assertion: investment('real_1990'), sources: support },
      {
        authorization: `Bearer ${WRITER}`,
      },
    );
    expect(res.errors?.[0]?.message).toContain('real_1990');
  });
});
