import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { DomainError } from '../src/domain/errors.ts';
import { ImportLine, type ImportRecord } from '../src/domain/format.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { exportRecords } from '../src/services/export.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Issue 16 items 1 and 2: every number says how precisely its source states it and the interval that implies, derived
 * numbers carry their inputs' intervals, and every change says whether the source states its basis. The expected
 * figures are worked out by hand below (BigInt or plain decimal arithmetic in the comments), never by the code under
 * test.
 */
const K = 'test-precision-';
const WRITER = 'writer-token-for-precision-tests';
const { database } = testApp();
const auth = loadConfig({ API_TOKENS: tokenConfigLine('writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const db = database.scope('test-precision');
const state = graphStateRepository(db);
afterAll(async () => {
  await state.deleteKeyspace(K);
  await database.close();
});

async function ask(query: string) {
  const res = await gql(yoga, query);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as Record<string, any>;
}

const MONEY = 'amount qualifier precision interval { lower upper plusMinus }';
const CHANGE = 'percent qualifier precision basis basisStated basisReason interval { lower upper plusMinus }';

describe('reported numbers carry their precision and interval', () => {
  it('"23 billion yuan": precision 1 000 000 000, 22.5–23.5 billion, rounded (entity lookahead and fact by key)', async () => {
    const data = await ask(`{
      e: entity(key: "company:tencent") { ... on Company { figures(metric: "capex") { amount { ${MONEY} } } } }
      a: assertion(key: "fact:tencent-capex-2024-h1") { ... on FinancialFigure { amount { ${MONEY} } } } }`);
    // 23 000 000 000 ± 1 000 000 000 / 2
    const expected = {
      amount: '23000000000',
      qualifier: 'rounded',
      precision: '1000000000',
      interval: { lower: '22500000000', upper: '23500000000', plusMinus: '500000000' },
    };
    expect(data.e.figures).toEqual([{ amount: expected }]);
    expect(data.a.amount).toEqual(expected);
  });

  it('"4.2 billion yuan": precision 100 000 000, 4.15–4.25 billion', async () => {
    const data = await ask(
      `{ assertion(key: "fact:baidu-capex-2024-h1") { ... on FinancialFigure { amount { ${MONEY} } } } }`,
    );
    // 4 200 000 000 ± 100 000 000 / 2
    expect(data.assertion.amount).toEqual({
      amount: '4200000000',
      qualifier: 'rounded',
      precision: '100000000',
      interval: { lower: '4150000000', upper: '4250000000', plusMinus: '50000000' },
    });
  });

  it('"between $12,000 and $13,000": precision 1 000, 11 500–13 500; "over a million": a million and up', async () => {
    const data = await ask(`{ assertion(key: "fact:h20-shipments-china-forecast") { ... on Forecast {
      unitPrice { ${MONEY} lower upper }
      quantity { value qualifier precision interval { lower upper plusMinus } } } } }`);
    // The range's own bounds widened by half the precision: 12 000 − 500, 13 000 + 500; not centred on 12 000.
    expect(data.assertion.unitPrice).toEqual({
      amount: '12000',
      qualifier: 'range',
      precision: '1000',
      lower: '12000',
      upper: '13000',
      interval: { lower: '11500', upper: '13500', plusMinus: null },
    });
    expect(data.assertion.quantity).toEqual({
      value: '1000000',
      qualifier: 'more_than',
      precision: '1000000',
      interval: { lower: '1000000', upper: null, plusMinus: null },
    });
  });

  it('"exceeding $50 billion" is open above; "$106 billion" is rounded', async () => {
    const data = await ask(`{
      c: assertion(key: "fact:bytedance-cash-reserves") { ... on FinancialFigure { amount { ${MONEY} } } }
      u: assertion(key: "fact:us-big4-capex-2024-h1") { ... on GroupFigure { amount { ${MONEY} } } } }`);
    expect(data.c.amount).toEqual({
      amount: '50000000000',
      qualifier: 'more_than',
      precision: '1000000000',
      interval: { lower: '50000000000', upper: null, plusMinus: null },
    });
    expect(data.u.amount).toEqual({
      amount: '106000000000',
      qualifier: 'rounded',
      precision: '1000000000',
      interval: { lower: '105500000000', upper: '106500000000', plusMinus: '500000000' },
    });
  });
});

describe('every change says its basis and whether the source states it', () => {
  it('Alibaba’s "a 123% increase from the previous year" states it; Tencent’s "176% rise" and Baidu’s "by 4%" do not', async () => {
    const data = await ask(`{
      alibaba: assertion(key: "fact:alibaba-capex-2024-h1") { ... on FinancialFigure { change { ${CHANGE} } } }
      tencent: assertion(key: "fact:tencent-capex-2024-h1") { ... on FinancialFigure { change { ${CHANGE} } } }
      baidu: assertion(key: "fact:baidu-capex-2024-h1") { ... on FinancialFigure { change { ${CHANGE} } } } }`);
    expect(data.alibaba.change).toEqual({
      percent: '123',
      qualifier: 'exact',
      precision: '1',
      basis: 'yoy',
      basisStated: true,
      basisReason: null,
      interval: { lower: '122.5', upper: '123.5', plusMinus: '0.5' },
    });
    expect(data.tencent.change).toMatchObject({
      percent: '176',
      basis: 'yoy',
      basisStated: false,
      interval: { lower: '175.5', upper: '176.5', plusMinus: '0.5' },
    });
    expect(data.tencent.change.basisReason).toContain('"a 176% rise in capital expenditure to 23 billion yuan"');
    expect(data.baidu.change).toMatchObject({ percent: '4', basis: 'yoy', basisStated: false });
    expect(data.baidu.change.basisReason).toContain('by 4%');
  });

  it('Alibaba’s cloud sentence: "more than doubling year-on-year" states it, the 6% does not', async () => {
    const data = await ask(`{
      cloud: assertion(key: "fact:alibaba-cloud-revenue-2024-q2") { ... on FinancialFigure { change { ${CHANGE} } } }
      ai: assertion(key: "fact:alibaba-ai-product-revenue-2024-q2") { ... on FinancialFigure { change { ${CHANGE} } } } }`);
    expect(data.cloud.change).toMatchObject({
      percent: '6',
      basisStated: false,
      interval: { lower: '5.5', upper: '6.5', plusMinus: '0.5' },
    });
    expect(data.cloud.change.basisReason).toContain('grew by 6% in the second quarter');
    // "More than doubling": 100 % and up, a threshold and not a rounded number.
    expect(data.ai.change).toMatchObject({
      percent: '100',
      qualifier: 'more_than',
      basisStated: true,
      basisReason: null,
      interval: { lower: '100', upper: null, plusMinus: null },
    });
  });
});

describe('derived numbers carry the interval their inputs allow', () => {
  it('the sum of 23 + 23 + 4.2 billion yuan is 50.2 ± 1.05 billion, in groupFigureChecks and metricByCountry', async () => {
    const data = await ask(`{
      groupFigureChecks(metric: "capex") { rows {
        group { key }
        computedFromMembers { ${MONEY} mode }
        differenceFromMembers { amount interval { lower upper } }
        impliedByNextYearGrowth { amount qualifier interval { lower upper } assumptions }
        differenceFromImplied { amount interval { lower upper } } } }
      metricByCountry(metric: "capex", periodYear: 2024, periodType: H1) { rows {
        country { key } total { ${MONEY} } } } }`);
    const h1 = data.groupFigureChecks.rows.find((r: any) => r.group.key === 'fact:cn-big3-capex-2024-h1');
    // ± (1 000 000 000 + 1 000 000 000 + 100 000 000) / 2 = ± 1 050 000 000 around 50 200 000 000.
    const sum = {
      amount: '50200000000',
      qualifier: 'approx',
      precision: null,
      interval: { lower: '49150000000', upper: '51250000000', plusMinus: '1050000000' },
    };
    expect(h1.computedFromMembers).toEqual({ ...sum, mode: 'derived' });
    // [49.15 − 50.5, 51.25 − 49.5] billion against the reported "50 billion yuan" (± 0.5 billion).
    expect(h1.differenceFromMembers).toEqual({
      amount: '200000000',
      interval: { lower: '-1350000000', upper: '1750000000' },
    });
    const china = data.metricByCountry.rows.find((r: any) => r.country?.key === 'place:cn');
    expect(china.total).toEqual(sum);
  });

  it('implied prior-year amounts are intervals from the amount’s and the change’s precision, naming an assumed basis', async () => {
    const data = await ask(`{ metricByCompany(metric: "capex", periodYear: 2024, periodType: H1) { rows {
      company { key } impliedPriorAmount { amount qualifier mode interval { lower upper } assumptions } } } }`);
    const prior = Object.fromEntries(
      data.metricByCompany.rows.map((r: any) => [r.company.key, r.impliedPriorAmount]),
    ) as Record<string, any>;
    // amount ÷ (1 + change): lower = (amount − half its precision) ÷ (1 + (change + 0.5) %), rounded down to the
    // fen; upper = (amount + half) ÷ (1 + (change − 0.5) %), rounded up.
    // Alibaba: 23e9/2.23 = 10 313 901 345.291…; 22.5e9/2.235 = 10 067 114 093.959…; 23.5e9/2.225 = 10 561 797 752.808…
    expect(prior['company:alibaba']).toEqual({
      amount: '10313901345.29',
      qualifier: 'approx',
      mode: 'derived',
      interval: { lower: '10067114093.95', upper: '10561797752.81' },
      assumptions: [],
    });
    // Tencent: 23e9/2.76 = 8 333 333 333.333…; 22.5e9/2.765 = 8 137 432 188.065…; 23.5e9/2.755 = 8 529 945 553.539…
    expect(prior['company:tencent']).toMatchObject({
      amount: '8333333333.33',
      interval: { lower: '8137432188.06', upper: '8529945553.54' },
    });
    expect(prior['company:tencent'].assumptions).toHaveLength(1);
    expect(prior['company:tencent'].assumptions[0]).toMatch(
      /^fact:tencent-capex-2024-h1: "a 176% rise" is taken as year on year, which the source does not state/,
    );
    // Baidu: 4.2e9/1.04 = 4 038 461 538.461…; 4.15e9/1.045 = 3 971 291 866.028…; 4.25e9/1.035 = 4 106 280 193.236…
    expect(prior['company:baidu']).toMatchObject({
      amount: '4038461538.46',
      interval: { lower: '3971291866.02', upper: '4106280193.24' },
    });
    expect(prior['company:baidu'].assumptions[0]).toMatch(
      /^fact:baidu-capex-2024-h1: "by 4%" is taken as year on year/,
    );
  });

  it('their sum against the reported 23 billion yuan a year earlier carries both intervals and both assumptions', async () => {
    const data = await ask(`{ groupFigureChecks(metric: "capex") { rows { group { key }
      impliedByNextYearGrowth { amount qualifier interval { lower upper } assumptions }
      differenceFromImplied { amount interval { lower upper } assumptions } } } }`);
    const h1 = data.groupFigureChecks.rows.find((r: any) => r.group.key === 'fact:cn-big3-capex-2023-h1');
    // 10 313 901 345.29 + 8 333 333 333.33 + 4 038 461 538.46; lower and upper ends added likewise.
    expect(h1.impliedByNextYearGrowth).toMatchObject({
      amount: '22685696217.08',
      qualifier: 'approx',
      interval: { lower: '22175838148.03', upper: '23198023499.59' },
    });
    const named = h1.impliedByNextYearGrowth.assumptions.map((a: string) => /^fact:[a-z0-9-]+/.exec(a)?.[0]);
    expect(named.sort()).toEqual(['fact:baidu-capex-2024-h1', 'fact:tencent-capex-2024-h1']);
    // − "23 billion yuan" (22.5–23.5 billion): 22 175 838 148.03 − 23.5e9, 23 198 023 499.59 − 22.5e9.
    expect(h1.differenceFromImplied).toMatchObject({
      amount: '-314303782.92',
      interval: { lower: '-1324161851.97', upper: '698023499.59' },
    });
    expect(h1.differenceFromImplied.assumptions).toHaveLength(2);
  });

  it('"50 billion yuan ($7 billion)" gives a rate range, not 0.14 exact; a caller’s rate scales the interval', async () => {
    const data = await ask(`{
      g: assertion(key: "fact:cn-big3-capex-2024-h1") { ... on GroupFigure { amount { converted(to: "USD") {
        rate rateQualifier rateInterval { lower upper plusMinus } money { ${MONEY} mode } } } } }
      t: assertion(key: "fact:tencent-capex-2024-h1") { ... on FinancialFigure { amount {
        converted(to: "USD", rate: "0.14", rateNote: "test") { rate rateQualifier rateInterval { lower upper }
          money { amount qualifier precision interval { lower upper } } } } } } }`);
    // 6.5e9 / 50.5e9 = 0.128712871287128…, rounded down; 7.5e9 / 49.5e9 = 0.151515151515…, rounded up (12 decimals).
    expect(data.g.amount.converted).toEqual({
      rate: '0.14',
      rateQualifier: 'approx',
      rateInterval: { lower: '0.128712871287', upper: '0.151515151516', plusMinus: null },
      money: {
        amount: '7000000000',
        qualifier: 'rounded',
        precision: '1000000000',
        interval: { lower: '6500000000', upper: '7500000000', plusMinus: '500000000' },
        mode: 'derived',
      },
    });
    // 23e9 × 0.14 = 3.22e9; 22.5e9 × 0.14 = 3.15e9; 23.5e9 × 0.14 = 3.29e9.
    expect(data.t.amount.converted).toEqual({
      rate: '0.14',
      rateQualifier: 'exact',
      rateInterval: { lower: '0.14', upper: '0.14' },
      money: {
        amount: '3220000000',
        qualifier: 'approx',
        precision: null,
        interval: { lower: '3150000000', upper: '3290000000' },
      },
    });
  });
});

// ——— Writes ———

const SOURCE = {
  v: 1,
  type: 'source',
  key: `source:${K}src`,
  title: 'Precision test source',
  url: 'https://example.test/precision',
};
const figure = (money: Record<string, unknown>, change: Record<string, unknown>) => ({
  v: 1,
  type: 'assertion',
  kind: 'FinancialFigure',
  key: `fact:${K}figure`,
  summary: 'Precision test figure',
  mode: 'reported',
  rank: 'normal',
  roles: { SUBJECT: ['company:baidu'], OBJECT: [], MEMBER: [], SPEAKER: [], CONCERNS: [] },
  metric: 'capex',
  money: { amount: '4200000000', currency: 'CNY', asReported: '4.2 billion yuan', ...money },
  change: { percent: '4', asReported: 'by 4%', ...change },
  sources: [{ source: SOURCE.key, snippet: 'a verbatim snippet' }],
});

/** The reasons the import format gives for a line, as "path: message". */
function problems(line: Record<string, unknown>) {
  const result = ImportLine.safeParse(line);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('writes keep precision and basis, and refuse what cannot be one', () => {
  it('an import → export round trip keeps precision and basis as written', async () => {
    const line = figure(
      { qualifier: 'rounded', precision: '100000000' },
      { qualifier: 'exact', precision: '1', basis: 'yoy', basisStated: false, basisReason: 'the test says so' },
    );
    await importNdjson(db, [SOURCE, line].map((l) => JSON.stringify(l)).join('\n'));
    let exported: ImportRecord | undefined;
    for await (const r of exportRecords(db)) if (r.type === 'assertion' && r.key === line.key) exported = r;
    expect(exported?.type === 'assertion' && exported.money).toEqual({
      amount: '4200000000',
      currency: 'CNY',
      asReported: '4.2 billion yuan',
      qualifier: 'rounded',
      precision: '100000000',
    });
    expect(exported?.type === 'assertion' && exported.change).toEqual({
      percent: '4',
      asReported: 'by 4%',
      qualifier: 'exact',
      precision: '1',
      basis: 'yoy',
      basisStated: false,
      basisReason: 'the test says so',
    });
    // And the API reads what was stored.
    const data = await ask(`{ assertion(key: "${line.key}") { ... on FinancialFigure {
      amount { precision interval { lower upper } } change { basisStated basisReason } } } }`);
    expect(data.assertion).toEqual({
      amount: { precision: '100000000', interval: { lower: '4150000000', upper: '4250000000' } },
      change: { basisStated: false, basisReason: 'the test says so' },
    });
  });

  it('a change written without basisStated answers assumed, "not recorded"; money without precision is to the fen', async () => {
    const line = { ...figure({}, {}), key: `fact:${K}unrecorded` };
    await importNdjson(db, [SOURCE, line].map((l) => JSON.stringify(l)).join('\n'));
    const data = await ask(`{ assertion(key: "${line.key}") { ... on FinancialFigure {
      amount { qualifier precision interval { lower upper } } change { precision basisStated basisReason } } } }`);
    expect(data.assertion.amount).toEqual({
      qualifier: 'exact',
      precision: '0.01',
      interval: { lower: '4199999999.995', upper: '4200000000.005' },
    });
    expect(data.assertion.change).toMatchObject({ precision: '0.01', basisStated: false });
    expect(data.assertion.change.basisReason).toMatch(/^Not recorded/);
  });

  const refused: [string, Record<string, unknown>, string][] = [
    [
      'a precision that is not a power of ten',
      figure({ qualifier: 'rounded', precision: '5' }, {}),
      'money.precision: precision 5 is not a power of ten',
    ],
    [
      'a negative precision',
      figure({ qualifier: 'rounded', precision: '-100000000' }, {}),
      'money.precision: precision -100000000 is negative',
    ],
    ['a zero precision', figure({ precision: '0' }, {}), 'money.precision: precision 0 is zero'],
    [
      'an assumed basis without its reason',
      figure({}, { basisStated: false }),
      'change.basisReason: basis yoy is assumed (basisStated false): say why in basisReason',
    ],
    [
      'a reason for a stated basis',
      figure({}, { basisStated: true, basisReason: 'why not' }),
      'change.basisReason: basisReason is only for an assumed basis',
    ],
    [
      '"exact" for an amount stated to the billion',
      figure({ qualifier: 'exact', precision: '1000000000' }, {}),
      'money.qualifier: qualifier exact is only for numbers stated to the unit',
    ],
    [
      '"rounded" without a precision',
      figure({ qualifier: 'rounded' }, {}),
      'money.precision: qualifier rounded needs precision',
    ],
    [
      'an amount that is no whole multiple of its precision',
      figure({ qualifier: 'rounded', precision: '1000000000' }, {}),
      'money.amount: amount 4200000000 is not a whole multiple of its precision 1000000000',
    ],
    [
      'a precision finer than the fen',
      figure({ precision: '0.001' }, {}),
      "money.precision: precision 0.001 is finer than CNY's minor unit (0.01)",
    ],
    [
      'a change precision finer than a basis point',
      figure({}, { precision: '0.001' }),
      'change.precision: precision 0.001 is finer than a basis point',
    ],
  ];

  for (const [name, line, message] of refused) {
    it(`refuses ${name} in the import format, naming the field`, () => {
      expect(problems(line).join('; ')).toContain(message);
    });
  }

  it('the importer and the API refuse them too, and nothing is written', async () => {
    const before = await state.keyspaceCount(K);
    for (const [name, line, message] of refused.slice(0, 4)) {
      const bad = { ...line, key: `fact:${K}refused` };
      const error = await importNdjson(db, [SOURCE, bad].map((l) => JSON.stringify(l)).join('\n')).catch((e) => e);
      expect(error, name).toBeInstanceOf(DomainError);
      const reasons = (error as DomainError).details.rejected as { line: number; reason: string }[];
      expect(reasons.map((r) => r.reason).join('; '), name).toContain(message);

      const { v: _v, type: _t, roles: _r, sources: _s, ...fields } = bad as Record<string, unknown>;
      const res = await gql(
        yoga,
        `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!) {
          addAssertion(assertion: $assertion, sources: $sources) { __typename ... on WriteRejected { code message } } }`,
        {
          assertion: { ...fields, roles: { subject: ['company:baidu'] } },
          sources: [{ source: { key: SOURCE.key, title: SOURCE.title, url: SOURCE.url }, snippet: 'a snippet' }],
        },
        { authorization: `Bearer ${WRITER}` },
      );
      expect(res.errors, name).toBeUndefined();
      expect(res.data?.addAssertion, name).toMatchObject({ __typename: 'WriteRejected', code: 'BAD_USER_INPUT' });
      expect(res.data?.addAssertion.message, name).toContain(message);
    }
    expect(await state.keyspaceCount(K)).toBe(before);
  });
});
