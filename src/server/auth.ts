import { createHash, timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../config/index.ts';
import { ANONYMOUS, type Auth, hasScope } from '../domain/access.ts';
import { isExportPath } from './exports.ts';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** The hash line for API_TOKENS; the token itself never goes into configuration. */
export const tokenConfigLine = (name: string, scopes: string[], token: string) =>
  `${name}:${scopes.join('+')}:${hashToken(token).toString('hex')}`;

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/;

/**
 * 'anonymous' without an Authorization header, the token's identity when it matches a configured
 * hash, 'invalid' otherwise. Every configured hash is compared (in constant time) so the timing
 * says nothing about which one matched.
 */
export function authenticate(header: string | null, config: AuthConfig): Auth | 'invalid' {
  if (header === null || header === '') return ANONYMOUS;
  const token = BEARER.exec(header.trim())?.[1];
  if (!token) return 'invalid';
  const presented = hashToken(token);
  let found: Auth | null = null;
  for (const configured of config.tokens) {
    const expected = Buffer.from(configured.sha256, 'hex');
    if (expected.length === presented.length && timingSafeEqual(expected, presented) && !found) {
      found = { principal: configured.name, scopes: configured.scopes };
    }
  }
  return found ?? 'invalid';
}

/** ctx.auth for the context factory; invalid tokens never get this far (useAuth answers 401). */
export function authOf(request: Request, config: AuthConfig): Auth {
  const auth = authenticate(request.headers.get('authorization'), config);
  return auth === 'invalid' ? ANONYMOUS : auth;
}

function deny(status: 401 | 403, message: string) {
  const code = status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="graphql"' } : {}),
    },
  });
}

/** GraphiQL's HTML page carries no token, so it stays reachable; its requests are checked like any other. */
const isGraphiQLPage = (request: Request) =>
  request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');

/**
 * Before anything is parsed: a presented but unknown token is 401 everywhere on the endpoint and on the exports
 * (GET /export/…, which are reads of the whole graph); with READS_REQUIRE_TOKEN, a request without a token is 401 and
 * a token without `read` is 403. Writes check the `write` scope in their resolvers (requireScope).
 */
export function useAuth(config: AuthConfig, graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      const exporting = isExportPath(url.pathname);
      if (!exporting && (url.pathname !== graphqlEndpoint || isGraphiQLPage(request))) return;
      const auth = authenticate(request.headers.get('authorization'), config);
      if (auth === 'invalid') return endResponse(deny(401, 'The bearer token is not valid'));
      if (!config.readsRequireToken) return;
      if (auth.principal === null) return endResponse(deny(401, 'Reads require a bearer token (READS_REQUIRE_TOKEN)'));
      if (!hasScope(auth, 'read'))
        return endResponse(deny(403, `The token "${auth.principal}" lacks the "read" scope`));
    },
  };
}
