import { readFileSync } from 'node:fs';
import { type GraphQLEnumType, parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { documentCost } from '../src/server/query-cost.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { gql, testApp } from './helpers/app.ts';

/** Issue 15, items 1–5: search finds the article's words, wrong input helps, limits explain, paths, field names. */
const { database, yoga } = testApp();
afterAll(() => database.close());

/** The seed, read here independently of the service: what the expected answers are derived from. */
const SEED = readFileSync('cypher/seed/article.ndjson', 'utf8')
  .split('\n')
  .filter((l) => l.trim().length > 0)
  .map((l) => JSON.parse(l) as Record<string, any>);
const ARTICLE = readFileSync('data/seed/article.txt', 'utf8');
const seedFacts = SEED.filter((r) => r.type === 'assertion');
const seedEntities = SEED.filter((r) => r.type === 'entity');

const HIT =
  '{ score exactMatch matchedAllWords node { __typename ... on Entity { key } ... on Assertion { key } } highlights { field text marked matches { start end } } }';
const search = async (args: string) => {
  const res = await gql(yoga, `{ search(${args}) ${HIT} }`);
  expect(res.errors).toBeUndefined();
  return res.data?.search as any[];
};
const keysOf = (hits: any[]) => hits.map((h) => h.node.key);

describe('search finds the article’s words', () => {
  it('"50 billion yuan" finds the one fact that says it, with the snippet’s words marked', async () => {
    const hits = await search('query: "50 billion yuan"');
    // The only fact whose text or snippets have 50, billion (bn) and yuan (CNY) together.
    const expected = seedFacts
      .filter((f) => {
        const text = JSON.stringify(f).toLowerCase();
        return /\b50\b/.test(text) && /billion|\bbn\b/.test(text) && /yuan|cny/.test(text);
      })
      .map((f) => f.key);
    expect(expected).toEqual(['fact:cn-big3-capex-2024-h1']);
    expect(keysOf(hits)).toEqual(expected);
    const snippet = hits[0].highlights.find((h: any) => h.field === 'snippet');
    expect(ARTICLE).toContain(snippet.text);
    expect(snippet.marked).toContain('<mark>50</mark> <mark>billion</mark> <mark>yuan</mark>');
    for (const m of snippet.matches) expect(snippet.text.slice(m.start, m.end)).toMatch(/^(50|billion|yuan)$/);
    const summary = hits[0].highlights.find((h: any) => h.field === 'summary');
    expect(summary.marked).toContain('<mark>50</mark> <mark>bn</mark> <mark>CNY</mark>');
  });

  it('"yuan" finds every fact in yuan (CNY), through snippets and as-reported amounts', async () => {
    const hits = await search('query: "yuan", first: 100');
    // Facts with yuan or one of its names in a searched text: summary, quote/claim text, as-reported words,
    // attribution, snippets.
    const searched = (f: Record<string, any>) => [
      f.summary,
      f.text,
      f.attribution,
      ...['money', 'reportedConversion', 'change', 'quantity', 'unitPrice'].map((v) => f[v]?.asReported),
      ...f.sources.map((s: any) => s.snippet),
    ];
    const expected = seedFacts
      .filter((f) => searched(f).some((t) => typeof t === 'string' && /\b(yuan|cny|rmb|renminbi)\b/i.test(t)))
      .map((f) => f.key);
    expect(expected.length).toBe(5);
    expect(keysOf(hits).sort()).toEqual(expected.sort());
    expect(hits.every((h) => h.matchedAllWords)).toBe(true);
  });

  it('"Malaysia data centres" puts the data centre first (kind named, British plural), then Malaysia', async () => {
    const hits = await search('query: "Malaysia data centres"');
    expect(keysOf(hits).slice(0, 2)).toEqual(['datacenter:bytedance-johor-projects', 'place:my']);
    expect(keysOf(hits)).toContain('fact:bytedance-johor-datacenter-projects');
    expect(hits[0].highlights[0]).toMatchObject({ field: 'description' });
    expect(hits[0].highlights[0].marked).toContain('<mark>Malaysia</mark>');
  });

  it('"Alibaba" ranks company:alibaba first (an exact alias), and entities before facts', async () => {
    const hits = await search('query: "Alibaba", first: 20');
    expect(hits[0]).toMatchObject({ exactMatch: true, node: { key: 'company:alibaba' } });
    expect(hits.slice(1).every((h) => !h.exactMatch)).toBe(true);
    const kinds = hits.map((h) => (h.node.key.startsWith('fact:') ? 'fact' : 'entity'));
    expect(kinds.lastIndexOf('entity')).toBeLessThan(kinds.indexOf('fact'));
    expect(hits[0].highlights[0]).toEqual({
      field: 'name',
      text: 'Alibaba Group',
      marked: '<mark>Alibaba</mark> Group',
      matches: [{ start: 0, end: 7 }],
    });
  });

  it('matches spelling variants, prefixes, native scripts and phrases; filters by type', async () => {
    // The article writes "emphasised"; the American spelling finds it.
    expect(keysOf(await search('query: "emphasized"'))).toEqual(['fact:eddie-wu-alibaba-focus-ai-demand']);
    expect(keysOf(await search('query: "alibab"'))[0]).toBe('company:alibaba');
    const native = await search('query: "字节跳动"');
    expect(native[0]).toMatchObject({ exactMatch: true, node: { key: 'company:bytedance' } });
    const phrase = await search('query: "\\"parent company of TikTok\\""');
    expect(keysOf(phrase)).toContain('company:bytedance');
    expect(keysOf(phrase).every((k) => k === 'company:bytedance' || k.startsWith('fact:'))).toBe(true);
    const typed = await search('query: "Johor", types: [DataCenter]');
    expect(keysOf(typed)).toEqual(['datacenter:bytedance-johor-projects']);
  });

  it('when no hit has every word, any word may match, and says so', async () => {
    const hits = await search('query: "Tencent Malaysia"');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.matchedAllWords === false)).toBe(true);
    expect(keysOf(hits)).toEqual(expect.arrayContaining(['company:tencent', 'place:my']));
  });
});

describe('wrong input helps', () => {
  it('entity(key:) takes a unique exact name or alias; an unknown key is null, extensions.notFound says why', async () => {
    const byAlias = await gql(yoga, '{ a: entity(key: "alibaba") { key } b: entity(key: "字节跳动") { key } }');
    expect(byAlias.data).toEqual({ a: { key: 'company:alibaba' }, b: { key: 'company:bytedance' } });
    // Asked beside another lookup, the null fails nothing; the notice carries the nearest keys.
    const unknown: any = await gql(
      yoga,
      '{ entity(key: "company:alibab") { key } assertion(key: "fact:alibaba-capex-2024-h1") { key } }',
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ entity: null, assertion: { key: 'fact:alibaba-capex-2024-h1' } });
    expect(unknown.extensions.notFound).toEqual([
      {
        field: 'entity',
        key: 'company:alibab',
        message: 'No entity has the key "company:alibab" (key); did you mean company:alibaba (Alibaba Group)?',
        suggestions: ['company:alibaba'],
      },
    ]);
  });

  it('key arguments take names: paths(from: "bytedance", to: "nvidia"), dataCenters(country: "place:malaysia")', async () => {
    const paths = await gql(yoga, '{ paths(from: "bytedance", to: "nvidia") { length } }');
    expect(paths.data?.paths).toEqual([{ length: 2 }]);
    const dcs = await gql(yoga, '{ dataCenters(filter: {country: "place:malaysia"}) { nodes { key } } }');
    expect(dcs.data?.dataCenters.nodes).toEqual([{ key: 'datacenter:bytedance-johor-projects' }]);
  });

  it('metrics in any case; an unknown metric is BAD_USER_INPUT naming the nearest', async () => {
    const capex = await gql(yoga, '{ metricByCompany(metric: "Capex") { rows { company { key } } } }');
    expect(capex.data?.metricByCompany.rows.map((r: any) => r.company.key)).toEqual([
      'company:tencent',
      'company:alibaba',
      'company:baidu',
    ]);
    const typo = await gql(yoga, '{ metricByCompany(metric: "capx") { rows { company { key } } } }');
    expect(typo.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', suggestions: ['capex'] });
    expect(typo.errors?.[0]?.message).toContain('did you mean capex?');
  });

  it('facts(kinds:) in any case (deprecated), facts(factKinds:) as the enum; an unknown kind names the nearest', async () => {
    const expected = seedFacts
      .filter((f) => f.kind === 'FinancialFigure' && Object.values(f.roles).flat().includes('company:alibaba'))
      .map((f) => f.key)
      .sort();
    const q = (args: string) =>
      gql(yoga, `{ entity(key: "company:alibaba") { ... on Company { facts(${args}) { key } } } }`);
    for (const args of ['kinds: ["financialfigure"]', 'factKinds: [FinancialFigure]']) {
      const res = await q(args);
      expect(res.data?.entity.facts.map((f: any) => f.key).sort(), args).toEqual(expected);
    }
    const wrong = await q('kinds: ["financialfigures"]');
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', suggestions: ['FinancialFigure'] });
  });

  it('vocabulary lists metrics, kinds and roles with the graph’s counts and descriptions', async () => {
    const res = await gql(
      yoga,
      '{ vocabulary { metrics { name count description } factKinds { name count description } entityKinds { name count } roles { name count description } } }',
    );
    const v = res.data?.vocabulary;
    const tally = (values: string[]) => {
      const m = new Map<string, number>();
      for (const x of values) m.set(x, (m.get(x) ?? 0) + 1);
      return m;
    };
    const metrics = tally(seedFacts.filter((f) => f.metric).map((f) => f.metric));
    expect(v.metrics.map((m: any) => [m.name, m.count])).toEqual([...metrics].sort());
    expect(v.metrics.find((m: any) => m.name === 'capex').description).toMatch(/^Capital expenditure/);
    const factKinds = tally(seedFacts.map((f) => f.kind));
    for (const k of v.factKinds) expect(k.count, k.name).toBe(factKinds.get(k.name) ?? 0);
    // Every value of the AssertionKind enum, used or not.
    const enumValues = (schema.getType('AssertionKind') as GraphQLEnumType).getValues().map((e) => e.name);
    expect(v.factKinds.map((k: any) => k.name).sort()).toEqual(enumValues.sort());
    expect(v.factKinds.every((k: any) => typeof k.description === 'string')).toBe(true);
    const entityKinds = tally(seedEntities.map((e) => e.kind));
    expect(
      v.entityKinds
        .map((k: any) => [k.name, k.count])
        .filter(([, c]: any) => c > 0)
        .sort(),
    ).toEqual([...entityKinds].sort());
    const roleCount = (role: string) => seedFacts.reduce((n, f) => n + (f.roles[role]?.length ?? 0), 0);
    for (const r of v.roles) expect(r.count, r.name).toBe(roleCount(r.name));
    expect(v.roles.find((r: any) => r.name === 'SPEAKER').description).toBe('Who said it (quotes, claims).');
  });
});

describe('limits a user can live with', () => {
  const cost = (query: string, sizes?: Map<string, number>) =>
    documentCost({ schema, document: parse(query), maxPageSize: 100, sizes: sizes ?? null });

  it('documentCost counts a connection at no more rows than the graph holds of its type', () => {
    // domiciles (rows) × (1 + nodes: 1 × (1 + key)) = rows × 3.
    const q = '{ domiciles(first: 100) { nodes { key } } }';
    expect(cost(q).cost).toBe(300);
    expect(cost(q, new Map([['Domicile', 8]])).cost).toBe(24);
    expect(cost(q, new Map([['Domicile', 8]])).costliest).toEqual([
      { path: 'domiciles', cost: 24, rows: 8, because: 'first 100; 8 in the graph' },
    ]);
  });

  it('domiciles(first: 100) with a deep selection passes on 8 domiciles; too much names the costliest fields', async () => {
    const deep = (root: string) =>
      `{ ${root}(first: 100) { nodes { key participants { entity { key facts(first: 100) { key summary sources { snippet } } } } } } }`;
    // facts: 100 × (1 + key + summary + sources (1 + snippet)) = 500; entity: 1 + key + 500 = 502; participants:
    // 1 + 502 = 503; nodes: 1 + key + 503 = 505; at its cap domiciles costs 100 × (1 + 505) = 50 600.
    expect(cost(deep('domiciles')).cost).toBe(50_600);
    const ok = await gql(yoga, deep('domiciles'));
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.domiciles.nodes.length).toBe(seedFacts.filter((f) => f.kind === 'Domicile').length);
    const refused = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'cost-test-1' },
      body: JSON.stringify({ query: deep('assertions') }),
    });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as any;
    // 51 facts × 506 = 25 806 > 25 000.
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 51 * 506, max: 25_000 });
    expect(body.errors[0].extensions.costliest.map((f: any) => f.path)).toEqual([
      'assertions',
      'assertions.nodes.participants.entity.facts',
    ]);
    expect(body.errors[0].message).toContain('a smaller `first`/`limit` on assertions or facts');
    expect(body.extensions.requestId).toBe('cost-test-1');
  });

  it('every error response carries requestId, refusals before execution too', async () => {
    const res = await gql(yoga, '{ nope }', {}, { 'x-request-id': 'validation-1' });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.extensions?.requestId).toBe('validation-1');
    const parseError = await gql(yoga, '{ search(', {}, { 'x-request-id': 'parse-1' });
    expect(parseError.extensions?.requestId).toBe('parse-1');
  });
});

describe('paths worth reading', () => {
  const PATH =
    '{ length evidence nodes { ... on Entity { key } ... on Assertion { key } } relationships { type } facts { key sources { snippet } } }';

  it('the description’s example is a real answer: ByteDance → Procurement → Nvidia H20 → MADE_BY → Nvidia', async () => {
    const res = await gql(
      yoga,
      `{ paths(from: "bytedance", to: "nvidia", search: RANKED, throughFactKinds: [Procurement]) ${PATH} }`,
    );
    const procurement = seedFacts.find(
      (f) =>
        f.kind === 'Procurement' &&
        f.roles.SUBJECT.includes('company:bytedance') &&
        f.roles.OBJECT.includes('chip:nvidia-h20'),
    );
    const madeBy = SEED.find((r) => r.type === 'link' && r.rel === 'MADE_BY' && r.from === 'chip:nvidia-h20');
    expect(madeBy?.to).toBe('company:nvidia');
    const [first] = res.data?.paths ?? [];
    expect(first.nodes.map((n: any) => n.key)).toEqual([
      'company:bytedance',
      procurement?.key,
      'chip:nvidia-h20',
      'company:nvidia',
    ]);
    expect(first.relationships.map((r: any) => r.type)).toEqual(['SUBJECT', 'OBJECT', 'MADE_BY']);
    expect(first.evidence).toBe(procurement?.sources.length);
    expect(first.facts.map((f: any) => f.key)).toEqual([procurement?.key]);
    for (const s of first.facts[0].sources) expect(ARTICLE).toContain(s.snippet);
  });

  it('RANKED lists simple paths, shortest first, then best attested; SHORTEST keeps the least length', async () => {
    const ranked = (
      await gql(
        yoga,
        `{ paths(from: "company:bytedance", to: "company:nvidia", search: RANKED, maxHops: 4, first: 25) ${PATH} }`,
      )
    ).data?.paths as any[];
    expect(ranked[0].length).toBe(2);
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1], ranked[i]];
      expect(a.length < b.length || (a.length === b.length && a.evidence >= b.evidence)).toBe(true);
    }
    for (const p of ranked) expect(new Set(p.nodes.map((n: any) => n.key)).size).toBe(p.nodes.length);
    expect(ranked.map((p) => p.nodes.map((n: any) => n.key).join(' '))).toContain(
      'company:bytedance fact:bytedance-major-h20-customer chip:nvidia-h20 company:nvidia',
    );
    const onlyRoles = await gql(
      yoga,
      `{ paths(from: "company:bytedance", to: "company:nvidia", relationshipTypes: [SUBJECT, OBJECT, MADE_BY]) ${PATH} }`,
    );
    expect(onlyRoles.data?.paths.map((p: any) => p.relationships.map((r: any) => r.type))).toEqual([
      ['SUBJECT', 'OBJECT', 'MADE_BY'],
    ]);
  });
});

describe('statement fields that explain themselves', () => {
  it('claimsMade answers as the deprecated statements/claims did; introspection points to it', async () => {
    const res = await gql(
      yoga,
      `{ p: entity(key: "person:james-mitchell") { ... on Person { claims { key } claimsMade { key } } }
         c: entity(key: "company:tencent") { ... on Company { statements { key } claimsMade { key } } } }`,
    );
    const spoken = seedFacts.filter((f) => f.kind === 'Claim' && f.roles.SPEAKER.includes('person:james-mitchell'));
    expect(res.data?.p.claimsMade.map((c: any) => c.key).sort()).toEqual(spoken.map((f) => f.key).sort());
    expect(res.data?.p.claims).toEqual(res.data?.p.claimsMade);
    expect(res.data?.c.statements).toEqual(res.data?.c.claimsMade);
    const company = schema.getType('Company') as any;
    expect(company.getFields().statements.deprecationReason).toMatch(/^Use claimsMade/);
    expect((schema.getType('Person') as any).getFields().claims.deprecationReason).toMatch(/^Use claimsMade/);
  });
});

describe('names several entities share (writes: last in the file)', () => {
  it('a name several entities share resolves none and lists them all', async () => {
    const lines = ['company:test-zeta-one', 'company:test-zeta-two'].map((key) =>
      JSON.stringify({ v: 1, type: 'entity', kind: 'Company', key, name: key, aliases: ['Zeta Shared'], props: {} }),
    );
    await importNdjson(database.scope('test-zeta'), lines.join('\n'));
    const res: any = await gql(yoga, '{ entity(key: "zeta shared") { key } }');
    expect(res.data?.entity).toBeNull();
    expect(res.extensions.notFound[0].suggestions).toEqual(['company:test-zeta-one', 'company:test-zeta-two']);
    expect(res.extensions.notFound[0].message).toContain('several');
    const path = await gql(yoga, '{ paths(from: "zeta shared", to: "company:nvidia") { length } }');
    expect(path.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      suggestions: ['company:test-zeta-one', 'company:test-zeta-two'],
    });
  });
});
