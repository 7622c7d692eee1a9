import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/domain/global-id.ts';
import { printSchemaSDL } from '../src/schema/print.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql, testApp } from './helpers/app.ts';

const { database, yoga } = testApp();
afterAll(() => database.close());

const SOURCE = 'source:test-api-generated';
const N = 50;

/** 50 companies, each with two figures and a source, to show batching does not grow with N. */
function fixture(): string {
  const lines: object[] = [
    { v: 1, type: 'source', key: SOURCE, title: 'Test fixture for the API suite', kind: 'manual' },
  ];
  for (let i = 0; i < N; i++) {
    const key = `company:test-api-${String(i).padStart(3, '0')}`;
    lines.push({ v: 1, type: 'entity', kind: 'Company', key, name: `TestApi Company ${String(i).padStart(3, '0')}` });
    for (const year of [2023, 2024]) {
      lines.push({
        v: 1,
        type: 'assertion',
        kind: 'FinancialFigure',
        key: `fact:test-api-${i}-capex-${year}`,
        summary: `TestApi ${i} capex ${year}`,
        mode: 'reported',
        roles: { SUBJECT: [key] },
        metric: 'capex',
        money: { amount: String(1000 + i), currency: 'USD', asReported: `$${1000 + i}` },
        period: { label: `FY${year}`, type: 'FY', year },
        sources: [{ source: SOURCE, snippet: `fixture line ${i} ${year}` }],
      });
    }
  }
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

beforeAll(async () => {
  await importNdjson(database.scope('test-api-fixture'), fixture());
});

describe('schema', () => {
  it('schema/schema.graphql matches the code (run `npm run schema:print` after changing types)', () => {
    expect(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8')).toBe(printSchemaSDL());
  });

  it('documents every type and root field', async () => {
    const res = await gql(
      yoga,
      '{ __schema { queryType { fields { name description } } types { name kind description } } }',
    );
    for (const f of res.data!.__schema.queryType.fields) expect(f.description, f.name).toBeTruthy();
    const ours = res.data?.__schema.types.filter((t: any) => !t.name.startsWith('__') && t.kind !== 'SCALAR');
    const undocumented = ours
      .filter((t: any) => !t.description && !/(Edge|Connection)$/.test(t.name))
      .map((t: any) => t.name);
    expect(undocumented).toEqual([]);
  });
});

describe('lookups and global ids', () => {
  it('finds an entity by key and again by its global id', async () => {
    const res = await gql(yoga, '{ entity(key: "company:bytedance") { id key name __typename } }');
    const e = res.data?.entity;
    expect(e).toMatchObject({ key: 'company:bytedance', name: 'ByteDance', __typename: 'Company' });
    expect(e.id).toBe(encodeGlobalId('Company', 'company:bytedance'));
    const again = await gql(yoga, `{ node(id: "${e.id}") { ... on Company { key } } nodes(ids: ["${e.id}"]) { id } }`);
    expect(again.data?.node.key).toBe('company:bytedance');
    expect(again.data?.nodes).toEqual([{ id: e.id }]);
  });

  it('answers null for an unknown key and INVALID_ID for malformed or foreign ids', async () => {
    expect((await gql(yoga, '{ entity(key: "company:nope") { key } }')).data?.entity).toBeNull();
    for (const id of ['%%%', encodeGlobalId('User', '1'), Buffer.from('nocolon').toString('base64url')]) {
      const res = await gql(yoga, `{ node(id: "${id}") { id } }`);
      expect(res.errors?.[0]?.extensions?.code, id).toBe('INVALID_ID');
    }
    const wrongType = await gql(yoga, `{ node(id: "${encodeGlobalId('Chip', 'company:bytedance')}") { id } }`);
    expect(wrongType.data?.node).toBeNull();
  });

  it('resolves facts and sources as nodes too', async () => {
    const res = await gql(
      yoga,
      '{ assertion(key: "fact:eddie-wu-ceo-alibaba") { id ... on Position { role person { name } organization { name } } } }',
    );
    expect(res.data?.assertion).toMatchObject({
      role: 'CEO',
      person: { name: 'Eddie Wu' },
      organization: { name: 'Alibaba Group' },
    });
    const node = await gql(yoga, `{ node(id: "${res.data?.assertion.id}") { __typename } }`);
    expect(node.data?.node.__typename).toBe('Position');
  });
});

describe('connections', () => {
  it('pages with keyset cursors across several pages, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: any = await gql(
        yoga,
        'query($after: String) { companies(first: 7, after: $after, filter: { nameContains: "testapi" }) { totalCount edges { cursor node { key } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const c = res.data.companies;
      expect(c.totalCount).toBe(N);
      seen.push(...c.edges.map((e: any) => e.node.key));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(N / 7));
    expect(new Set(seen).size).toBe(N);
    expect(seen).toEqual([...seen].sort());
  });

  it('orders descending and filters by country including sub-places', async () => {
    const desc = await gql(
      yoga,
      '{ companies(first: 3, orderBy: NAME_DESC, filter: { nameContains: "testapi" }) { nodes { name } } }',
    );
    expect(desc.data?.companies.nodes.map((n: any) => n.name)).toEqual([
      'TestApi Company 049',
      'TestApi Company 048',
      'TestApi Company 047',
    ]);
    const cn = await gql(yoga, '{ companies(first: 20, filter: { country: "place:cn" }) { nodes { key } } }');
    expect(cn.data?.companies.nodes.map((n: any) => n.key).sort()).toEqual([
      'company:alibaba',
      'company:baidu',
      'company:bytedance',
      'company:tencent',
    ]);
  });

  it('rejects bad cursors and page sizes with stable codes', async () => {
    const cursor = await gql(yoga, '{ companies(after: "garbage") { totalCount } }');
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await gql(yoga, '{ companies(first: 101) { totalCount } }');
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(huge.errors?.[0]?.message).toContain('MAX_PAGE_SIZE');
  });

  it('serves every root connection, counting exactly what the seed and this file’s fixture hold', async () => {
    // Root field → the kind it lists; expected counts come from the seed file and fixture() read as plain JSON.
    const roots: Record<string, string> = {
      companies: 'Company',
      organizations: 'Organization',
      people: 'Person',
      chips: 'Chip',
      places: 'Place',
      dataCenters: 'DataCenter',
      regulations: 'Regulation',
      sources: 'source',
      assertions: 'assertion',
      financialFigures: 'FinancialFigure',
      groupFigures: 'GroupFigure',
      positions: 'Position',
      ownerships: 'Ownership',
      domiciles: 'Domicile',
      procurements: 'Procurement',
      exportControlStatuses: 'ExportControlStatus',
      developments: 'Development',
      quotes: 'Quote',
      claims: 'Claim',
      forecasts: 'Forecast',
    };
    const lines = [readFileSync(SEED_FILE, 'utf8'), fixture()]
      .flatMap((text) => text.split('\n'))
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { type: string; kind?: string });
    const expected = Object.fromEntries(
      Object.entries(roots).map(([root, kind]) => [
        root,
        lines.filter((l) => l.type === kind || (l.kind === kind && l.type !== 'source')).length,
      ]),
    );
    const res = await gql(
      yoga,
      `{ ${Object.keys(roots)
        .map((r) => `${r}(first: 2) { totalCount nodes { id } }`)
        .join(' ')} }`,
    );
    expect(res.errors).toBeUndefined();
    const counts = Object.fromEntries(Object.keys(roots).map((r) => [r, res.data?.[r].totalCount]));
    expect(counts).toEqual(expected);
    for (const r of Object.keys(roots)) expect(res.data?.[r].nodes, r).toHaveLength(Math.min(2, expected[r]!));
  });

  it('filters facts by kind, metric, period and entity', async () => {
    const res = await gql(
      yoga,
      `{ assertions(first: 50, filter: { kinds: [FinancialFigure], metric: "capex", periodYear: 2024, periodType: H1, country: "place:cn" }) {
      totalCount nodes { key } } }`,
    );
    expect(res.data?.assertions.nodes.map((n: any) => n.key).sort()).toEqual([
      'fact:alibaba-capex-2024-h1',
      'fact:baidu-capex-2024-h1',
      'fact:tencent-capex-2024-h1',
    ]);
    expect(res.data?.assertions.totalCount).toBe(3);
    // Counts with a metric use their own statement (the metric index): they must agree with the pages.
    for (const filter of [
      'metric: "capex"',
      'metric: "capex", kinds: [FinancialFigure]',
      'metric: "capex", rank: deprecated',
    ]) {
      let after: string | null = null;
      let seen = 0;
      let total = -1;
      do {
        const page: any = await gql(
          yoga,
          `query($after: String) { assertions(first: 100, after: $after, filter: { ${filter} }) {
            totalCount nodes { key } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        expect(page.errors, filter).toBeUndefined();
        total = page.data.assertions.totalCount;
        seen += page.data.assertions.nodes.length;
        after = page.data.assertions.pageInfo.hasNextPage ? page.data.assertions.pageInfo.endCursor : null;
      } while (after);
      expect(total, filter).toBe(seen);
    }
    const quotes = await gql(yoga, '{ quotes { nodes { text speaker { name } about { name } sources { snippet } } } }');
    const quote = quotes.data?.quotes.nodes[0];
    expect(quote.speaker.name).toBe('Eddie Wu');
    expect(quote.text).toContain('We’ll continue to invest in R&D and AI capex');
  });
});

describe('relationships in both directions', () => {
  it('walks chip → vendor, restrictions, buyers and place → sub-places → projects', async () => {
    const res = await gql(
      yoga,
      `{
      h20: entity(key: "chip:nvidia-h20") { ... on Chip { vendor { name } exportControls { status regulation { key } } purchases { buyers { key } } forecasts { quantity { value qualifier } unitPrice { lower upper currency } } } }
      h100: entity(key: "chip:nvidia-h100") { ... on Chip { exportControls { status } } }
      my: entity(key: "place:my") { ... on Place { subPlaces { key ... on Place { dataCenters { key } } } } }
      nvidia: entity(key: "company:nvidia") { ... on Company { products { key } } }
    }`,
    );
    expect(res.data?.h20.vendor.name).toBe('Nvidia');
    expect(res.data?.h20.exportControls.map((s: any) => s.status)).toContain('designed_to_comply');
    expect(res.data?.h20.purchases.flatMap((p: any) => p.buyers.map((b: any) => b.key))).toContain('company:bytedance');
    expect(res.data?.h20.forecasts[0]).toEqual({
      quantity: { value: '1000000', qualifier: 'more_than' },
      unitPrice: { lower: '12000', upper: '13000', currency: 'USD' },
    });
    expect(res.data?.h100.exportControls.map((s: any) => s.status)).toEqual(['restricted']);
    const johor = res.data?.my.subPlaces.find((p: any) => p.key === 'place:my-johor');
    expect(johor.dataCenters.map((d: any) => d.key)).toContain('datacenter:bytedance-johor-projects');
    expect(res.data?.nvidia.products.map((p: any) => p.key)).toEqual(
      expect.arrayContaining(['chip:nvidia-h20', 'chip:nvidia-h100', 'chip:nvidia-blackwell']),
    );
  });

  it('lists a source’s facts and each fact’s participants', async () => {
    const res = await gql(
      yoga,
      `{ source(key: "source:panfinance-chinese-tech-giants-ai-investment") { assertions(first: 100) { key participants { role entity { key } } } } }`,
    );
    const facts = res.data?.source.assertions as any[];
    // Every one of the seed's 51 facts cites the article (cypher/seed/article.ndjson).
    expect(facts).toHaveLength(51);
    expect(facts.find((f) => f.key === 'fact:bytedance-owns-tiktok').participants).toEqual([
      { role: 'OBJECT', entity: { key: 'company:tiktok' } },
      { role: 'SUBJECT', entity: { key: 'company:bytedance' } },
    ]);
  });
});

describe('batching through DataLoader', () => {
  const query = (first: number) => `{ companies(first: ${first}, filter: { nameContains: "testapi" }) {
    nodes { name figures(metric: "capex") { amount { amount } sources { snippet source { title } } } } } }`;

  it('reads companies × figures × sources in one statement, however many companies (lookahead)', async () => {
    const small = await gql(yoga, query(5));
    const large = await gql(yoga, query(N));
    expect(large.errors).toBeUndefined();
    expect(large.data?.companies.nodes).toHaveLength(N);
    expect(large.data?.companies.nodes[0].figures).toHaveLength(2);
    expect(large.data?.companies.nodes[0].figures[0].sources[0].source.title).toBe('Test fixture for the API suite');
    expect(large.extensions?.cypher?.statements).toBe(1);
    expect(small.extensions?.cypher?.statements).toBe(large.extensions?.cypher?.statements);
  });
});

describe('search, paths and neighbourhoods', () => {
  it('ranks full-text hits: exact name first, entities before facts, each by score; names, aliases, quotes', async () => {
    const res = await gql(
      yoga,
      '{ search(query: "bytedance", first: 20) { score exactMatch node { __typename ... on Entity { key } ... on Assertion { kind } } } }',
    );
    const hits = res.data?.search as any[];
    expect(hits[0]).toMatchObject({ exactMatch: true, node: { key: 'company:bytedance' } });
    const entities = hits.slice(1).filter((h) => h.node.key);
    const facts = hits.filter((h) => h.node.kind);
    expect(hits.slice(1)).toEqual([...entities, ...facts]);
    for (const group of [entities, facts])
      expect(group.map((h) => h.score)).toEqual([...group.map((h) => h.score)].sort((a, b) => b - a));
    const native = await gql(
      yoga,
      '{ search(query: "阿里巴巴", types: [Company]) { node { ... on Entity { key } } } }',
    );
    expect(native.data?.search[0].node.key).toBe('company:alibaba');
    const quote = await gql(yoga, '{ search(query: "full capacity", types: [Claim, Quote]) { node { __typename } } }');
    expect(quote.data?.search.length).toBeGreaterThan(0);
    const injection = await gql(yoga, '{ search(query: "\\") OR 1=1 //*:*") { score } }');
    expect(injection.errors).toBeUndefined();
  });

  it('finds a path from ByteDance to Nvidia through facts, never through sources', async () => {
    const res = await gql(
      yoga,
      `{ paths(from: "company:bytedance", to: "company:nvidia", maxHops: 4) {
      length nodes { __typename ... on Entity { key } ... on Assertion { key } } relationships { type fromKey toKey } } }`,
    );
    const paths = res.data?.paths as any[];
    // One shortest path, of length 2, through the H20 forecast that concerns both.
    expect(paths.map((p) => p.nodes.map((n: any) => n.key))).toEqual([
      ['company:bytedance', 'fact:h20-shipments-china-forecast', 'company:nvidia'],
    ]);
    expect(paths.map((p) => p.length)).toEqual([2]);
    for (const p of paths) {
      expect(p.nodes[0].key).toBe('company:bytedance');
      expect(p.nodes.at(-1).key).toBe('company:nvidia');
      expect(p.relationships).toHaveLength(p.length);
      expect(p.nodes.map((n: any) => n.__typename)).not.toContain('Source');
    }
    // Two entity keys as given: one statement; a name is resolved first (a second statement), same answer.
    expect(res.extensions?.cypher?.statements).toBe(1);
    const byName = await gql(yoga, `{ paths(from: "bytedance", to: "company:nvidia", maxHops: 4) { nodes { id } } }`);
    expect(byName.data?.paths).toHaveLength(1);
    expect(byName.extensions?.cypher?.statements).toBe(3);
  });

  it('answers no path, not an error, when both ends are one entity (by key or by name)', async () => {
    for (const [from, search] of [
      ['company:nvidia', 'SHORTEST'],
      ['nvidia', 'SHORTEST'],
      ['company:nvidia', 'RANKED'],
    ]) {
      const res = await gql(yoga, `{ paths(from: "${from}", to: "company:nvidia", search: ${search}) { length } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.paths).toEqual([]);
    }
  });

  it('draws the neighbourhood of an entity as nodes and edges', async () => {
    const res = await gql(
      yoga,
      '{ neighborhood(key: "place:my-johor", depth: 2, limit: 30) { nodes { id } relationships { type fromId toId } } }',
    );
    const g = res.data?.neighborhood;
    const ids = new Set(g.nodes.map((n: any) => n.id));
    expect(ids.size).toBeGreaterThan(2);
    for (const r of g.relationships) {
      expect(ids.has(r.fromId)).toBe(true);
      expect(ids.has(r.toId)).toBe(true);
    }
  });
});

describe('research views', () => {
  it('ranks capex growth by company and sums by country without mixing currencies', async () => {
    const res = await gql(
      yoga,
      `{
      metricByCompany(metric: "capex", periodYear: 2024, periodType: H1) { rows { company { key } growthRank impliedPriorAmount { amount mode } } }
      metricByCountry(metric: "capex", periodYear: 2024, periodType: H1) { rows { country { key } total { amount currency mode } companies } }
    }`,
    );
    const ranked = res.data?.metricByCompany.rows as any[];
    expect(ranked.slice(0, 3).map((r) => [r.company.key, r.growthRank])).toEqual([
      ['company:tencent', 1],
      ['company:alibaba', 2],
      ['company:baidu', 3],
    ]);
    expect(ranked[1].impliedPriorAmount.mode).toBe('derived');
    const china = res.data?.metricByCountry.rows.find((c: any) => c.country?.key === 'place:cn');
    expect(china).toEqual({
      country: { key: 'place:cn' },
      total: { amount: '50200000000', currency: 'CNY', mode: 'derived' },
      companies: 3,
    });
    const alone = await gql(
      yoga,
      '{ metricByCountry(metric: "capex", periodYear: 2024) { rows { country { key name } companies } } }',
    );
    expect(alone.data?.metricByCountry.rows.find((c: any) => c.country?.key === 'place:cn').country.name).toBe('China');
    expect(alone.extensions?.cypher?.statements).toBe(1);
  });
});
