import { execute, type GraphQLNamedType, type GraphQLObjectType, isObjectType, parse } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { createLoaders } from '../src/loaders/index.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { schema } from '../src/schema/index.ts';
import { READS } from '../src/schema/lookahead.ts';
import { gql, testApp } from './helpers/app.ts';

/**
 * Entities and sources are read with only the properties their selected fields read (`reads` on each field,
 * src/schema/lookahead.ts), as facts are. What each statement is asked for is observed on the repository/loader
 * call the resolvers make; that the answers stay whole is checked against a real Neo4j, including documents that
 * select few fields of a node in one place and more in another (a projected row must never answer a load that
 * needs other properties).
 */
const { database, yoga } = testApp();
afterAll(() => database.close());

const ARTICLE = 'source:panfinance-chinese-tech-giants-ai-investment';
const PUBLISHER = 'organization:pan-finance';
const BASE = ['key', 'kind', 'name'];

/** Runs a document on the schema with a context whose repositories/loaders only record what they were asked. */
async function run(document: string, contextValue: Record<string, unknown>) {
  const result = await execute({ schema, document: parse(document), contextValue });
  expect(result.errors).toBeUndefined();
  return result;
}

describe('projection: what the statements are asked for', () => {
  it('entity(key:) reads the properties its selection reads; `properties` (every property) reads it whole', async () => {
    const planned: unknown[] = [];
    const contextValue = {
      loaders: {
        entityWithFacts: (_key: string, _facts: unknown[], props: unknown) => {
          planned.push(props);
          return null;
        },
        keyResolution: {
          load: async (key: string) => ({ key, resolved: null, byName: false, ambiguous: false, suggestions: [] }),
        },
      },
    };
    await run(
      '{ entity(key: "company:x") { __typename key aliases ... on Company { units { name } } } }',
      contextValue,
    );
    await run('{ entity(key: "company:x") { id description textOrigins { field } firstSeen } }', contextValue);
    await run('{ entity(key: "company:x", asOf: "2026-01-01") { name } }', contextValue);
    await run('{ entity(key: "company:x") { name properties { name value } } }', contextValue);
    expect(planned).toEqual([
      ['aliases', 'key', 'kind', 'name'],
      [
        'curator',
        'description',
        'firstSeen',
        'key',
        'kind',
        'name',
        'verbatimEnds',
        'verbatimFields',
        'verbatimSources',
        'verbatimStarts',
      ],
      // as of an instant, whether it existed then comes from firstSeen
      ['firstSeen', 'key', 'kind', 'name'],
      null,
    ]);
  });

  it('an entity page reads what nodes and edges.node read, and each support’s source what `source` reads', async () => {
    const planned: { props: unknown; sourceProps: unknown[] }[] = [];
    const contextValue = {
      repos: {
        entities: {
          page: (req: { props: unknown; facts: { sourceProps: unknown }[] }) => {
            planned.push({ props: req.props, sourceProps: req.facts.map((f) => f.sourceProps) });
            return [];
          },
          count: () => 0,
        },
      },
      loaders: { withFacts: (_facts: unknown, rows: unknown[]) => rows },
      limits: { maxPageSize: 100 },
    };
    await run(
      `{ companies(first: 2) { nodes { key wikidata facts(first: 1) { sources { source { title url } } } }
        edges { node { lastSeen } } } }`,
      contextValue,
    );
    await run('{ companies(first: 2) { nodes { facts(first: 1) { key sources { snippet } } } } }', contextValue);
    await run('{ companies(first: 2) { nodes { facts(first: 1) { sources { source { note } } } } } }', contextValue);
    expect(planned).toEqual([
      { props: ['key', 'kind', 'lastSeen', 'name', 'wikidata'], sourceProps: [['key', 'title', 'url']] },
      { props: BASE, sourceProps: [['key']] },
      { props: BASE, sourceProps: [['key', 'note']] },
    ]);
  });

  it('links, participants, sources, source(key:) and metricByCountry’s countries read only what is selected', async () => {
    const links: unknown[] = [];
    const sources: unknown[] = [];
    const countries: unknown[] = [];
    const participants: unknown[] = [];
    const contextValue = {
      loaders: {
        entityWithFacts: async () => ({ key: 'place:x', kind: 'Place', name: 'X' }),
        assertion: { load: async () => ({ key: 'fact:x', kind: 'FinancialFigure', mode: 'reported', summary: 'X' }) },
        rolesWith: async (_key: string, props: unknown) => {
          participants.push(props);
          return [];
        },
        links: async (_key: string, _type: string, _direction: string, _limit: number, props: unknown) => {
          links.push(props);
          return [];
        },
        sourceWith: async (_key: string, props: unknown) => {
          sources.push(props);
          return null;
        },
      },
      repos: {
        sources: {
          page: (_title: unknown, _after: unknown, _limit: unknown, props: unknown) => {
            sources.push(props);
            return [];
          },
          count: () => 0,
        },
        research: {
          totalsByCountry: async (...args: unknown[]) => {
            countries.push(args[7]);
            return [{ country: null }];
          },
        },
      },
      limits: { maxPageSize: 100 },
    };
    await run(
      '{ entity(key: "place:x") { ... on Place { parent { name } subPlaces { key description } } } }',
      contextValue,
    );
    await run(
      '{ sources(first: 2) { nodes { title publisher { key } } edges { node { history { at } } } } }',
      contextValue,
    );
    await run('{ source(key: "source:x") { hasText author { name } } }', contextValue);
    await run('{ metricByCountry(metric: "capex") { rows { country { key wikidata } } } }', contextValue);
    await run(
      `{ assertion(key: "fact:x") { participants { role entity { wikidata } }
        ... on FinancialFigure { company { description } } } }`,
      contextValue,
    );
    expect(links).toEqual([BASE, ['description', 'key', 'kind', 'name']]);
    expect(sources).toEqual([
      ['key', 'publisherKey', 'title'],
      ['curator', 'key', 'note', 'textSha256'],
    ]);
    expect(countries).toEqual([['key', 'kind', 'name', 'wikidata']]);
    expect(participants).toEqual([
      ['key', 'kind', 'name', 'wikidata'],
      ['description', 'key', 'kind', 'name'],
    ]);
  });

  it('knows what every field of every entity type and of Source reads (`properties` reads the whole entity)', () => {
    const entityTypes = Object.values(schema.getTypeMap()).filter(
      (t: GraphQLNamedType): t is GraphQLObjectType =>
        isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Entity'),
    );
    const types = [...entityTypes, schema.getType('Source') as GraphQLObjectType];
    const silent = types.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => !Array.isArray(field.extensions?.[READS]))
        .map((field) => `${type.name}.${field.name}`),
    );
    expect(entityTypes.length).toBe(7);
    expect(silent).toEqual(entityTypes.map((t) => `${t.name}.properties`));
  });
});

describe('projection: answers stay whole', () => {
  /**
   * The node's stored properties, read directly (independent of the service's statements), but `createdAt`, which
   * the service never reads (its statements blank it).
   */
  async function stored(label: 'Entity' | 'Source', key: string) {
    const [row] = await database
      .scope('test-projection')
      .read<{ props: Record<string, unknown> }>(
        { name: 'test/projection-stored', text: `MATCH (n:${label} {key: $key}) RETURN properties(n) AS props` },
        { key },
      );
    const { createdAt: _never, ...props } = row!.props;
    return props;
  }

  it('a few fields of an entity in one place and many elsewhere in the same document: each answered whole', async () => {
    const MANY = `key name kind aliases wikidata description properties { name value }`;
    const res = await gql(
      yoga,
      `{ few: entity(key: "place:my-johor") { key }
         many: entity(key: "place:my-johor") { ${MANY} }
         fewPlaces: places(first: 20) { nodes { key } }
         manyPlaces: places(first: 20) { nodes { ${MANY} ... on Place { parent { key } subPlaces { ${MANY} } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const johor = await stored('Entity', 'place:my-johor');
    expect(res.data?.few).toEqual({ key: 'place:my-johor' });
    expect(res.data?.many).toMatchObject({ name: johor.name, aliases: johor.aliases, wikidata: johor.wikidata });
    expect(res.data?.many.properties).toContainEqual({ name: 'iso3166_2', value: 'MY-01' });
    const manyPlaces = res.data?.manyPlaces.nodes;
    expect(manyPlaces.map((p: any) => p.key)).toEqual(res.data?.fewPlaces.nodes.map((p: any) => p.key));
    expect(manyPlaces.find((p: any) => p.key === 'place:my-johor')).toMatchObject(res.data?.many);
    const malaysia = manyPlaces.find((p: any) => p.key === 'place:my');
    expect(malaysia.subPlaces.find((p: any) => p.key === 'place:my-johor')).toEqual(res.data?.many);
    for (const place of manyPlaces) {
      const props = await stored('Entity', place.key);
      expect(place.name).toBe(props.name);
      expect(place.wikidata).toBe(props.wikidata ?? null);
      expect(place.description).toBe(props.description ?? null);
      expect(place.aliases).toEqual(props.aliases ?? []);
    }
  });

  it('a source read with few properties, then whole, and supports read with different source fields', async () => {
    const res = await gql(
      yoga,
      `{ few: source(key: "${ARTICLE}") { key }
         many: source(key: "${ARTICLE}") { title kind contentHash note hasText publisher { key name } }
         entity(key: "company:bytedance") { ... on Company {
           bare: figures(first: 3) { key sources { source { key } } }
           full: figures(first: 3) { key sources { source { key title contentHash note } } }
           mixed: facts(first: 3) { __typename key sources { source { key } } ... on FinancialFigure { sources { source { title } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const article = await stored('Source', ARTICLE);
    expect(res.data?.few).toEqual({ key: ARTICLE });
    expect(res.data?.many).toEqual({
      title: article.title,
      kind: article.kind,
      contentHash: article.contentHash,
      note: article.note,
      hasText: typeof article.textSha256 === 'string',
      publisher: { key: PUBLISHER, name: (await stored('Entity', PUBLISHER)).name },
    });
    const { bare, full, mixed } = res.data!.entity;
    expect(full.map((f: any) => f.key)).toEqual(bare.map((f: any) => f.key));
    expect(full.length).toBeGreaterThan(0);
    for (const fact of full) {
      expect(fact.sources.length).toBeGreaterThan(0);
      for (const { source } of fact.sources) {
        expect(source.key).toBe(ARTICLE);
        expect(source).toEqual({
          key: ARTICLE,
          title: article.title,
          contentHash: article.contentHash,
          note: article.note,
        });
      }
    }
    expect(mixed.some((f: any) => f.__typename === 'FinancialFigure')).toBe(true);
    for (const fact of mixed) {
      const expected =
        fact.__typename === 'FinancialFigure' ? { key: ARTICLE, title: article.title } : { key: ARTICLE };
      for (const { source } of fact.sources) expect(source).toEqual(expected);
    }
  });

  it('a fact’s participants with few properties in one place and whole in another', async () => {
    const res = await gql(
      yoga,
      `{ entity(key: "company:bytedance") { ... on Company {
         few: figures(first: 3) { key company { key } participants { entity { name } } }
         many: figures(first: 3) { key company { key name aliases wikidata description properties { name value } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const bytedance = await stored('Entity', 'company:bytedance');
    const { few, many } = res.data!.entity;
    expect(few.length).toBeGreaterThan(0);
    expect(many.map((f: any) => f.key)).toEqual(few.map((f: any) => f.key));
    for (const fact of few) {
      expect(fact.company).toEqual({ key: 'company:bytedance' });
      expect(fact.participants.map((p: any) => p.entity.name)).toContain(bytedance.name);
    }
    for (const fact of many) {
      expect(fact.company).toMatchObject({
        key: 'company:bytedance',
        name: bytedance.name,
        aliases: bytedance.aliases ?? [],
        wikidata: bytedance.wikidata ?? null,
        description: bytedance.description ?? null,
      });
    }
  });

  it('never lets a projected row answer a later load by key in the same request (the loaders, on Neo4j)', async () => {
    const loaders = createLoaders(createRepositories(database.scope('test-projection-loaders')));
    const few = await loaders.entityWithFacts(PUBLISHER, [], ['key', 'kind', 'name']);
    expect(Object.keys(few ?? {}).sort()).toEqual(BASE);
    const whole = await loaders.entity.load(PUBLISHER);
    expect(whole).toMatchObject(await stored('Entity', PUBLISHER));

    const source = await loaders.sourceWith(ARTICLE, ['key']);
    expect(source).toEqual({ key: ARTICLE });
    expect(await loaders.source.load(ARTICLE)).toMatchObject({
      ...(await stored('Source', ARTICLE)),
      publisherKey: PUBLISHER,
    });

    const figuresQuery = {
      roles: ['SUBJECT'],
      kinds: ['FinancialFigure'],
      metric: null,
      ranks: null,
      limit: 2,
      withSources: true,
      withRoles: true,
      props: ['key', 'kind', 'mode', 'summary'],
      sourceProps: ['key'],
      roleProps: ['key', 'kind', 'name'],
      roleSignatures: [['key', 'kind']],
    };
    const page = await loaders.entityWithFacts(
      'company:bytedance',
      // Participants read with `key, kind, name` for fields that load `key, kind` (a role field's signature).
      [figuresQuery],
      ['key', 'kind', 'name'],
    );
    expect(page?.key).toBe('company:bytedance');
    const [figure] = await loaders.involvement('company:bytedance', figuresQuery);
    const projected = await loaders.supports(figure!.key, ['key']);
    expect(projected.map((s) => s.source)).toEqual(projected.map(() => ({ key: ARTICLE })));
    const primed = await loaders.rolesWith(figure!.key, ['key', 'kind']);
    expect(primed.find((r) => r.role === 'SUBJECT')?.entity).toEqual({ key: 'company:bytedance', kind: 'Company' });
    const roles = await loaders.rolesWith(figure!.key, ['key', 'kind', 'name']);
    expect(roles.find((r) => r.role === 'SUBJECT')?.entity).toEqual({
      key: 'company:bytedance',
      kind: 'Company',
      name: (await stored('Entity', 'company:bytedance')).name,
    });
    expect(await loaders.entity.load('company:bytedance')).toMatchObject(await stored('Entity', 'company:bytedance'));
    const wholeRoles = await loaders.roles.load(figure!.key);
    expect(wholeRoles.find((r) => r.role === 'SUBJECT')?.entity).toMatchObject(
      await stored('Entity', 'company:bytedance'),
    );

    const article = await stored('Source', ARTICLE);
    const wholeSupports = await loaders.supports(figure!.key);
    expect(wholeSupports.length).toBe(projected.length);
    for (const { source } of wholeSupports) expect(source).toMatchObject(article);
  });
});
