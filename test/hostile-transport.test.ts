import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/domain/global-id.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql, testApp } from './helpers/app.ts';
import { assertDistinct, expectCase, expectStillServing, type HostileCase } from './helpers/hostile.ts';

/** Hostile transport, GraphQL documents, limits, ids and scalar types against the default server. */
const { database, yoga } = testApp();
/** The seed's fact keys in key order, read from the seed file itself. */
const SEED_FACT_KEYS = readFileSync(SEED_FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { type: string; key: string })
  .filter((l) => l.type === 'assertion')
  .map((l) => l.key)
  .sort();
afterAll(() => database.close());

const json = (body: string): HostileCase['request'] => ({ body, headers: { 'content-type': 'application/json' } });
const nested = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${nested(depth - 1)} }`);
const bigId = (n: number) => Buffer.from(`Company:${'a'.repeat(n)}`).toString('base64url');

const cases: HostileCase[] = [
  // Malformed JSON and bodies
  { name: 'truncated JSON', request: json('{'), expect: { code: 'BAD_REQUEST', status: 400 } },
  { name: 'empty body', request: json(''), expect: { code: 'BAD_REQUEST', status: 400 } },
  { name: 'JSON null', request: json('null'), expect: { code: 'BAD_REQUEST', status: 400 } },
  { name: 'JSON number', request: json('42'), expect: { code: 'BAD_REQUEST', status: 400 } },
  { name: 'JSON string', request: json('"{ __typename }"'), expect: { code: 'BAD_REQUEST', status: 400 } },
  {
    name: 'JSON with trailing garbage',
    request: json('{"query":"{ __typename }"}}}'),
    expect: { code: 'BAD_REQUEST' },
  },
  { name: 'JSON with a NUL byte', request: json('{"query":"{ __typename }\u0000"}'), expect: { code: 'BAD_REQUEST' } },
  {
    name: 'invalid UTF-8 bytes',
    request: { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: { 'content-type': 'application/json' } },
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  { name: 'no query', request: json('{}'), expect: { code: 'BAD_REQUEST' } },
  { name: 'query is a number', request: json('{"query":5}'), expect: { code: 'BAD_REQUEST', status: 400 } },
  { name: 'query is an object', request: json('{"query":{"a":1}}'), expect: { code: 'BAD_REQUEST', status: 400 } },
  {
    name: 'variables is a string',
    request: json('{"query":"{ __typename }","variables":"x"}'),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'variables is an array',
    request: json('{"query":"{ __typename }","variables":[1]}'),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'operationName is a number',
    request: json('{"query":"{ __typename }","operationName":1}'),
    expect: { code: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  },
  {
    name: 'extensions is a string',
    request: json('{"query":"{ __typename }","extensions":"x"}'),
    expect: { code: 'BAD_REQUEST', status: 400 },
  },
  {
    name: 'deeply nested JSON variables',
    request: json(`{"query":"{ __typename }","variables":{"v":${'['.repeat(5000)}${']'.repeat(5000)}}}`),
    expect: { code: 'DATA' },
  },
  // Wrong content types and methods
  {
    name: 'text/plain body',
    request: { body: '{"query":"{ __typename }"}', headers: { 'content-type': 'text/plain' } },
    expect: { code: 'HTTP_415' },
  },
  {
    name: 'application/xml body',
    request: { body: '<query/>', headers: { 'content-type': 'application/xml' } },
    expect: { code: 'HTTP_415' },
  },
  {
    name: 'no content type',
    request: { body: '{"query":"{ __typename }"}', headers: {} },
    expect: { code: 'HTTP_415' },
  },
  { name: 'PUT', request: { method: 'PUT', query: '{ __typename }' }, expect: { code: 'BAD_REQUEST', status: 405 } },
  { name: 'DELETE', request: { method: 'DELETE' }, expect: { code: 'BAD_REQUEST', status: 405 } },
  {
    name: 'mutation over GET',
    request: {
      method: 'GET',
      headers: { accept: 'application/json' },
      search: `query=${encodeURIComponent('mutation { retractAssertion(key: "fact:x", reason: "xyz") { __typename } }')}`,
    },
    expect: { code: 'BAD_REQUEST', status: 405 },
  },
  {
    name: 'GET without a query',
    request: { method: 'GET', headers: { accept: 'application/json' } },
    expect: { code: 'BAD_REQUEST' },
  },
  {
    name: 'GET with malformed variables',
    request: { method: 'GET', headers: { accept: 'application/json' }, search: 'query=%7B__typename%7D&variables=%7B' },
    expect: { code: 'BAD_REQUEST' },
  },
  // Batching attempts
  {
    name: 'batch of two',
    request: json('[{"query":"{ __typename }"},{"query":"{ __typename }"}]'),
    expect: { code: 'BATCHING_LIMIT', status: 400 },
  },
  {
    name: 'batch of 1000',
    request: json(JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ system { version } }' })))),
    expect: { code: 'BATCHING_LIMIT', status: 400 },
  },
  {
    name: 'batch of one',
    request: json('[{"query":"{ __typename }"}]'),
    expect: { code: 'BATCHING_LIMIT', status: 400 },
  },
  // Oversized bodies (default MAX_BODY_BYTES = 100 000)
  {
    name: 'declared 200 kB body',
    request: json(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } })),
    expect: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  },
  {
    name: 'streamed 300 kB body without Content-Length',
    request: {
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(
            JSON.stringify({ query: '{ __typename }', variables: { pad: 'y'.repeat(300_000) } }),
          );
          for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
          controller.close();
        },
      }),
    },
    expect: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  },
  {
    name: 'lying Content-Length',
    request: {
      body: '{"query":"{ __typename }"}',
      headers: { 'content-type': 'application/json', 'content-length': '999999999' },
    },
    expect: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  },
  // Malformed GraphQL
  {
    name: 'unterminated selection',
    request: { query: '{ system { version ' },
    expect: { code: 'GRAPHQL_PARSE_FAILED' },
  },
  {
    name: 'unterminated string',
    request: { query: '{ entity(key: "company:bytedance) { key } }' },
    expect: { code: 'GRAPHQL_PARSE_FAILED' },
  },
  {
    name: 'stray characters',
    request: { query: '{ system { version } } ;;; DROP' },
    expect: { code: 'GRAPHQL_PARSE_FAILED' },
  },
  { name: 'empty document', request: { query: '   ' }, expect: { code: 'GRAPHQL_PARSE_FAILED' } },
  {
    name: 'SDL instead of an operation',
    request: { query: 'type Query { x: Int }' },
    expect: { code: 'OPERATION_RESOLUTION_FAILURE' },
  },
  {
    name: 'unknown field',
    request: { query: '{ nope }' },
    expect: {
      code: 'GRAPHQL_VALIDATION_FAILED',
      check: (b) => expect(b.errors[0].message).not.toMatch(/Did you mean/),
    },
  },
  {
    name: 'unknown nested field',
    request: { query: '{ entity(key: "company:bytedance") { password } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'unknown argument',
    request: { query: '{ entity(key: "company:bytedance", where: "1=1") { key } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'missing required argument',
    request: { query: '{ entity { key } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'selection on a scalar',
    request: { query: '{ system { version { x } } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'no selection on an object',
    request: { query: '{ system }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'fragment cycle',
    request: { query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'self-spreading fragment',
    request: { query: '{ ...A } fragment A on Query { __typename ...A }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  { name: 'unknown fragment', request: { query: '{ ...Missing }' }, expect: { code: 'GRAPHQL_VALIDATION_FAILED' } },
  {
    name: 'fragment on an unknown type',
    request: { query: '{ ...A } fragment A on Nope { __typename }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'two operations without operationName',
    request: { query: 'query A { __typename } query B { __typename }' },
    expect: { code: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  },
  {
    name: 'unknown operationName',
    request: json(JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })),
    expect: { code: 'OPERATION_RESOLUTION_FAILURE', status: 400 },
  },
  {
    name: 'unknown directive',
    request: { query: '{ __typename @evil }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'subscription to a field the schema does not have',
    request: { query: 'subscription { x }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'undeclared variable',
    request: { query: '{ entity(key: $k) { key } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  // Depth, alias, directive and token bombs at the default limits
  {
    name: 'introspection depth bomb',
    request: { query: `{ __type(name: "Query") { ${nested(14)} } }` },
    expect: { code: 'QUERY_TOO_DEEP', status: 400 },
  },
  {
    name: 'graph depth bomb through facts and participants',
    request: {
      query: `{ entity(key: "company:bytedance") { ${'facts(first: 1) { participants { entity { '.repeat(4)}key${' } } }'.repeat(4)} } }`,
    },
    expect: { code: 'QUERY_TOO_DEEP', status: 400 },
  },
  {
    // Fragments do not hide depth (13 levels through 11 spreads).
    name: 'depth hidden in fragments',
    request: {
      query: `{ __type(name: "Query") { ...F0 } } ${Array.from({ length: 11 }, (_, i) => `fragment F${i} on __Type { ofType { ${i === 10 ? 'name' : `...F${i + 1}`} } }`).join(' ')}`,
    },
    expect: { code: 'QUERY_TOO_DEEP', status: 400 },
  },
  {
    name: 'alias bomb (100 aliases)',
    request: { query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: system { version }`).join(' ')} }` },
    expect: { code: 'TOO_MANY_ALIASES' },
  },
  {
    name: 'alias bomb of search',
    request: { query: `{ ${Array.from({ length: 50 }, (_, i) => `s${i}: search(query: "a") { score }`).join(' ')} }` },
    expect: { code: 'TOO_MANY_ALIASES' },
  },
  {
    name: 'directive flood',
    request: { query: `{ __typename ${'@include(if: true) '.repeat(200)} }` },
    expect: { code: 'TOO_MANY_DIRECTIVES' },
  },
  {
    name: 'token flood',
    request: { query: `{ ${'__typename '.repeat(5000)} }` },
    expect: { code: 'TOO_MANY_TOKENS' },
  },
  {
    name: 'cost bomb of wide pages',
    // Connections count the rows the graph holds (10 companies on the seed): facts of facts make it a bomb anyway.
    request: {
      query: `{ companies(first: 100) { nodes { facts(first: 100) { participants { entity { facts(first: 100) { key } } } } } } }`,
    },
    expect: { code: 'QUERY_TOO_COMPLEX', status: 400 },
  },
  {
    name: 'field duplication bomb',
    request: { query: `{ system { ${'version '.repeat(3000)} } }` },
    expect: { code: 'TOO_MANY_TOKENS' },
  },
  // Page sizes and integers
  {
    // The same answer as for a variable: the one page-size rule names the range (the cost counts it at the ceiling).
    name: 'huge first as a literal',
    request: { query: '{ companies(first: 2147483647) { nodes { key } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'huge first as a variable',
    request: { query: 'query($f: Int) { companies(first: $f) { nodes { key } } }', variables: { f: 2147483647 } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'first just above MAX_PAGE_SIZE',
    request: { query: '{ companies(first: 101) { nodes { key } } }' },
    expect: { code: 'BAD_USER_INPUT', check: (b) => expect(b.errors[0].message).toMatch(/MAX_PAGE_SIZE/) },
  },
  {
    name: 'negative first',
    request: { query: '{ assertions(first: -1) { nodes { key } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'negative nested first',
    request: { query: '{ entity(key: "company:bytedance") { facts(first: -1) { key } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'negative first on a source’s facts',
    request: { query: '{ sources(first: 1) { nodes { assertions(first: -5) { key } } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'Int overflow as a literal',
    request: { query: '{ neighborhood(key: "company:bytedance", depth: 99999999999) { nodes { id } } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'Int overflow as a variable',
    request: { query: 'query($f: Int) { companies(first: $f) { nodes { key } } }', variables: { f: 1e12 } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'float for an Int',
    request: { query: 'query($f: Int) { companies(first: $f) { nodes { key } } }', variables: { f: 1.5 } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'string for an Int (variable)',
    request: { query: 'query($f: Int) { companies(first: $f) { nodes { key } } }', variables: { f: '10' } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'string for an Int (literal)',
    request: { query: '{ companies(first: "10") { nodes { key } } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'object for a String',
    request: { query: 'query($k: String!) { entity(key: $k) { key } }', variables: { k: { $ne: null } } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'array for a String',
    request: { query: 'query($k: String!) { entity(key: $k) { key } }', variables: { k: ['company:bytedance'] } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'null for a required String',
    request: { query: 'query($k: String!) { entity(key: $k) { key } }', variables: { k: null } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'unknown enum value',
    request: { query: '{ companies(orderBy: NAME_RANDOM) { nodes { key } } }' },
    expect: { code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    name: 'unknown enum value as a variable',
    request: { query: 'query($o: EntityOrder) { companies(orderBy: $o) { nodes { key } } }', variables: { o: 'DROP' } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'neighborhood depth 1000',
    request: { query: '{ neighborhood(key: "company:bytedance", depth: 1000) { nodes { id } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'neighborhood limit 0',
    request: { query: '{ neighborhood(key: "company:bytedance", limit: 0) { nodes { id } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'neighborhood without key or id',
    request: { query: '{ neighborhood { nodes { id } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'paths maxHops 50',
    request: { query: '{ paths(from: "company:bytedance", to: "company:nvidia", maxHops: 50) { length } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'search first 0',
    request: { query: '{ search(query: "bytedance", first: 0) { score } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'search of blanks only',
    request: { query: '{ search(query: "   ") { score } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'search of Lucene operators only',
    request: { query: '{ search(query: "AND OR NOT") { score } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'cursor that is not base64 JSON',
    request: { query: '{ companies(after: "zzz") { nodes { key } } }' },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'cursor of the wrong arity',
    request: {
      query: `{ companies(after: "${Buffer.from('["a","b","c"]').toString('base64url')}") { nodes { key } } }`,
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'cursor carrying Cypher',
    request: {
      query: `{ assertions(after: "${Buffer.from(JSON.stringify(['"}) MATCH (n) DETACH DELETE n //'])).toString('base64url')}") { nodes { key } } }`,
    },
    expect: {
      code: 'DATA',
      // the cursor is only a value compared with keys: every key sorts after '"', so the whole first page comes
      // back: the graph holds the seed alone (test/setup/fresh-graph.ts), so all 51 of its facts in key order
      check: (b) => expect(b.data.assertions.nodes.map((n: any) => n.key)).toEqual(SEED_FACT_KEYS),
    },
  },
  // Bad Decimal strings
  {
    name: 'Decimal with an exponent',
    request: {
      query: '{ financialFigures(first: 1) { nodes { amount { converted(to: "EUR", rate: "1e5") { rate } } } } }',
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'Decimal as a number literal',
    request: {
      query: '{ financialFigures(first: 1) { nodes { amount { converted(to: "EUR", rate: 0.9) { rate } } } } }',
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'Decimal NaN as a variable',
    request: {
      query:
        'query($r: Decimal) { financialFigures(first: 1) { nodes { amount { converted(to: "EUR", rate: $r) { rate } } } } }',
      variables: { r: 'NaN' },
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'Decimal with a leading zero',
    request: {
      query:
        'query($r: Decimal) { financialFigures(first: 1) { nodes { amount { converted(to: "EUR", rate: $r) { rate } } } } }',
      variables: { r: '007' },
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'Decimal of 41 digits',
    request: {
      query:
        'query($r: Decimal) { financialFigures(first: 1) { nodes { amount { converted(to: "EUR", rate: $r) { rate } } } } }',
      variables: { r: '1'.repeat(41) },
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  // Invalid and foreign global ids
  {
    name: 'id that is not base64url',
    request: { query: '{ node(id: "%%%") { id } }' },
    expect: { code: 'INVALID_ID' },
  },
  {
    name: 'id of a foreign type',
    request: { query: `{ node(id: "${encodeGlobalId('User', '1')}") { id } }` },
    expect: { code: 'INVALID_ID' },
  },
  {
    name: 'id of a Relay type from another API',
    request: { query: `{ node(id: "${Buffer.from('VXNlcjox').toString('base64url')}") { id } }` },
    expect: { code: 'INVALID_ID' },
  },
  {
    name: 'id without a colon',
    request: { query: `{ node(id: "${Buffer.from('nocolon').toString('base64url')}") { id } }` },
    expect: { code: 'INVALID_ID' },
  },
  {
    name: 'id with an empty key',
    request: { query: `{ node(id: "${encodeGlobalId('Company', '')}") { id } }` },
    expect: { code: 'INVALID_ID' },
  },
  { name: 'empty id', request: { query: '{ node(id: "") { id } }' }, expect: { code: 'INVALID_ID' } },
  { name: 'oversized id', request: { query: `{ node(id: "${bigId(2000)}") { id } }` }, expect: { code: 'INVALID_ID' } },
  {
    name: 'id of a well-formed unknown key',
    request: { query: `{ node(id: "${encodeGlobalId('Company', 'company:no-such-thing')}") { id } }` },
    expect: { code: 'EMPTY' },
  },
  {
    name: 'id whose key carries Cypher',
    request: { query: `{ node(id: "${encodeGlobalId('Company', '"}) MATCH (n) DETACH DELETE n //')}") { id } }` },
    expect: { code: 'EMPTY' },
  },
  {
    name: 'nodes with one foreign id among good ones',
    request: {
      query: `{ nodes(ids: ["${encodeGlobalId('Company', 'company:bytedance')}", "${encodeGlobalId('User', '1')}"]) { id } }`,
    },
    expect: { code: 'INVALID_ID' },
  },
  {
    name: 'nodes with 101 ids',
    request: {
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      variables: { ids: Array.from({ length: 101 }, (_, i) => encodeGlobalId('Company', `company:x${i}`)) },
    },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'nodes with a null id',
    request: { query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: [null] } },
    expect: { code: 'BAD_USER_INPUT' },
  },
  {
    name: 'nodes with unknown keys',
    request: {
      query: `{ nodes(ids: ["${encodeGlobalId('Company', 'company:nope-1')}", "${encodeGlobalId('Chip', 'chip:nope-2')}"]) { id } }`,
    },
    expect: { code: 'DATA', check: (b) => expect(b.data.nodes).toEqual([null, null]) },
  },
  {
    name: 'neighborhood of a foreign id',
    request: { query: `{ neighborhood(id: "${encodeGlobalId('User', '1')}") { nodes { id } } }` },
    expect: { code: 'INVALID_ID' },
  },
];

describe('hostile transport, documents, limits, ids and scalars', () => {
  it('has distinct case names', () => {
    assertDistinct(cases);
    expect(cases.length).toBeGreaterThanOrEqual(90);
  });

  for (const c of cases) {
    it(`${c.name} → ${c.expect.code}`, async () => {
      await expectCase(yoga, c);
      await expectStillServing(yoga);
    });
  }
});

describe('hostile requests over a real HTTP port', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(yoga);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(url, { method: 'POST', headers, body });
  const stillServes = async () => {
    const res = await post(JSON.stringify({ query: '{ system { version } }' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.system.version).toBeTruthy();
  };

  it('2 MB body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'z'.repeat(2_000_000) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    await stillServes();
  });

  it('truncated JSON → 400 BAD_REQUEST', async () => {
    const res = await post('{"query": "{ __typ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    await stillServes();
  });

  it('forged bearer token → 401 UNAUTHENTICATED, token not echoed', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      authorization: 'Bearer forged-token-over-http-123',
    });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(text).not.toContain('forged-token-over-http-123');
    await stillServes();
  });

  it('alias bomb → TOO_MANY_ALIASES', async () => {
    const query = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: system { version }`).join(' ')} }`;
    const res = await post(JSON.stringify({ query }));
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('TOO_MANY_ALIASES');
    await stillServes();
  });

  it('a client that hangs up mid-body leaves the server serving', async () => {
    const { request } = await import('node:http');
    await new Promise<void>((done) => {
      const req = request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '5000' },
      });
      req.on('error', () => done());
      req.write('{"query": "{ __typ');
      setTimeout(() => {
        req.destroy();
        done();
      }, 50);
    });
    await stillServes();
  });

  it('ten concurrent hostile requests and a good one', async () => {
    const bad = Array.from({ length: 10 }, (_, i) =>
      post(
        i % 2
          ? '{'
          : JSON.stringify({
              query: `{ ${Array.from({ length: 30 }, (_, j) => `a${j}: system { version }`).join(' ')} }`,
            }),
      ),
    );
    const codes = await Promise.all(
      (await Promise.all(bad)).map(async (r) => ((await r.json()) as any).errors[0].extensions.code),
    );
    expect(new Set(codes)).toEqual(new Set(['BAD_REQUEST', 'TOO_MANY_ALIASES']));
    const good = await gql(yoga, '{ entity(key: "company:bytedance") { key } }');
    expect(good.data?.entity?.key).toBe('company:bytedance');
    await stillServes();
  });
});
