import { afterAll, describe, expect, it } from 'vitest';
import { searchPlan } from '../src/domain/search-query.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
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
 * Cypher- and Lucene-injection strings in every string argument and filter of the read API. Each is
 * plain data: a clean null / empty answer, an answer that matched the text literally, BAD_USER_INPUT, or (an entity
 * key no entity has) NOT_FOUND.
 */
const { database, yoga } = testApp();
const state = graphStateRepository(database.scope('test-hostile-injection'));
afterAll(() => database.close());

interface Target {
  name: string;
  query: string;
  /** What a payload that matches nothing gives; some arguments refuse it (search) or match literally. */
  expect?: (payload: string, label: string) => HostileExpectation;
}

const lower = (s: string) => s.toLowerCase();
/** An entity key no entity has: NOT_FOUND with the nearest existing keys (issue 13). */
const notFound = (): HostileExpectation => ({ code: 'NOT_FOUND' });
/** Substring filters: any row returned must contain the text literally (e.g. "(" in "H20 (China)"). */
const literally =
  (pick: (data: any) => string[][]) =>
  (payload: string): HostileExpectation => ({
    code: 'DATA',
    check: (body) => {
      for (const texts of pick(body.data))
        expect(texts.some((t) => lower(t ?? '').includes(lower(payload)))).toBe(true);
    },
  });

/**
 * Search takes the text as words: too long or no word at all is BAD_USER_INPUT; Lucene syntax matches nothing
 * (`*:*` is not "everything"); words of the payload may match as words (`1` in "over 1 million"), and when the
 * strict query finds nothing any word may (issue 15), so "bytedance <payload>" finds ByteDance.
 */
const searchExpectation = (payload: string): HostileExpectation => {
  try {
    searchPlan(payload);
  } catch {
    return { code: 'BAD_USER_INPUT' };
  }
  if (payload === INJECTIONS['lucene-all']) return { code: 'EMPTY' };
  return { code: 'DATA' };
};

/** A metric no fact uses is BAD_USER_INPUT naming the nearest (issue 15). */
const unknownMetric = (): HostileExpectation => ({ code: 'BAD_USER_INPUT' });

const targets: Target[] = [
  // entity(key:) answers null (the nearest keys go to extensions.notFound).
  { name: 'entity(key)', query: 'query($v: String!) { entity(key: $v) { key } }' },
  { name: 'assertion(key)', query: 'query($v: String!) { assertion(key: $v) { key } }' },
  { name: 'source(key)', query: 'query($v: String!) { source(key: $v) { key } }' },
  {
    name: 'companies(filter.nameContains)',
    query: 'query($v: String) { companies(filter: { nameContains: $v }) { nodes { name aliases } } }',
    expect: literally((d) => d.companies.nodes.map((n: any) => [n.name, ...n.aliases])),
  },
  {
    name: 'chips(filter.nameContains)',
    query: 'query($v: String) { chips(filter: { nameContains: $v }) { nodes { name aliases } } }',
    expect: literally((d) => d.chips.nodes.map((n: any) => [n.name, ...n.aliases])),
  },
  {
    name: 'companies(filter.country)',
    query: 'query($v: String) { companies(filter: { country: $v }) { nodes { key } } }',
    expect: notFound,
  },
  {
    name: 'assertions(filter.textContains)',
    query: 'query($v: String) { assertions(filter: { textContains: $v }) { nodes { key } totalCount } }',
    expect: () => ({ code: 'DATA' }),
  },
  {
    name: 'assertions(filter.metric)',
    query: 'query($v: String) { assertions(filter: { metric: $v }) { nodes { key } } }',
  },
  {
    name: 'assertions(filter.entity)',
    query: 'query($v: String) { assertions(filter: { entity: $v }) { nodes { key } } }',
    expect: notFound,
  },
  {
    name: 'assertions(filter.country)',
    query: 'query($v: String) { assertions(filter: { country: $v }) { nodes { key } } }',
    expect: notFound,
  },
  {
    name: 'quotes(filter.entity)',
    query: 'query($v: String) { quotes(filter: { entity: $v }) { nodes { key } } }',
    expect: notFound,
  },
  {
    name: 'sources(titleContains)',
    query: 'query($v: String) { sources(titleContains: $v) { nodes { title } } }',
    expect: literally((d) => d.sources.nodes.map((n: any) => [n.title])),
  },
  {
    name: 'search(query)',
    query: 'query($v: String!) { search(query: $v) { score node { id } } }',
    expect: searchExpectation,
  },
  {
    name: 'search(query) as the second word',
    query: 'query($v: String!) { search(query: $v) { score node { id } } }',
    expect: (payload) => searchExpectation(`bytedance ${payload}`),
  },
  // Entity keys as arguments: a key no entity has is NOT_FOUND (with the nearest keys), never an empty answer.
  {
    name: 'paths(from)',
    query: 'query($v: String!) { paths(from: $v, to: "company:nvidia") { length } }',
    expect: notFound,
  },
  {
    name: 'paths(to)',
    query: 'query($v: String!) { paths(from: "company:bytedance", to: $v) { length } }',
    expect: notFound,
  },
  {
    name: 'neighborhood(key)',
    query: 'query($v: String) { neighborhood(key: $v) { nodes { id } } }',
    expect: notFound,
  },
  {
    name: 'sitesServingCompany(company)',
    query: 'query($v: String!) { sitesServingCompany(place: "place:my", company: $v) { epochSites { site { key } } } }',
    expect: notFound,
  },
  {
    name: 'sitesServingCompany(place)',
    query:
      'query($v: String!) { sitesServingCompany(place: $v, company: "company:bytedance") { epochSites { site { key } } } }',
    expect: notFound,
  },
  {
    name: 'metricByCompany(metric)',
    query: 'query($v: String!) { metricByCompany(metric: $v) { rows { growthRank } } }',
    expect: unknownMetric,
  },
  {
    name: 'metricByCompany(country)',
    query: 'query($v: String) { metricByCompany(country: $v) { rows { growthRank } } }',
    expect: notFound,
  },
  {
    name: 'metricByCountry(metric)',
    query: 'query($v: String!) { metricByCountry(metric: $v) { rows { companies } } }',
    expect: unknownMetric,
  },
  {
    name: 'groupFigureChecks(metric)',
    query: 'query($v: String) { groupFigureChecks(metric: $v) { rows { __typename } } }',
    expect: unknownMetric,
  },
  {
    name: 'entity.facts(metric)',
    query: 'query($v: String) { entity(key: "company:bytedance") { facts(metric: $v) { key } } }',
    expect: () => ({ code: 'DATA', check: (b) => expect(b.data.entity.facts).toEqual([]) }),
  },
  {
    name: 'entity.facts(kinds)',
    query: 'query($v: String!) { entity(key: "company:bytedance") { facts(kinds: [$v]) { key } } }',
    // Not a fact kind: BAD_USER_INPUT naming the nearest kinds (issue 15).
    expect: () => ({ code: 'BAD_USER_INPUT' }),
  },
  {
    name: 'company.figures(metric)',
    query: 'query($v: String) { entity(key: "company:alibaba") { ... on Company { figures(metric: $v) { key } } } }',
    expect: () => ({ code: 'DATA', check: (b) => expect(b.data.entity.figures).toEqual([]) }),
  },
  {
    name: 'money.converted(to)',
    query:
      'query($v: String!) { assertion(key: "fact:alibaba-capex-2024-h1") { ... on FinancialFigure { amount { converted(to: $v, rate: "0.14") { rate } } } } }',
    expect: () => ({ code: 'BAD_USER_INPUT' }),
  },
  {
    name: 'money.converted(rateNote)',
    query:
      'query($v: String) { assertion(key: "fact:alibaba-capex-2024-h1") { ... on FinancialFigure { amount { converted(to: "USD", rate: "0.14", rateNote: $v) { rateSource } } } } }',
    expect: (payload) => ({
      code: 'DATA',
      check: (b) => expect(b.data.assertion.amount.converted.rateSource).toContain(payload.slice(0, 50)),
    }),
  },
];

const cases: HostileCase[] = targets.flatMap((target) =>
  Object.entries(INJECTIONS).map(([label, payload]) => {
    const expectation = target.expect?.(payload, label) ?? { code: 'EMPTY' };
    const variables = { v: target.name.endsWith('as the second word') ? `bytedance ${payload}` : payload };
    return { name: `${target.name} ← ${label}`, request: { query: target.query, variables }, expect: expectation };
  }),
);

describe('injection strings in every read argument are data', () => {
  let before: Awaited<ReturnType<typeof state.snapshot>>;

  it('has distinct case names and snapshots the graph', async () => {
    assertDistinct(cases);
    expect(cases.length).toBeGreaterThanOrEqual(250);
    before = await state.snapshot();
  });

  for (const c of cases) {
    it(`${c.name} → ${c.expect.code}`, async () => {
      await expectCase(yoga, c);
      await expectStillServing(yoga);
    });
  }

  it('left the graph exactly as it was, seed included', async () => {
    expect(await state.snapshot()).toEqual(before);
    const { body } = await send(yoga, { query: '{ entity(key: "company:bytedance") { key name } }' });
    expect(body.data.entity).toEqual({ key: 'company:bytedance', name: 'ByteDance' });
  });
});
