import { execute, type GraphQLInterfaceType, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/domain/global-id.ts';
import { schema } from '../src/schema/index.ts';
import { READS } from '../src/schema/lookahead.ts';
import { mergeEntities } from '../src/services/curation.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * An entity and the facts (and sources) selected on it are read in one statement (src/schema/lookahead.ts).
 * Each answer is compared with the same selection reached through `node(id:)`, which has no lookahead and
 * loads level by level, so the fold is checked against the plain path, not against a fixed expectation.
 */
const { database, yoga } = testApp();
const SOURCE_A = 'source:test-look-a';
const SOURCE_B = 'source:test-look-b';
const KEEP = 'company:test-look-keep';
const MERGED = 'company:test-look-merged';

function fixture(): string {
  const lines: object[] = [
    { v: 1, type: 'source', key: SOURCE_A, title: 'Lookahead fixture A', kind: 'manual' },
    { v: 1, type: 'source', key: SOURCE_B, title: 'Lookahead fixture B', kind: 'manual' },
  ];
  for (const [i, key] of [KEEP, MERGED].entries()) {
    lines.push({ v: 1, type: 'entity', kind: 'Company', key, name: `TestLook Company ${i}` });
    for (const year of [2021, 2022, 2023, 2024]) {
      lines.push({
        v: 1,
        type: 'assertion',
        kind: 'FinancialFigure',
        key: `fact:test-look-${i}-${year}`,
        summary: `TestLook ${i} capex ${year}`,
        mode: 'reported',
        roles: { SUBJECT: [key] },
        metric: year % 2 ? 'capex' : 'revenue',
        money: { amount: String(100 * year), currency: 'USD', asReported: `$${100 * year}` },
        period: { label: `FY${year}`, type: 'FY', year },
        sources: [
          { source: SOURCE_A, snippet: `look ${i} ${year} a` },
          { source: SOURCE_B, snippet: `look ${i} ${year} b` },
        ],
      });
    }
    lines.push({
      v: 1,
      type: 'assertion',
      kind: 'Claim',
      key: `fact:test-look-${i}-claim`,
      summary: `TestLook ${i} says something`,
      mode: 'reported',
      roles: { SPEAKER: [key] },
      text: `TestLook ${i} claim`,
      sources: [{ source: SOURCE_A, snippet: `look ${i} claim` }],
    });
  }
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

beforeAll(async () => {
  await importNdjson(database.scope('test-lookahead-fixture'), fixture());
  // A second run against the same database finds MERGED gone already: the merge is then a typed rejection.
  await mergeEntities(database.scope('test-lookahead-merge'), KEEP, MERGED, 'lookahead test', null);
});

const SELECTION = `
  fragment Figures on Company {
    key
    figures(first: 3) { key summary sources { snippet source { key title } } }
    capex: figures(metric: "capex", first: $n) { key }
    ... on Entity { facts(kinds: ["FinancialFigure", "Claim"], first: 5) { key ... on FinancialFigure { sources { snippet } } } }
    statements { key summary }
  }`;

async function foldedAndPlain(key: string) {
  const folded = await gql(yoga, `query($key: String!, $n: Int) { entity(key: $key) { ...Figures } } ${SELECTION}`, {
    key,
    n: 1,
  });
  const plain = await gql(yoga, `query($id: ID!, $n: Int) { node(id: $id) { ...Figures } } ${SELECTION}`, {
    id: encodeGlobalId('Company', KEEP),
    n: 1,
  });
  return { folded, plain };
}

describe('lookahead: an entity and its facts in one statement', () => {
  it('answers as the level-by-level path does, in one statement instead of one per level', async () => {
    const { folded, plain } = await foldedAndPlain(KEEP);
    expect(folded.errors).toBeUndefined();
    expect(plain.errors).toBeUndefined();
    expect(folded.data?.entity).toEqual(plain.data?.node);
    const entity = folded.data?.entity;
    expect(entity.figures.map((f: any) => f.key)).toHaveLength(3);
    expect(entity.figures[0].sources.map((s: any) => s.source.key)).toEqual([SOURCE_A, SOURCE_B]);
    expect(entity.capex).toHaveLength(1);
    expect(entity.statements.map((f: any) => f.key)).toContain('fact:test-look-0-claim');
    expect(folded.extensions?.cypher?.statements).toBe(1);
    expect(plain.extensions?.cypher?.statements).toBeGreaterThanOrEqual(3);
  });

  it('follows a merged-away key to its entity and reads that entity’s facts, still in one statement', async () => {
    const { folded, plain } = await foldedAndPlain(MERGED);
    expect(folded.data?.entity).toEqual(plain.data?.node);
    expect(folded.data?.entity.key).toBe(KEEP);
    const figureKeys = folded.data?.entity.figures.map((f: any) => f.key);
    expect(figureKeys).toEqual(expect.arrayContaining(['fact:test-look-0-2024', 'fact:test-look-1-2024']));
    expect(folded.extensions?.cypher?.statements).toBe(1);
  });

  it('answers null for an unknown key: the lookup, then the name/suggestion lookup (2 statements)', async () => {
    const res = await gql(yoga, `{ entity(key: "company:test-look-none") { key facts { key sources { snippet } } } }`);
    expect(res.data?.entity).toBeNull();
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.cypher?.statements).toBe(2);
  });

  it('reads a connection’s page with the facts under nodes and under edges.node in one statement', async () => {
    const query = `{ companies(first: 2, filter: { nameContains: "testlook" }) {
      nodes { key figures(first: 2) { key sources { snippet } } }
      edges { node { key statements { key } } } } }`;
    const res = await gql(yoga, query);
    expect(res.errors).toBeUndefined();
    const node = res.data?.companies.nodes[0];
    expect(node.key).toBe(KEEP);
    expect(node.figures).toHaveLength(2);
    expect(node.figures[0].sources).toHaveLength(2);
    expect(res.data?.companies.edges[0].node.statements.length).toBeGreaterThanOrEqual(1);
    expect(res.extensions?.cypher?.statements).toBe(1);
  });

  it('keeps sources unread where the selection does not ask for them, and separate where two aliases differ', async () => {
    const res = await gql(
      yoga,
      `{ entity(key: "${KEEP}") { ... on Company {
        bare: figures(first: 2) { key } full: figures(first: 2) { key sources { snippet } } } } }`,
    );
    expect(res.data?.entity.bare.map((f: any) => f.key)).toEqual(res.data?.entity.full.map((f: any) => f.key));
    expect(res.data?.entity.full[0].sources).toHaveLength(2);
    expect(res.extensions?.cypher?.statements).toBe(1);
  });

  it('still answers a facts field the lookahead cannot see (below a fact’s participants) through its loader', async () => {
    const res = await gql(
      yoga,
      `{ entity(key: "${KEEP}") { ... on Company { statements { participants { entity {
        ... on Company { figures(first: 1) { key sources { snippet } } } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const figures = res.data?.entity.statements[0].participants[0].entity.figures;
    expect(figures).toHaveLength(1);
    expect(figures[0].sources).toHaveLength(2);
    // entity + statements + their participants (1), then figures with their sources folded into one statement (1)
    expect(res.extensions?.cypher?.statements).toBe(2);
  });

  it('reads the participants a fact’s fields show (a list screen: companies, their country, figures, sources) in the page’s statement', async () => {
    const COMPANY = `key name domiciles(first: 1) { key country { key name } }
      figures(first: 3) { key summary amount { amount currency } sources { snippet source { key title url } } }`;
    const list = await gql(
      yoga,
      `{ companies(first: 10, filter: { country: "place:cn" }) { nodes { id ... on Company { ${COMPANY} } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const nodes = list.data?.companies.nodes ?? [];
    // The seed's four Chinese companies by name; each is domiciled in China.
    expect(nodes.map((c: any) => c.key)).toEqual([
      'company:alibaba',
      'company:baidu',
      'company:bytedance',
      'company:tencent',
    ]);
    for (const c of nodes)
      expect(c.domiciles).toEqual([{ key: expect.any(String), country: { key: 'place:cn', name: 'China' } }]);
    // The page with its facts, their sources and participants (the country key, found, needs no check of its own).
    expect(list.extensions?.cypher?.statements).toBe(1);
    // The same selection level by level (node(id:) has no lookahead) answers the same.
    for (const c of nodes) {
      const plain = await gql(yoga, `query($id: ID!) { node(id: $id) { id ... on Company { ${COMPANY} } } }`, {
        id: c.id,
      });
      expect(plain.errors).toBeUndefined();
      expect(plain.data?.node).toEqual(c);
      expect(plain.extensions?.cypher?.statements).toBeGreaterThanOrEqual(3);
    }
  });

  it('resolves a country filter’s key only when the page finds nothing: a name reads again, an unknown key is NOT_FOUND', async () => {
    const page = (country: string, first = 10) =>
      gql(yoga, `query($c: String!) { companies(first: ${first}, filter: { country: $c }) { nodes { key } } }`, {
        c: country,
      });
    const byKey = await page('place:cn');
    expect(byKey.data?.companies.nodes).toHaveLength(4);
    expect(byKey.extensions?.cypher?.statements).toBe(1);
    // A name: the page finds nothing, the name resolves to place:cn, the page is read again.
    const byName = await page('China');
    expect(byName.data).toEqual(byKey.data);
    expect(byName.extensions?.cypher?.statements).toBe(3);
    for (const first of [10, 0]) {
      const unknown = await page('place:nowhere', first);
      expect(unknown.data?.companies ?? null).toBeNull();
      expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(unknown.errors?.[0]?.message).toMatch(/filter\.country/);
    }
    const count = await gql(yoga, '{ companies(filter: { country: "place:nowhere" }) { totalCount } }');
    expect(count.data?.companies ?? null).toBeNull();
    expect(count.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    // An existing place no company is based in: found empty, after the key was resolved (to itself).
    const empty = await page('place:my');
    expect(empty.errors).toBeUndefined();
    expect(empty.data?.companies.nodes).toEqual([]);
  });

  it('reads only the properties the selected fields need, and answers as a whole read does (the seed facts of three companies)', async () => {
    const FIELDS = `id __typename key kind summary mode rank confidence attribution note
      period { label type year basis yearInferred inference } retraction { reason at }
      participants { role entity { key } } sources { snippet source { key } }
      ... on FinancialFigure { metric company { key } }`;
    const facts: any[] = [];
    for (const company of ['alibaba', 'bytedance', 'nvidia']) {
      const projected = await gql(
        yoga,
        `{ entity(key: "company:${company}") { facts(first: 40, includeDeprecated: true) { ${FIELDS} } } }`,
      );
      expect(projected.errors).toBeUndefined();
      expect(projected.extensions?.cypher?.statements).toBe(1); // entity + facts + sources + participants
      facts.push(...(projected.data?.entity.facts ?? []));
    }
    expect(facts.length).toBeGreaterThanOrEqual(30);
    const whole: unknown[] = [];
    for (let i = 0; i < facts.length; i += 100) {
      const res = await gql(yoga, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Assertion { ${FIELDS} } } }`, {
        ids: facts.slice(i, i + 100).map((f: any) => f.id),
      });
      expect(res.errors).toBeUndefined();
      whole.push(...(res.data?.nodes ?? []));
    }
    expect(facts).toEqual(whole);
    // A kind-specific field without a `reads` list (amount) makes the fact be read whole: the answer is the same.
    const amounts = await gql(
      yoga,
      `{ entity(key: "company:alibaba") { ... on Company {
      figures(first: 20) { key amount { amount currency } } } } }`,
    );
    expect(amounts.data?.entity.figures.some((f: any) => f.amount?.amount)).toBe(true);
  });

  it('plans participants for the facts whose selection shows them (participants or a role field), and only those', async () => {
    const planned: any[] = [];
    const contextValue = {
      loaders: {
        entityWithFacts: (_key: string, queries: unknown[]) => {
          planned.push(...queries);
          return null;
        },
        keyResolution: {
          load: async (key: string) => ({ key, resolved: null, byName: false, ambiguous: false, suggestions: [] }),
        },
      },
    };
    const document = parse(`{ entity(key: "company:x") { facts(first: 2) { key participants { role } }
      ... on Company { domiciles { country { key } } figures { key sources { snippet } } statements { key } } } }`);
    const result = await execute({ schema, document, contextValue });
    expect(result.errors).toBeUndefined();
    expect(planned.map((q) => [q.kinds?.join(',') ?? null, q.withRoles, q.withSources])).toEqual([
      [null, true, false],
      ['Domicile', true, false],
      ['FinancialFigure', false, true],
      ['Claim', false, false],
    ]);
    // Participants are read with what the fields showing them load (key, kind and name always): a role field's own
    // selection, or what `participants { entity { … } }` selects.
    const BASE = ['key', 'kind', 'name'];
    expect(planned.map((q) => [q.roleProps, q.roleSignatures])).toEqual([
      [BASE, [BASE]],
      [BASE, [BASE]],
      [null, []],
      [null, []],
    ]);

    planned.length = 0;
    const mixed = parse(`{ entity(key: "company:x") { ... on Company {
      domiciles { country { key description } participants { entity { wikidata } } }
      figures { company { properties } participants { role } } } } }`);
    expect((await execute({ schema, document: mixed, contextValue })).errors).toBeUndefined();
    expect(planned.map((q) => [q.kinds?.join(','), q.withRoles, q.roleProps, q.roleSignatures])).toEqual([
      // two lists, read once with both and handed to each field as it loads them
      [
        'Domicile',
        true,
        [...BASE, 'description', 'wikidata'].sort(),
        [[...BASE, 'description'].sort(), [...BASE, 'wikidata'].sort()],
      ],
      // a field reading its entities whole (`properties`) makes them be read whole
      ['FinancialFigure', true, null, []],
    ]);
  });

  it('plans the properties the selected fields read', async () => {
    const planned: unknown[] = [];
    const contextValue = {
      loaders: {
        entityWithFacts: (_key: string, queries: unknown[]) => {
          planned.push(...queries);
          return null;
        },
        // No entity has the key: entity(key:) then asks whether it is a name (issue 15), and answers null.
        keyResolution: {
          load: async (key: string) => ({ key, resolved: null, byName: false, ambiguous: false, suggestions: [] }),
        },
      },
    };
    const document = parse(`{ entity(key: "company:x") { facts(first: 2) { key period { year } }
      ... on Company { figures { amount { amount } } statements { key } } } }`);
    const result = await execute({ schema, document, contextValue });
    expect(result.errors).toBeUndefined();
    expect(planned).toEqual([
      expect.objectContaining({
        limit: 2,
        withSources: false,
        props: ['key', 'kind', 'mode', ...PERIOD, 'summary'].sort(),
      }),
      expect.objectContaining({
        kinds: ['FinancialFigure'],
        props: [...money('amount'), ...money('conversion'), 'key', 'kind', 'mode', 'summary'].sort(),
      }),
      // a field inherited from the Assertion interface keeps what it reads
      expect.objectContaining({ kinds: ['Claim'], props: ['key', 'kind', 'mode', 'summary'] }),
    ]);
  });
});

describe('lookahead: a connection of facts reads only what its nodes need', () => {
  it('answers as a whole read does', async () => {
    const FIELDS = `id __typename key kind summary rank period { year } ... on FinancialFigure { metric company { key } }`;
    const page = await gql(yoga, `{ financialFigures(first: 40) { nodes { ${FIELDS} } pageInfo { endCursor } } }`);
    expect(page.errors).toBeUndefined();
    const facts = page.data?.financialFigures.nodes ?? [];
    expect(facts.length).toBeGreaterThanOrEqual(10);
    const whole = await gql(yoga, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Assertion { ${FIELDS} } } }`, {
      ids: facts.map((f: any) => f.id),
    });
    expect(facts).toEqual(whole.data?.nodes);
  });

  it('plans the properties under nodes and edges.node, or all of them', async () => {
    const planned: unknown[] = [];
    const contextValue = {
      repos: {
        assertions: {
          page: (_f: unknown, _a: unknown, _l: unknown, props: unknown) => {
            planned.push(props);
            return [];
          },
          count: () => 0,
        },
      },
      limits: { maxPageSize: 100 },
    };
    for (const selection of [
      'nodes { key note }',
      'edges { node { rank } } totalCount',
      'nodes { ... on FinancialFigure { amount { amount } } }',
    ]) {
      const result = await execute({
        schema,
        document: parse(`{ assertions(first: 2) { ${selection} } }`),
        contextValue,
      });
      expect(result.errors).toBeUndefined();
    }
    expect(planned).toEqual([
      ['key', 'kind', 'mode', 'note', 'summary'],
      // `rank` also reads what an as-of read needs to give the rank it had then (src/domain/as-of.ts).
      ['deprecatedSince', 'key', 'kind', 'mode', 'rank', 'rankBeforeRetraction', 'summary'],
      [...money('amount'), ...money('conversion'), 'key', 'kind', 'mode', 'summary'].sort(),
    ]);
  });

  it('knows what every field of every fact type reads, so no selection reads a fact whole', () => {
    const assertion = schema.getType('Assertion') as GraphQLInterfaceType;
    const factTypes = [assertion, ...schema.getImplementations(assertion).objects];
    const silent = factTypes.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => !Array.isArray(field.extensions?.[READS]))
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(factTypes.length).toBeGreaterThan(15);
    expect(silent).toEqual([]);
  });
});

/** A money field reads its own eight properties and those of the source's own conversion (`converted` uses it). */
const money = (prefix: string) =>
  ['Minor', 'Currency', 'AsReported', 'Qualifier', 'LowerMinor', 'UpperMinor', 'PriceBasis', 'PrecisionMinor'].map(
    (p) => prefix + p,
  );
const PERIOD = ['periodType', 'periodLabel', 'periodYear', 'periodBasis', 'periodYearInferred', 'periodInference'];
