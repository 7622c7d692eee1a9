import { type ExecutionArgs, type ExecutionResult, parse } from 'graphql';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { schema } from '../src/schema/index.ts';
import { useCompiledQueries } from '../src/server/compiled-execution.ts';
import { exampleQueries } from '../src/server/examples.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';

/**
 * GRAPHQL_JIT: queries compiled by graphql-jit answer exactly what graphql-js answers — data, errors with their codes,
 * messages and paths, and the Cypher statements the lookahead saves — on the same graph. graphql-js is the reference.
 */
const neo4j = inject('neo4j');
const database = new Database({ ...loadConfig().neo4j, ...neo4j });
afterAll(() => database.close());
const logger = createLogger('silent');
const compiled = buildYoga({ database, logger, execution: { jit: true } });
const interpreted = buildYoga({ database, logger, execution: { jit: false } });

interface Answer {
  status: number;
  data: unknown;
  errors?: { message: string; code?: string; path?: unknown }[];
  statements?: number;
  notFound?: unknown;
}

async function ask(
  yoga: typeof compiled,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Promise<Answer> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; path?: unknown; extensions?: { code?: string } }[];
    extensions?: { cypher?: { statements: number }; notFound?: unknown };
  };
  return {
    status: response.status,
    data: body.data,
    ...(body.errors
      ? { errors: body.errors.map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })) }
      : {}),
    statements: body.extensions?.cypher?.statements,
    notFound: body.extensions?.notFound,
  };
}

/** Asked twice of the compiled path (compiling, then from its cache) and once of graphql-js: three equal answers. */
async function expectSameAnswer(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const reference = await ask(interpreted, query, variables, operationName);
  expect(await ask(compiled, query, variables, operationName)).toEqual(reference);
  expect(await ask(compiled, query, variables, operationName)).toEqual(reference);
  return reference;
}

describe('compiled queries (GRAPHQL_JIT) answer as graphql-js does', () => {
  for (const { name, query } of exampleQueries()) {
    it(`example ${name}`, async () => {
      await expectSameAnswer(query);
    });
  }

  it('an entity with fragments, aliases and nested facts: the same single statement (the lookahead sees it all)', async () => {
    const answer = await expectSameAnswer(
      `query Page($key: String!, $n: Int) { entity(key: $key) { ...Head ... on Company { latest: facts(first: $n) {
         key summary sources { snippet source { key } } } figures(first: 2) { key } } } }
       fragment Head on Entity { key name kind }`,
      { key: 'company:bytedance', n: 3 },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.statements).toBe(1);
    expect((answer.data as { entity: { key: string } }).entity.key).toBe('company:bytedance');
  });

  it('a document with two operations runs the one named, each time', async () => {
    const document = `query Versions { system { version } } query Names { entity(key: "company:tencent") { name } }`;
    const names = await expectSameAnswer(document, {}, 'Names');
    expect(names.data).toEqual({ entity: { name: 'Tencent' } });
    const versions = await expectSameAnswer(document, {}, 'Versions');
    expect(Object.keys((versions.data as { system: object }).system)).toEqual(['version']);
    expect(await ask(compiled, document, {}, 'Names')).toEqual(names);
  });

  it('a missing, a null and a mistyped variable: the same BAD_USER_INPUT errors', async () => {
    const query =
      'query($key: String!, $n: Int) { entity(key: $key) { key ... on Company { facts(first: $n) { key } } } }';
    const missing = await expectSameAnswer(query, {});
    expect(missing.errors?.[0]?.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0]?.message).toBe('Variable "$key" of required type "String!" was not provided.');
    expect((await expectSameAnswer(query, { key: null })).errors?.[0]?.code).toBe('BAD_USER_INPUT');
    const mistyped = await expectSameAnswer(query, { key: 'company:tencent', n: 'ten' });
    expect(mistyped.errors?.[0]?.code).toBe('BAD_USER_INPUT');
    expect(mistyped.errors?.[0]?.message).toContain('$n');
  });

  it('domain errors keep their code and message, and an unknown key its suggestions', async () => {
    const tooMany = await expectSameAnswer('{ companies(first: 101) { nodes { key } } }');
    expect(tooMany.errors).toEqual([
      {
        message: "first must be between 0 and 100, got 101 (100 is the server's MAX_PAGE_SIZE)",
        code: 'BAD_USER_INPUT',
        // maskError answers a domain error with a new error: message and code, no path (as before this change).
        path: undefined,
      },
    ]);
    const unknown = await expectSameAnswer('{ a: entity(key: "company:bytedanse") { key } b: system { version } }');
    expect((unknown.data as { a: unknown }).a).toBeNull();
    expect(unknown.notFound).toBeDefined();
    const badFilter = await expectSameAnswer('{ claims(filter: { entity: "company:nope-nothing" }) { totalCount } }');
    expect(badFilter.errors?.[0]?.code).toBe('NOT_FOUND');
  });

  it('abstract types: nodes by global id and search hits of every kind', async () => {
    const search = await expectSameAnswer(
      '{ search(query: "Johor") { node { __typename ... on Entity { key } ... on Assertion { key } } } }',
    );
    const hits = (search.data as { search: { node: { __typename: string } }[] }).search;
    expect(hits.length).toBeGreaterThan(0);
    await expectSameAnswer('{ nodes(ids: ["not-an-id"]) { id } }');
  });
});

describe('what is compiled', () => {
  const plugin = useCompiledQueries({ jit: true }, schema);
  const compiles = (source: string) => {
    let replaced = false;
    const args = { schema, document: parse(source), contextValue: {} } as ExecutionArgs;
    const executeFn = (_: ExecutionArgs): ExecutionResult => ({ data: null });
    (plugin.onExecute as (p: unknown) => void)({
      args,
      executeFn,
      setExecuteFn: () => {
        replaced = true;
      },
    });
    return replaced;
  };

  it('queries are, mutations and subscriptions are not; GRAPHQL_JIT=false compiles nothing', () => {
    expect(compiles('{ system { version } }')).toBe(true);
    expect(compiles('mutation { setRank(key: "fact:x", rank: normal, reason: "r") { key } }')).toBe(false);
    expect(compiles('subscription { factChanged { change { seq } } }')).toBe(false);
    expect(useCompiledQueries({ jit: false }, schema)).toEqual({});
  });
});
