import type { GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { SPREAD_FIELDS } from '../src/schema/types/research.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * metricByCountry computes only what its selection shows (the companies, the figures' keys, the sum's exactness and
 * interval: src/schema/types/research.ts countryTotalParts), and a given year has a statement of its own: every
 * selection must answer as the whole selection does.
 */
const { database, yoga } = testApp();
const PLACE = 'place:test-mbc';
const SOURCE = 'source:test-mbc';
const YEAR = 2031;

/** Two companies of a test country with 2031 capex figures of every qualifier, and one 2032 figure. */
function fixture(): string {
  const money = (amount: string, more: object = {}) => ({ amount, currency: 'USD', asReported: `$${amount}`, ...more });
  const figures: [string, string, object, number][] = [
    ['a-exact', 'company:test-mbc-a', money('1000'), YEAR],
    ['a-rounded', 'company:test-mbc-a', money('2000000', { qualifier: 'rounded', precision: '1000000' }), YEAR],
    ['b-range', 'company:test-mbc-b', money('150', { qualifier: 'range', lower: '100', upper: '200' }), YEAR],
    ['b-more', 'company:test-mbc-b', money('500', { qualifier: 'more_than' }), YEAR],
    ['b-next', 'company:test-mbc-b', money('7', {}), YEAR + 1],
  ];
  const lines: object[] = [
    { v: 1, type: 'source', key: SOURCE, title: 'metricByCountry fixture', kind: 'manual' },
    { v: 1, type: 'entity', kind: 'Place', key: PLACE, name: 'Testmbcland', props: { placeType: 'country' } },
    ...['a', 'b'].flatMap((c) => [
      { v: 1, type: 'entity', kind: 'Company', key: `company:test-mbc-${c}`, name: `TestMbc ${c}` },
      {
        v: 1,
        type: 'assertion',
        kind: 'Domicile',
        key: `fact:test-mbc-${c}-domicile`,
        summary: `TestMbc ${c} is based in Testmbcland`,
        mode: 'reported',
        roles: { SUBJECT: [`company:test-mbc-${c}`], OBJECT: [PLACE] },
        sources: [{ source: SOURCE, snippet: `${c} based in Testmbcland` }],
      },
    ]),
    ...figures.map(([slug, company, amount, year]) => ({
      v: 1,
      type: 'assertion',
      kind: 'FinancialFigure',
      key: `fact:test-mbc-${slug}`,
      summary: `TestMbc capex ${slug}`,
      mode: 'reported',
      roles: { SUBJECT: [company] },
      metric: 'capex',
      money: amount,
      period: { label: `FY${year}`, type: 'FY', year },
      sources: [{ source: SOURCE, snippet: `capex ${slug}` }],
    })),
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

beforeAll(async () => {
  await importNdjson(database.scope('test-metric-by-country-fixture'), fixture());
});

const INTERVAL = 'interval { lower upper plusMinus }';
const CONVERTED = `converted(to: "EUR", rate: "0.5", rateNote: "test") { money { amount currency qualifier ${INTERVAL} }
  rate rateInterval { lower upper plusMinus } rateQualifier rateSource mode }`;
/** How each field of Money is asked for; the test below fails when Money gains a field this map does not name. */
const MONEY_FIELDS: Record<string, string> = {
  amount: 'amount',
  currency: 'currency',
  minorUnits: 'minorUnits',
  asReported: 'asReported',
  qualifier: 'qualifier',
  precision: 'precision',
  interval: INTERVAL,
  assumptions: 'assumptions',
  priceBasis: 'priceBasis',
  lower: 'lower',
  upper: 'upper',
  mode: 'mode',
  converted: CONVERTED,
};
const ROW_FIELDS = `country { key name } periodYear periodType figureCount companies figures { key }
  total { ${Object.values(MONEY_FIELDS).join(' ')} }`;

async function answer(args: string, selection: string) {
  const res = await gql(yoga, `{ metricByCountry(metric: "capex", ${args}) { truncated rows { ${selection} } } }`);
  expect(res.errors).toBeUndefined();
  return { rows: res.data?.metricByCountry.rows as any[], statements: res.extensions?.cypher?.statements };
}
const rows = async (args: string, selection: string) => (await answer(args, selection)).rows;
const ours = (all: any[]) => all.filter((r) => r.country?.key === PLACE);

describe('metricByCountry computes what its selection shows, and answers the same for every selection', () => {
  it('sums the test country’s figures with their exactness, interval, companies and figures', async () => {
    const [row, ...rest] = ours(await rows(`periodYear: ${YEAR}`, ROW_FIELDS));
    expect(rest).toEqual([]);
    // 1000 (exact) + 2 000 000 (± 500 000) + 100…200 (a range, its precision the cent) + more than 500 (open above).
    expect(row).toMatchObject({
      periodYear: YEAR,
      periodType: 'FY',
      figureCount: 4,
      companies: 2,
      total: {
        amount: '2001650',
        currency: 'USD',
        qualifier: 'approx',
        mode: 'derived',
        interval: { lower: '1501599.99', upper: null },
      },
    });
    expect(row.figures.map((f: any) => f.key).sort()).toEqual([
      'fact:test-mbc-a-exact',
      'fact:test-mbc-a-rounded',
      'fact:test-mbc-b-more',
      'fact:test-mbc-b-range',
    ]);
  });

  it('answers each field of a row and of its total alone as it does within the whole selection', async () => {
    const money = schema.getType('Money') as GraphQLObjectType;
    expect(Object.keys(money.getFields()).sort()).toEqual(Object.keys(MONEY_FIELDS).sort());
    expect(SPREAD_FIELDS.every((f) => f in MONEY_FIELDS)).toBe(true);
    for (const args of [`periodYear: ${YEAR}`, 'first: 100']) {
      const whole = ours(await rows(args, ROW_FIELDS));
      expect(whole.length).toBeGreaterThanOrEqual(1);
      const rowFields: [string, string[]][] = [
        ['periodYear periodType figureCount', ['periodYear', 'periodType', 'figureCount']],
        ['companies', ['companies']],
        ['figures { key }', ['figures']],
      ];
      for (const [field, keys] of rowFields) {
        const alone = ours(await rows(args, `country { key } ${field}`));
        expect(alone, field).toEqual(
          whole.map((r) => Object.fromEntries([['country', { key: PLACE }], ...keys.map((k) => [k, r[k]])])),
        );
      }
      for (const [name, selection] of Object.entries(MONEY_FIELDS)) {
        const alone = ours(await rows(args, `country { key } total { ${selection} }`));
        expect(alone, name).toEqual(whole.map((r) => ({ country: { key: PLACE }, total: { [name]: r.total[name] } })));
      }
    }
  });

  it('answers a given year as the same year among all years (the year given, or the years found)', async () => {
    const of = async (year: number) => ours(await rows(`periodYear: ${year}`, ROW_FIELDS));
    const all = await answer('first: 100', ROW_FIELDS);
    // The sums (one statement), then the summed figures by key (one more).
    expect(all.statements).toBe(2);
    expect((await answer(`periodYear: ${YEAR}`, ROW_FIELDS)).statements).toBe(2);
    const everyYear = ours(all.rows);
    expect(everyYear.map((r) => r.periodYear)).toEqual([YEAR + 1, YEAR]);
    expect(await of(YEAR)).toEqual(everyYear.filter((r) => r.periodYear === YEAR));
    expect(await of(YEAR + 1)).toEqual(everyYear.filter((r) => r.periodYear === YEAR + 1));
    expect(await of(YEAR + 5)).toEqual([]);
  });

  it('answers the seed’s China H1 2024 as before: 50.2 billion yuan from 3 companies', async () => {
    const china = (
      await rows('periodYear: 2024, periodType: H1', 'country { key } total { amount currency } companies')
    ).find((r) => r.country?.key === 'place:cn');
    expect(china).toEqual({
      country: { key: 'place:cn' },
      total: { amount: '50200000000', currency: 'CNY' },
      companies: 3,
    });
  });
});
