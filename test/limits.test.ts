import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LimitsConfig, loadConfig } from '../src/config/index.ts';
import { pageSize } from '../src/domain/limits.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';

const { database, yoga: defaultYoga } = testApp();
const defaults = loadConfig().limits;

/** A server where only the given limits are tightened, so each case trips exactly one. */
function yogaWith(limits: Partial<LimitsConfig>) {
  return buildYoga({
    database,
    logger: testApp().yoga.logger as never,
    limits: { ...defaults, ...limits },
  });
}

async function post(yoga: ReturnType<typeof buildYoga>, body: BodyInit, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as any };
}

async function stillServes(yoga: ReturnType<typeof buildYoga>) {
  const result = await gql(yoga, '{ system { version } }');
  expect(result.errors).toBeUndefined();
  expect(result.data?.system.version).toBeTruthy();
}

const nestedType = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${nestedType(depth - 1)} }`);

afterAll(() => database.close());

describe('query limits (graphql-armor) say which limit and keep the server serving', () => {
  it('rejects a depth bomb with QUERY_TOO_DEEP', async () => {
    const yoga = yogaWith({ maxDepth: 5 });
    const result = await gql(yoga, `{ __type(name: "Query") { ${nestedType(8)} } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 5 exceeded.*MAX_QUERY_DEPTH/);
    expect(result.data).toBeUndefined();
    await stillServes(yoga);
  });

  it('counts depth through fragments (a fragment does not hide nesting)', async () => {
    const yoga = yogaWith({ maxDepth: 4 });
    const query = `{ __type(name: "Query") { ...A } }
      fragment A on __Type { ofType { ...B } }
      fragment B on __Type { ofType { ofType { ofType { name } } } }`;
    const result = await gql(yoga, query);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects an alias bomb with TOO_MANY_ALIASES', async () => {
    const yoga = yogaWith({ maxAliases: 3 });
    const aliases = Array.from({ length: 10 }, (_, i) => `a${i}: system { version }`).join(' ');
    const result = await gql(yoga, `{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(result.errors?.[0]?.message).toMatch(/MAX_ALIASES/);
    await stillServes(yoga);
  });

  it('rejects an expensive query with QUERY_TOO_COMPLEX', async () => {
    // 13 values: the cost counts what an answer can hold (src/server/query-cost.ts).
    const yoga = yogaWith({ maxCost: 10 });
    const fields = 'name kind description specifiedByURL';
    const result = await gql(
      yoga,
      `{ __type(name: "Query") { ${fields} fields { name description type { ${fields} } } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toMatch(/MAX_QUERY_COST/);
    await stillServes(yoga);
  });

  it('rejects a token flood with TOO_MANY_TOKENS before parsing it all', async () => {
    const yoga = yogaWith({ maxTokens: 50 });
    const result = await gql(yoga, `{ ${'__typename '.repeat(200)} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_TOKENS');
    expect(result.errors?.[0]?.message).toMatch(/Token limit of 50 exceeded.*MAX_TOKENS/);
    await stillServes(yoga);
  });

  it('rejects a directive flood with TOO_MANY_DIRECTIVES', async () => {
    const yoga = yogaWith({ maxDirectives: 3 });
    const result = await gql(yoga, `{ __typename ${'@include(if: true) '.repeat(10)} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_DIRECTIVES');
    await stillServes(yoga);
  });

  it('lets ordinary queries and GraphiQL introspection through with the default limits', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const result = await gql(defaultYoga, getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    await stillServes(defaultYoga);
  });

  it('hides field suggestions that would map the schema', async () => {
    const result = await gql(defaultYoga, '{ systen { version } }');
    expect(result.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('request body and batching limits', () => {
  it('answers 413 PAYLOAD_TOO_LARGE for a declared oversized body', async () => {
    const yoga = yogaWith({ maxBodyBytes: 2048 });
    const body = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(5000) } });
    const { status, body: json } = await post(yoga, body);
    expect(status).toBe(413);
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(json.errors[0].message).toMatch(/2048 bytes.*MAX_BODY_BYTES/);
    await stillServes(yoga);
  });

  it('answers 413 for a streamed (chunked) body that grows past the limit', async () => {
    const yoga = yogaWith({ maxBodyBytes: 2048 });
    const chunk = new TextEncoder().encode(`{"query":"{ __typename }","variables":{"pad":"${'y'.repeat(4000)}"}}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunk.length; i += 512) controller.enqueue(chunk.slice(i, i + 512));
        controller.close();
      },
    });
    const { status, body } = await post(yoga, stream);
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    await stillServes(yoga);
  });

  describe('over real HTTP', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer(yogaWith({ maxBodyBytes: 4096 }));
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it('rejects a 1 MB body with 413 and still answers the next request', async () => {
      const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'z'.repeat(1_000_000) } });
      const rejected = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(rejected.status).toBe(413);
      expect(((await rejected.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      const ok = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ data: { __typename: 'Query' } });
    });
  });

  it('refuses batched requests by default with BATCHING_LIMIT', async () => {
    const batch = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    const { status, body } = await post(defaultYoga, batch);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BATCHING_LIMIT');
    expect(body.errors[0].message).toMatch(/MAX_BATCH_OPERATIONS=0/);
    await stillServes(defaultYoga);
  });

  it('allows batches up to MAX_BATCH_OPERATIONS when configured, and no more', async () => {
    const yoga = yogaWith({ maxBatchOperations: 2 });
    const two = await post(yoga, JSON.stringify([{ query: '{ a: __typename }' }, { query: '{ b: __typename }' }]));
    expect(two.status).toBe(200);
    expect(two.body).toEqual(
      [{ data: { a: 'Query' } }, { data: { b: 'Query' } }].map((r) => expect.objectContaining(r)),
    );
    const three = await post(yoga, JSON.stringify(Array.from({ length: 3 }, () => ({ query: '{ __typename }' }))));
    expect(three.body.errors[0].extensions.code).toBe('BATCHING_LIMIT');
    expect(three.body.errors[0].message).toMatch(/3 operations; at most 2/);
  });
});

describe('page size', () => {
  it('accepts 0..MAX_PAGE_SIZE and names the limit beyond it', () => {
    expect(pageSize(undefined, 100)).toBe(100);
    expect(pageSize(0, 100)).toBe(0);
    expect(pageSize(100, 100)).toBe(100);
    expect(() => pageSize(101, 100)).toThrow(
      "first must be between 0 and 100, got 101 (100 is the server's MAX_PAGE_SIZE)",
    );
    expect(() => pageSize(-1, 100)).toThrow('first must be between 0 and 100, got -1');
    expect(() => pageSize(0, 100, 1)).toThrow('first must be between 1 and 100, got 0');
    expect(() => pageSize(1e9, 100)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('takes the maximum from the config the server was built with, on every root connection and capped view', async () => {
    const yoga = yogaWith({ maxPageSize: 3 });
    for (const root of ['companies', 'sources', 'assertions', 'financialFigures']) {
      const above = await gql(yoga, `{ ${root}(first: 4) { totalCount } }`);
      expect(above.errors?.[0]?.extensions?.code, root).toBe('BAD_USER_INPUT');
      expect(above.errors?.[0]?.message, root).toBe(
        "first must be between 0 and 3, got 4 (3 is the server's MAX_PAGE_SIZE)",
      );
    }
    // The capped research views: the same rule, the same message (their `first` starts at 1).
    for (const view of [
      'metricByCompany(metric: "capex", first: 4)',
      'metricByCountry(metric: "capex", first: 4)',
      'h100eByCountry(first: 4)',
    ]) {
      const above = await gql(yoga, `{ ${view} { truncated } }`);
      expect(above.errors?.[0]?.extensions?.code, view).toBe('BAD_USER_INPUT');
      expect(above.errors?.[0]?.message, view).toBe(
        "first must be between 1 and 3, got 4 (3 is the server's MAX_PAGE_SIZE)",
      );
    }
    // No `first`: the configured maximum (the seed alone has 10 companies).
    const page = await gql<{ companies: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      yoga,
      '{ companies { nodes { key } pageInfo { hasNextPage } } }',
    );
    expect(page.errors).toBeUndefined();
    expect(page.data?.companies.nodes).toHaveLength(3);
    expect(page.data?.companies.pageInfo.hasNextPage).toBe(true);
  });
});
