import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';

/** CORS_ORIGINS: an allow-list for browser apps on other origins; credentials only when asked for. */
const APP = 'https://app.example.org';
const OTHER = 'https://evil.example.net';

const { database } = testApp();
afterAll(() => database.close());

function server(env: Record<string, string>) {
  return buildYoga({ database, logger: testApp().yoga.logger as never, apps: loadConfig(env).apps });
}

/** What a browser sends before a cross-origin POST with a JSON body and a bearer token. */
function preflight(yoga: ReturnType<typeof buildYoga>, origin: string) {
  return yoga.fetch('http://localhost/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

function post(yoga: ReturnType<typeof buildYoga>, origin: string) {
  return yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ system { version } }' }),
  });
}

const corsHeaders = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'));

describe('CORS allow-list', () => {
  const yoga = server({ CORS_ORIGINS: `${APP}, http://localhost:5173` });

  it('answers a preflight from an allowed origin naming that origin, without credentials', async () => {
    const response = await preflight(yoga, APP);
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, x-request-id, x-neo4j-bookmarks, if-none-match',
      'access-control-expose-headers':
        'etag, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-cost-limit, ' +
        'ratelimit-cost-remaining, x-request-id, x-neo4j-bookmarks',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  it('gives a second allowed origin its own name back, and another origin no CORS header at all', async () => {
    const local = await preflight(yoga, 'http://localhost:5173');
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const other = await preflight(yoga, OTHER);
    expect(corsHeaders(other)).toEqual({ vary: 'Origin' });
  });

  it('lets an allowed origin read the answer of a real request', async () => {
    const response = await post(yoga, APP);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
    const body = (await response.json()) as { data: { system: { version: string } } };
    expect(body.data.system.version).toBeTruthy();
    // Another origin is still answered (CORS is the browser's rule), but without a header its browser hides it.
    const other = await post(yoga, OTHER);
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('compares origins without regard to case in the configuration', async () => {
    const upper = server({ CORS_ORIGINS: 'HTTPS://APP.EXAMPLE.ORG' });
    expect((await preflight(upper, APP)).headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('CORS defaults and options', () => {
  it('allows no cross-origin access when CORS_ORIGINS is unset (no header, no Vary)', async () => {
    const response = await preflight(server({}), APP);
    expect(corsHeaders(response)).toEqual({});
    const real = await post(server({}), APP);
    expect(corsHeaders(real)).toEqual({});
  });

  it('sends Access-Control-Allow-Credentials only with CORS_CREDENTIALS=true', async () => {
    const yoga = server({ CORS_ORIGINS: APP, CORS_CREDENTIALS: 'true' });
    const response = await preflight(yoga, APP);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('allows any origin with *, naming the caller, never with credentials', async () => {
    const response = await preflight(server({ CORS_ORIGINS: '*' }), OTHER);
    expect(response.headers.get('access-control-allow-origin')).toBe(OTHER);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(() => loadConfig({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toThrow(
      /CORS_CREDENTIALS: cannot be true with CORS_ORIGINS=\*/,
    );
  });

  it('refuses an origin with a path or without a scheme', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.org/' })).toThrow(/CORS_ORIGINS: must be/);
    expect(() => loadConfig({ CORS_ORIGINS: 'app.example.org' })).toThrow(/CORS_ORIGINS: must be/);
  });
});
