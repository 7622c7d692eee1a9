import { expect } from 'vitest';
import type { Yoga } from '../../src/server/yoga.ts';

/**
 * Table-driven hostile requests. Every case names the one stable code it must get:
 * - an `extensions.code` of the first top-level error (e.g. BAD_USER_INPUT, QUERY_TOO_DEEP);
 * - `rejected: true` with a WriteRejected code (the mutation's typed failure);
 * - `HTTP_<status>` for transport rejections that carry no GraphQL body (415);
 * - `EMPTY` for a clean not-found / empty answer (null, [] or a page without nodes);
 * - `DATA` for an answer without errors whose content `check` verifies (text stored verbatim).
 */
export interface HostileRequest {
  query?: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** A raw body instead of JSON.stringify({ query, variables }). */
  body?: BodyInit;
  method?: string;
  /** Query string for GET (without "?"). */
  search?: string;
}

export interface HostileExpectation {
  code: string;
  /** HTTP status when it is part of the contract (transport rejections, 401/403/413). */
  status?: number;
  /** The code sits in data[field] as a WriteRejected instead of top-level errors. */
  rejected?: string;
  /** Extra assertions on the parsed body. */
  check?: (body: any) => void | Promise<void>;
}

export interface HostileCase {
  name: string;
  request: HostileRequest;
  expect: HostileExpectation;
}

/** Cypher, Lucene and encoding tricks; each must come back as plain data. */
export const INJECTIONS: Record<string, string> = {
  'detach-delete': '"}) MATCH (n) DETACH DELETE n //',
  'or-1-eq-1': "' OR 1=1 --",
  'key-return': "company:x' RETURN 1 //",
  nul: '\u0000',
  'long-10k': "x' MATCH (n) DELETE n //".repeat(420),
  'rtl-override': '\u202Ecompany:bytedance\u202C',
  'dollar-param': '$param',
  backtick: '`n`}) DETACH DELETE n //',
  'lucene-all': '*:*',
  'open-paren': '(',
  backslash: '\\',
};

export interface Answer {
  status: number;
  text: string;
  body: any;
}

export async function send(yoga: Yoga, request: HostileRequest, base = 'http://localhost/graphql'): Promise<Answer> {
  const method = request.method ?? 'POST';
  const hasBody = method !== 'GET' && method !== 'HEAD' && method !== 'DELETE';
  const body = request.body ?? JSON.stringify({ query: request.query, variables: request.variables ?? {} });
  const response = await yoga.fetch(`${base}${request.search ? `?${request.search}` : ''}`, {
    method,
    headers: {
      ...(hasBody && request.body === undefined ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    },
    ...(hasBody ? { body, duplex: 'half' } : {}),
  } as RequestInit);
  const text = await response.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, text, body: parsed };
}

/** null, [] or objects made only of those: a clean "nothing matched". */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmptyAnswer);
  return false;
}

const LEAKS = [/\bat [\w.<>]+ \(.*:\d+:\d+\)/, /"stacktrace"/i, /Neo4jError/, /Neo\.ClientError/, /node_modules/];

/** Asserts the case's code, that nothing internal leaked, and returns the answer. */
export async function expectCase(yoga: Yoga, c: HostileCase): Promise<Answer> {
  const answer = await send(yoga, c.request);
  for (const leak of LEAKS) expect(answer.text, `leak ${leak}`).not.toMatch(leak);
  const { code, status, rejected, check } = c.expect;
  if (status !== undefined) expect(answer.status, 'HTTP status').toBe(status);
  if (code.startsWith('HTTP_')) {
    expect(answer.status).toBe(Number(code.slice(5)));
  } else if (code === 'EMPTY' || code === 'DATA') {
    expect(answer.body?.errors, JSON.stringify(answer.body?.errors)).toBeUndefined();
    expect(answer.status).toBe(200);
    if (code === 'EMPTY') expect(isEmptyAnswer(answer.body.data), JSON.stringify(answer.body.data)).toBe(true);
  } else if (rejected) {
    expect(answer.body?.errors, JSON.stringify(answer.body?.errors)).toBeUndefined();
    const result = answer.body.data[rejected];
    expect(result.__typename, JSON.stringify(result)).toBe('WriteRejected');
    expect(result.code, result.message).toBe(code);
    expect(result.message.length).toBeGreaterThan(0);
  } else {
    const first = answer.body?.errors?.[0];
    expect(first?.extensions?.code, answer.text.slice(0, 300)).toBe(code);
    expect(first.message.length).toBeGreaterThan(0);
  }
  await check?.(answer.body);
  return answer;
}

/** The server still answers an ordinary query after the case. */
export async function expectStillServing(yoga: Yoga) {
  const { status, body } = await send(yoga, { query: '{ system { version } }' });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data.system.version).toBeTruthy();
}

/** Names must be distinct: each case is its own `it`. */
export function assertDistinct(cases: HostileCase[]) {
  const names = cases.map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
}
