import { afterAll, describe, expect, it } from 'vitest';
import { type AuthConfig, loadConfig } from '../src/config/index.ts';
import { ANONYMOUS, requireScope } from '../src/domain/access.ts';
import { authenticate, hashToken, tokenConfigLine } from '../src/server/auth.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';

/** Bearer tokens from configuration (hashes only), 401 vs 403, reads open unless configured. */
const READER = 'reader-token-0123456789';
const WRITER = 'writer-token-abcdefghij';
const ADMIN_ONLY = 'metrics-token-zzzzzzzzz';
const READER_SHA256 = 'b3057e05d75e8cdca4bd6ddd527af736913e8464a7a3d47d7a09389eaa8e1eb4';
const API_TOKENS = [
  tokenConfigLine('reader', ['read'], READER),
  tokenConfigLine('writer', ['write'], WRITER),
  tokenConfigLine('metrics', ['metrics'], ADMIN_ONLY),
].join(',');

const { database } = testApp();
afterAll(() => database.close());

function server(readsRequireToken: boolean) {
  const auth: AuthConfig = loadConfig({ API_TOKENS, READS_REQUIRE_TOKEN: String(readsRequireToken) }).auth;
  return buildYoga({ database, logger: testApp().yoga.logger as never, auth });
}

async function ask(yoga: ReturnType<typeof buildYoga>, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ system { version } }' }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('configuration', () => {
  it('holds only sha256 hashes of the tokens', () => {
    const { tokens } = loadConfig({ API_TOKENS }).auth;
    expect(tokens.map((t) => [t.name, t.scopes])).toEqual([
      ['reader', ['read']],
      ['writer', ['write']],
      ['metrics', ['metrics']],
    ]);
    // sha256 of READER, from `printf '%s' reader-token-0123456789 | sha256sum`.
    expect(tokens[0]!.sha256).toBe(READER_SHA256);
    expect(hashToken(READER).toString('hex')).toBe(READER_SHA256);
    expect(API_TOKENS).not.toContain(READER);
  });

  it('accepts a line written by hand from sha256sum, as an operator would', () => {
    const config = loadConfig({ API_TOKENS: `reader:read:${READER_SHA256}` }).auth;
    expect(authenticate(`Bearer ${READER}`, config)).toEqual({ principal: 'reader', scopes: ['read'] });
    expect(authenticate(`Bearer ${WRITER}`, config)).toBe('invalid');
  });

  it('rejects a malformed API_TOKENS without echoing it', () => {
    expect(() => loadConfig({ API_TOKENS: 'reader:read:not-a-hash-secret' })).toThrow(/API_TOKENS: must be/);
    expect(() => loadConfig({ API_TOKENS: 'reader:read:not-a-hash-secret' })).not.toThrow(/not-a-hash-secret/);
  });
});

describe('authenticate and requireScope', () => {
  const config = loadConfig({ API_TOKENS }).auth;

  it('maps a header to a principal with scopes, anonymous, or invalid', () => {
    expect(authenticate(null, config)).toBe(ANONYMOUS);
    expect(authenticate(`Bearer ${WRITER}`, config)).toEqual({ principal: 'writer', scopes: ['write'] });
    expect(authenticate(`Bearer ${WRITER}x`, config)).toBe('invalid');
    expect(authenticate(`Basic ${WRITER}`, config)).toBe('invalid');
    expect(authenticate('Bearer ', config)).toBe('invalid');
  });

  it('throws UNAUTHENTICATED without a token and FORBIDDEN without the scope', () => {
    expect(() => requireScope({ auth: ANONYMOUS }, 'write')).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(() => requireScope({ auth: { principal: 'reader', scopes: ['read'] } }, 'write')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'The token "reader" lacks the "write" scope' }),
    );
    expect(() => requireScope({ auth: { principal: 'writer', scopes: ['write'] } }, 'write')).not.toThrow();
    expect(() => requireScope({ auth: { principal: 'writer', scopes: ['write'] } }, 'read')).not.toThrow();
  });
});

describe('the server with reads open (default)', () => {
  const yoga = server(false);

  it('answers reads without a token', async () => {
    const { status, body } = await ask(yoga);
    expect(status).toBe(200);
    expect(body.data.system.version).toBeTruthy();
  });

  it('answers 401 UNAUTHENTICATED to an unknown token, without echoing it, and keeps serving', async () => {
    const { status, headers, text, body } = await ask(yoga, bearer('wrong-secret-token-value'));
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(text).not.toContain('wrong-secret-token-value');
    expect((await ask(yoga, bearer(READER))).status).toBe(200);
  });

  it('answers 401 to a malformed Authorization header', async () => {
    const { status, body } = await ask(yoga, { authorization: 'Token abc' });
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the server with READS_REQUIRE_TOKEN=true', () => {
  const yoga = server(true);

  it('answers 401 without a token, before executing anything', async () => {
    const { status, body } = await ask(yoga);
    expect(status).toBe(401);
    expect(body).toEqual({
      errors: [
        { message: 'Reads require a bearer token (READS_REQUIRE_TOKEN)', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it('answers 403 FORBIDDEN to a valid token without the read scope', async () => {
    const { status, text, body } = await ask(yoga, bearer(ADMIN_ONLY));
    expect(status).toBe(403);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(text).not.toContain(ADMIN_ONLY);
  });

  it('answers reads with a read token, and with a write token (write implies read)', async () => {
    for (const token of [READER, WRITER]) {
      const { status, body } = await ask(yoga, bearer(token));
      expect(status).toBe(200);
      expect(body.data.system.version).toBeTruthy();
    }
  });

  it('still serves the GraphiQL page (a browser sends no token; its requests are checked)', async () => {
    const response = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html');
  });
});
