import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/repositories/index.ts';
import { parseLine } from '../src/services/import/importer.ts';
import { applySchemaAndSeed, SEED_ARTICLE, SEED_FILE } from '../src/services/seed.ts';
import { gql, testApp } from './helpers/app.ts';

const ARTICLE_SOURCE = 'source:panfinance-chinese-tech-giants-ai-investment';
const article = readFileSync(SEED_ARTICLE, 'utf8');
/** The seed file read as plain JSON lines, independently of the importer under test. */
const rawSeed = readFileSync(SEED_FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { type: string; sources?: { source: string }[] });
const { database, yoga } = testApp();
const repos = createRepositories(database.scope('test-seed'));
afterAll(() => database.close());

describe('the seed article as a sourced dataset', () => {
  it('is valid in the import format, line by line', () => {
    const results = readFileSync(SEED_FILE, 'utf8')
      .split('\n')
      .map((raw, i) => parseLine(raw, i + 1))
      .filter((r) => r !== null);
    expect(results.filter((r) => !('record' in r))).toEqual([]);
    expect(results).toHaveLength(rawSeed.length);
    expect(results.filter((r) => 'record' in r && r.record.type === 'assertion')).toHaveLength(51);
  });

  it('loading it twice changes nothing', async () => {
    await applySchemaAndSeed(database.scope('test-seed-1'));
    const first = await repos.system.counts();
    await applySchemaAndSeed(database.scope('test-seed-2'));
    expect(await repos.system.counts()).toEqual(first);
  });

  it('ties every fact to a snippet found verbatim, at its offsets, in the article', async () => {
    const supports = await repos.checks.supportsOf(ARTICLE_SOURCE);
    // One per (fact, snippet) pair the seed file lists: 54 snippets for 51 facts.
    const snippets = rawSeed
      .flatMap((l) => (l.type === 'assertion' ? (l.sources ?? []) : []))
      .filter((s) => s.source === ARTICLE_SOURCE);
    expect(snippets).toHaveLength(54);
    expect(supports).toHaveLength(snippets.length);
    expect(new Set(supports.map((s) => s.assertion)).size).toBe(51);
    for (const s of supports) {
      expect(article.includes(s.snippet), s.assertion).toBe(true);
      expect(article.slice(s.start ?? -1, s.end ?? -1), s.assertion).toBe(s.snippet);
    }
    expect(await repos.checks.unsupportedAssertions()).toEqual([]);
  });

  it('records the article’s content hash on its source', async () => {
    const res = await gql(yoga, `{ source(key: "${ARTICLE_SOURCE}") { contentHash publisher { name } } }`);
    const hash = `sha256:${createHash('sha256').update(readFileSync(SEED_ARTICLE)).digest('hex')}`;
    expect(res.data?.source.contentHash).toBe(hash);
    expect(res.data?.source.publisher.name).toBe('Pan Finance');
  });

  it('stores money as integer minor units with a currency, and every node has a key', async () => {
    expect(await repos.checks.inexactMoney()).toEqual([]);
    expect(await repos.checks.keylessNodes()).toBe(0);
  });

  it('holds the article’s figures exactly as reported', async () => {
    const res = await gql(
      yoga,
      `{
      alibaba: entity(key: "company:alibaba") { ... on Company { figures(metric: "capex") { amount { amount currency asReported } change { percent } period { type year yearInferred inference } } } }
      tencent: entity(key: "company:tencent") { ... on Company { figures(metric: "capex") { amount { amount } change { percent } } } }
      baidu: entity(key: "company:baidu") { ... on Company { figures(metric: "capex") { amount { amount } change { percent } } } }
      bytedance: entity(key: "company:bytedance") { ... on Company { figures(metric: "cash_reserves") { amount { amount currency qualifier } } } }
    }`,
    );
    const [alibaba] = res.data!.alibaba.figures;
    expect(alibaba.amount).toEqual({ amount: '23000000000', currency: 'CNY', asReported: '23 billion yuan' });
    expect(alibaba.change.percent).toBe('123');
    expect(alibaba.period).toMatchObject({ type: 'H1', year: 2024, yearInferred: true });
    expect(alibaba.period.inference.length).toBeGreaterThan(20);
    expect(res.data?.tencent.figures[0]).toEqual({ amount: { amount: '23000000000' }, change: { percent: '176' } });
    expect(res.data?.baidu.figures[0]).toEqual({ amount: { amount: '4200000000' }, change: { percent: '4' } });
    expect(res.data?.bytedance.figures[0].amount).toEqual({
      amount: '50000000000',
      currency: 'USD',
      qualifier: 'more_than',
    });
  });

  it('makes the two consistency gaps visible rather than hiding them', async () => {
    const res = await gql(
      yoga,
      `{ groupFigureChecks(metric: "capex") { rows {
      group { key } reported { amount } computedFromMembers { amount mode }
      differenceFromMembers { amount } impliedByNextYearGrowth { amount qualifier mode } } } }`,
    );
    const checks = res.data?.groupFigureChecks.rows as any[];
    const current = checks.find((c) => c.group.key === 'fact:cn-big3-capex-2024-h1');
    expect(current.reported.amount).toBe('50000000000');
    expect(current.computedFromMembers).toEqual({ amount: '50200000000', mode: 'derived' });
    expect(current.differenceFromMembers.amount).toBe('200000000');
    const prior = checks.find((c) => c.group.key === 'fact:cn-big3-capex-2023-h1');
    expect(prior.reported.amount).toBe('23000000000');
    expect(Number(prior.impliedByNextYearGrowth.amount)).toBeCloseTo(22.686e9, -7);
    expect(prior.impliedByNextYearGrowth).toMatchObject({ qualifier: 'approx', mode: 'derived' });
  });

  it('keeps the article’s own currency conversion as reported and marks any conversion derived', async () => {
    const res = await gql(
      yoga,
      `{ assertion(key: "fact:cn-big3-capex-2024-h1") { ... on GroupFigure {
      reportedConversion { amount currency asReported mode }
      amount { converted(to: "USD") { money { amount mode } rate rateSource mode } } } } }`,
    );
    const group = res.data?.assertion;
    expect(group.reportedConversion).toEqual({
      amount: '7000000000',
      currency: 'USD',
      asReported: '$7 billion',
      mode: 'reported',
    });
    expect(group.amount.converted).toMatchObject({
      money: { amount: '7000000000', mode: 'derived' },
      rate: '0.14',
      mode: 'derived',
    });
    expect(group.amount.converted.rateSource).toContain('source');
  });
});
