import { getNamedType, isInterfaceType, isListType, isNonNullType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { schema } from '../src/schema/index.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { mergeEntities } from '../src/services/curation.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Issue 13, reads: every list that grows with the graph is capped with one rule (an error above the maximum,
 * `truncated` when more matched), the cost limit counts lists at their caps, and key arguments either name an entity
 * (following merges) or answer NOT_FOUND with the nearest existing keys. Fixture keys: *:test-reads-*.
 */
const { database, yoga } = testApp();
afterAll(() => database.close());

const SOURCE = 'source:test-reads';
const KEEP = 'company:test-reads-keep';
const GONE = 'company:test-reads-gone';
const HUB = 'company:test-reads-hub';
const OTHER = 'company:test-reads-other';

function fixture(): string {
  const lines: object[] = [
    { v: 1, type: 'source', key: SOURCE, title: 'Fixture of the bounded-reads suite', kind: 'manual' },
    { v: 1, type: 'entity', kind: 'Company', key: KEEP, name: 'TestReads Keep' },
    { v: 1, type: 'entity', kind: 'Company', key: GONE, name: 'TestReads Gone' },
    { v: 1, type: 'entity', kind: 'Company', key: HUB, name: 'TestReads Hub' },
    { v: 1, type: 'entity', kind: 'Company', key: OTHER, name: 'TestReads Other' },
  ];
  const claim = (key: string, ...about: string[]) => ({
    v: 1,
    type: 'assertion',
    kind: 'Claim',
    key,
    summary: `TestReads claim ${key}`,
    mode: 'reported',
    roles: { CONCERNS: about },
    text: `TestReads says ${key}`,
    sources: [{ source: SOURCE, snippet: `snippet ${key}` }],
  });
  lines.push(claim('fact:test-reads-claim-keep', KEEP), claim('fact:test-reads-claim-gone', GONE));
  // A hub: 61 claims about one company (60 + OTHER's), more than the neighbourhood's per-node fan-out (50).
  lines.push(claim('fact:test-reads-claim-other', OTHER, HUB));
  for (let i = 0; i < 60; i++) lines.push(claim(`fact:test-reads-hub-${String(i).padStart(2, '0')}`, HUB));
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

beforeAll(async () => {
  await importNdjson(database.scope('test-reads-fixture'), fixture());
  await mergeEntities(database.scope('test-reads-merge'), KEEP, GONE, 'duplicate of the fixture', 'test');
});

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

describe('research views are capped: first up to the maximum, an error above it, truncated when more matched', () => {
  const ranking = (
    first: number,
  ) => `{ metricByCompany(metric: "capex", periodYear: 2024, periodType: H1, first: ${first}) {
    truncated limit rows { growthRank company { key } } } }`;

  it('returns the fastest growers first and says when the cap cut the answer', async () => {
    const two = await gql(yoga, ranking(2));
    expect(two.errors).toBeUndefined();
    // The README's ranking: Tencent +176 %, Alibaba +123 %, Baidu +4 %.
    expect(two.data?.metricByCompany).toEqual({
      truncated: true,
      limit: 2,
      rows: [
        { growthRank: 1, company: { key: 'company:tencent' } },
        { growthRank: 2, company: { key: 'company:alibaba' } },
      ],
    });
    const all = await gql(yoga, ranking(3));
    expect(all.data?.metricByCompany.truncated).toBe(false);
    expect(all.data?.metricByCompany.rows.map((r: any) => r.company.key)).toEqual([
      'company:tencent',
      'company:alibaba',
      'company:baidu',
    ]);
  });

  it('answers BAD_USER_INPUT naming the range for a first above the maximum or below 1, never clamping', async () => {
    const max = loadConfig().limits.maxPageSize;
    for (const [query, message] of [
      [ranking(max + 1), `first must be between 1 and ${max}, got ${max + 1}`],
      [ranking(0), `first must be between 1 and ${max}, got 0`],
      [`{ metricByCountry(first: ${max + 1}) { truncated } }`, `first must be between 1 and ${max}`],
      [`{ groupFigureChecks(first: ${max + 1}) { truncated } }`, `first must be between 1 and ${max}`],
      [`{ restrictedChipOwners(first: ${max + 1}) { truncated } }`, `first must be between 1 and ${max}`],
      ['{ largestClustersPerOwner(perOwner: 21) { truncated } }', 'perOwner must be between 1 and 20, got 21'],
      [
        '{ entity(key: "company:bytedance") { facts(first: 101) { key } } }',
        'first must be between 0 and 100, got 101',
      ],
      ['{ neighborhood(key: "company:bytedance", limit: 301) { truncated } }', 'limit must be between 1 and 300'],
    ] as const) {
      const res = await gql(yoga, query);
      expect(codeOf(res), query).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message, query).toContain(message);
    }
  });

  it('caps the group checks and the country totals with the same rule', async () => {
    const groups = await gql(
      yoga,
      '{ groupFigureChecks(metric: "capex", first: 1) { truncated limit rows { group { key } } } }',
    );
    expect(groups.errors).toBeUndefined();
    expect(groups.data?.groupFigureChecks.rows).toHaveLength(1);
    expect(groups.data?.groupFigureChecks.limit).toBe(1);
    const countries = await gql(
      yoga,
      '{ metricByCountry(metric: "capex", periodYear: 2024, periodType: H1) { truncated rows { country { key } figureCount companies } } }',
    );
    expect(countries.data?.metricByCountry.truncated).toBe(false);
    const china = countries.data?.metricByCountry.rows.find((r: any) => r.country?.key === 'place:cn');
    expect(china).toEqual({ country: { key: 'place:cn' }, figureCount: 3, companies: 3 });
  });

  it('bounds a neighbourhood around a hub and says it was cut', async () => {
    const small = await gql(yoga, `{ neighborhood(key: "${HUB}", depth: 1, limit: 10) { truncated nodes { id } } }`);
    expect(small.data?.neighborhood.truncated).toBe(true);
    expect(small.data?.neighborhood.nodes).toHaveLength(11); // the start and 10 of its 60 claims
    const whole = await gql(
      yoga,
      `{ neighborhood(key: "${KEEP}", depth: 1, limit: 300) { truncated nodes { ... on Node { id } } relationships { fromKey toKey } } }`,
    );
    expect(whole.data?.neighborhood.truncated).toBe(false);
    // KEEP and its two claims (its own and the one moved over from GONE by the merge).
    expect(whole.data?.neighborhood.relationships.map((r: any) => r.fromKey).sort()).toEqual([
      'fact:test-reads-claim-gone',
      'fact:test-reads-claim-keep',
    ]);
    const deep = await gql(yoga, `{ neighborhood(key: "${HUB}", depth: 2, limit: 300) { truncated nodes { id } } }`);
    // All 61 claims fit (60 of its own and OTHER's); hop 2 adds OTHER, the only other neighbour of any of them.
    expect(deep.data?.neighborhood.truncated).toBe(false);
    expect(deep.data?.neighborhood.nodes).toHaveLength(63);
    // From OTHER: its claim (hop 1), the hub (hop 2), then at most 50 of the hub's 61 claims (hop 3: the fan-out cap).
    const fanned = await gql(
      yoga,
      `{ neighborhood(key: "${OTHER}", depth: 3, limit: 300) { truncated nodes { id } } }`,
    );
    expect(fanned.data?.neighborhood.truncated).toBe(true);
    expect(fanned.data?.neighborhood.nodes.length).toBeGreaterThanOrEqual(3 + 49);
    expect(fanned.data?.neighborhood.nodes.length).toBeLessThanOrEqual(3 + 50);
  });
});

describe('the cost limit counts lists at their caps', () => {
  const defaults = loadConfig().limits;
  const yogaWith = (maxCost: number) =>
    buildYoga({ database, logger: testApp().yoga.logger as never, limits: { ...defaults, maxCost } });

  it('accepts every research view at its default cap with the default limit', async () => {
    for (const query of [
      '{ metricByCompany(metric: "capex") { rows { growthRank company { name } figure { amount { amount currency } } } } }',
      '{ metricByCountry(metric: "capex") { rows { country { name } total { amount } companies } } }',
      '{ groupFigureChecks(metric: "capex") { rows { reported { amount } computedFromMembers { amount } } } }',
    ]) {
      const res = await gql(yoga, query);
      expect(res.errors, query).toBeUndefined();
    }
  });

  it('counts a view without `first` at its maximum, and a `first` given as a variable at its value', async () => {
    // metricByCompany { rows { growthRank } }: 1 + 1 + 100 × (1 + 1) = 202 at the default cap of 100 rows.
    const query = 'query($n: Int) { metricByCompany(first: $n) { rows { growthRank } } }';
    const strict = yogaWith(150);
    expect(codeOf(await gql(strict, query))).toBe('QUERY_TOO_COMPLEX');
    expect(codeOf(await gql(strict, query, { n: 100 }))).toBe('QUERY_TOO_COMPLEX');
    expect((await gql(strict, query, { n: 10 })).errors).toBeUndefined();
  });

  it('rejects nested lists at their default caps even when no first is written', async () => {
    // 10 companies × (2 + 50 facts × (3 + 50 facts × 2)) = 51 520: the companies count as the graph holds them,
    // the facts at their default cap.
    const res = await gql(yoga, '{ companies { nodes { facts { participants { entity { facts { key } } } } } } }');
    expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/MAX_QUERY_COST/);
  });
});

describe('unknown keys answer NOT_FOUND with the nearest existing keys', () => {
  const suggestions = (res: any) => res.errors?.[0]?.extensions?.suggestions;

  it('suggests place:my for place:malaysa (by name) and company:alibaba for company:alibab (by prefix)', async () => {
    // place:malaysia itself is Malaysia's name under the place: prefix, so it resolves (issue 15).
    const named = await gql(yoga, '{ metricByCompany(country: "place:malaysia") { rows { growthRank } } }');
    expect(named.errors).toBeUndefined();
    const country = await gql(yoga, '{ metricByCompany(country: "place:malaysa") { rows { growthRank } } }');
    expect(codeOf(country)).toBe('NOT_FOUND');
    expect(suggestions(country)[0]).toBe('place:my');
    expect(country.errors?.[0]?.message).toContain(
      'No entity has the key "place:malaysa" (country); did you mean place:my (Malaysia)',
    );
    const path = await gql(yoga, '{ paths(from: "company:alibab", to: "company:nvidia") { length } }');
    expect(codeOf(path)).toBe('NOT_FOUND');
    expect(suggestions(path)[0]).toBe('company:alibaba');
    expect(path.errors?.[0]?.message).toContain('(from)');
  });

  it('answers NOT_FOUND, not an empty page, for unknown keys in filters and arguments', async () => {
    for (const [query, argument] of [
      ['{ assertions(filter: { entity: "company:test-reads-none" }) { nodes { key } } }', 'filter.entity'],
      ['{ claims(filter: { country: "place:nowhere" }) { nodes { key } } }', 'filter.country'],
      ['{ companies(filter: { country: "place:nowhere" }) { totalCount } }', 'filter.country'],
      ['{ neighborhood(key: "company:test-reads-none") { truncated } }', 'key'],
      ['{ sitesServingCompany(place: "place:my-johor", company: "company:bytedanse") { truncated } }', 'company'],
    ] as const) {
      const res = await gql(yoga, query);
      expect(codeOf(res), query).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message, query).toContain(`(${argument})`);
    }
    const typo = await gql(
      yoga,
      '{ sitesServingCompany(place: "place:my-johor", company: "company:bytedanse") { truncated } }',
    );
    expect(suggestions(typo)[0]).toBe('company:bytedance');
  });
});

describe('filters follow merges', () => {
  it('claims(filter: { entity: <merged-away key> }) returns the merged-into entity’s claims', async () => {
    const byGone = await gql(yoga, `{ claims(filter: { entity: "${GONE}" }) { nodes { key } } }`);
    const byKeep = await gql(yoga, `{ claims(filter: { entity: "${KEEP}" }) { nodes { key } } }`);
    expect(byGone.errors).toBeUndefined();
    expect(byGone.data?.claims.nodes.map((n: any) => n.key)).toEqual([
      'fact:test-reads-claim-gone',
      'fact:test-reads-claim-keep',
    ]);
    expect(byGone.data).toEqual(byKeep.data);
    const entity = await gql(yoga, `{ entity(key: "${GONE}") { key } }`);
    expect(entity.data?.entity.key).toBe(KEEP);
  });
});

/**
 * Lists that take no size argument, each bounded by something else. A new list field fails this test until it takes
 * `first`/`limit` or is added here with the reason it cannot grow with the graph.
 */
const BOUNDED_WITHOUT_ARGUMENT: Record<string, string> = {
  nodes: 'a connection’s page or a subgraph/path: bounded by the parent’s first/limit',
  edges: 'a connection’s page: bounded by the parent’s first',
  relationships: 'among the nodes of a capped subgraph or path',
  rows: 'a capped research view: bounded by the parent’s first',
  sources:
    'the supports of one fact, as written by its importer / the sources one change-log entry concerns (one fact’s)',
  entities: 'ChangeLogEntry.entities: the participants of one fact, or the two sides of a merge or link',
  fields: 'ChangeLogEntry.fields: the fields one update changed (at most the seven updatable fields)',
  participants: 'the role edges of one fact',
  subjects: 'the role edges of one fact',
  objects: 'the role edges of one fact',
  about: 'the role edges of one fact',
  concerns: 'the role edges of one fact',
  buyers: 'the role edges of one fact',
  members: 'the role edges of one fact',
  investors: 'the role edges of one fact (Investment.investors, InvestmentInPlace.investors)',
  totals: 'InvestmentsInPlace.totals: at most 100 sums (investments/in-place-totals LIMIT)',
  chips: 'the chips a restricted owner deploys (a fixed catalogue) / the role edges of one fact',
  aliases: 'stored on the entity',
  properties: 'stored on the entity',
  snippets: 'the supports of one fact',
  reasons: 'the reasons of one rejected write',
  products: 'an entity’s timeless links, at most 100 (entities/links LIMIT)',
  units: 'an entity’s timeless links, at most 100 (entities/links LIMIT)',
  subPlaces: 'an entity’s timeless links, at most 100 (entities/links LIMIT)',
  dataCenters: 'an entity’s timeless links, at most 100 (entities/links LIMIT)',
  epochSites: 'capped by sitesServingCompany(first)',
  otherSources: 'capped by sitesServingCompany(first)',
  evidence: 'the Epoch rows of one site',
  clusters: 'capped by largestClustersPerOwner(perOwner) (1 to 20)',
  memberFigures: 'one figure per member, members capped at 100 (research/group-figures)',
  missingMembers: 'members capped at 100 (research/group-figures)',
  figures: 'CountryTotal.figures: the first 100 keys (research/metric-by-country)',
  siteNames: 'at most 20 (epoch/restricted-chip-owners)',
  domicile: 'the domicile facts of one owner',
  bases: 'two possible values',
  confidences: 'Epoch’s confidence levels of one owner’s rows',
  history: 'the replaced values of one entity or source, at most MAX_REVISIONS = 100 (repositories/revisions.ts)',
  metrics: 'Vocabulary.metrics: at most 500 metric names (vocabulary/metrics LIMIT)',
  factKinds: 'the AssertionKind enum (plus any other kind stored, none by the import rules)',
  entityKinds: 'the EntityKind enum (plus any other kind stored, none by the import rules)',
  roles: 'the five roles (Role enum)',
  disagreeOn: 'Conflict.disagreeOn: the three Disagreement values',
  highlights: 'at most 3 per search hit (domain/search-highlight.ts)',
  matches: 'the words of one highlighted text of at most ~240 characters',
  facts: 'GraphPath.facts: the facts on one path of at most 8 hops',
  textOrigins: 'the text fields of one fact or entity (at most six)',
  links: 'an entity’s timeless links with their sources, at most 100 (entities/link-sources LIMIT)',
  context: 'the places one inference rule names (at most 20, import format)',
  rules: 'the inference rules one restricted-owner row used (at most two)',
  restrictionConcerns: 'the context places of one inference rule',
  chipsViaFamily: 'a subset of the row’s chips',
  assumptions:
    'Money.assumptions: the distinct assumptions of a derived amount’s inputs, at most one per input; the inputs ' +
    'are one group’s member figures (at most 100) or one prior-year/conversion computation (domain/values.ts)',
};

describe('no list field can grow with the graph unbounded', () => {
  it('every list or capped/connection field takes first, limit or ids, or is bounded by its parent', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const inner = isNonNullType(field.type) ? field.type.ofType : field.type;
        const many = isListType(inner) || /(Connection|List)$/.test(getNamedType(field.type).name);
        if (!many || field.args.some((a) => ['first', 'limit', 'ids'].includes(a.name))) continue;
        if (!(field.name in BOUNDED_WITHOUT_ARGUMENT)) unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('every root field that answers a list takes a size argument', () => {
    const fields = Object.values(schema.getQueryType()!.getFields());
    const lists = fields.filter((f) => {
      const inner = isNonNullType(f.type) ? f.type.ofType : f.type;
      return isListType(inner) || /(Connection|List)$/.test(getNamedType(f.type).name);
    });
    const withoutSize = lists
      .filter((f) => !f.args.some((a) => ['first', 'limit', 'ids'].includes(a.name)))
      .map((f) => f.name);
    expect(withoutSize).toEqual([]);
    expect(lists.length).toBeGreaterThan(20);
  });
});
