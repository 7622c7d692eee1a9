import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { schema } from '../src/schema/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { loadManifest } from '../src/server/trusted-documents.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';

/** Trusted documents: ids from schema/trusted-documents.json run for anyone; TRUSTED_DOCUMENTS_ONLY refuses the rest. */
const READER = 'reader-token-0123456789';
const RESEARCHER = 'research-token-abcdefgh';
const API_TOKENS = [
  tokenConfigLine('reader', ['read'], READER),
  tokenConfigLine('researcher', ['read', 'research'], RESEARCHER),
].join(',');

const MANIFEST_PATH = new URL('../schema/trusted-documents.json', import.meta.url);
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The app example's company list, found by its operation name (the id is whatever the manifest says). */
const [listId, listDocument] = Object.entries(manifest).find(([, doc]) => doc.startsWith('query CompanyList('))!;
const AD_HOC = '{ companies(first: 2) { nodes { key } } }';

const { database } = testApp();
afterAll(() => database.close());

function server(env: Record<string, string>) {
  const config = loadConfig({ API_TOKENS, ...env });
  return buildYoga({ database, logger: testApp().yoga.logger as never, auth: config.auth, apps: config.apps });
}

type Yoga = ReturnType<typeof buildYoga>;
const bearer = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

async function sendText(yoga: Yoga, query: string, variables: Record<string, unknown>, token?: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** As an APQ client sends a persisted query: by GET, the id in `extensions`, no document. */
async function sendId(yoga: Yoga, id: string, variables: Record<string, unknown>, token?: string) {
  const search = new URLSearchParams({
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id } }),
  });
  const response = await yoga.fetch(`http://localhost/graphql?${search}`, {
    headers: { accept: 'application/json', ...bearer(token) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the manifest', () => {
  it('keys every document by the hex sha256 of its text (the APQ id)', () => {
    expect(Object.keys(manifest).length).toBe(3);
    for (const [id, document] of Object.entries(manifest)) expect(id).toBe(sha256(document));
  });

  it('stops the service at start when an id does not match its document or a document is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ [listId]: listDocument.replace('name', 'key') }));
    expect(() => loadManifest(tampered, schema)).toThrow(/is not the sha256 of its document/);
    const stale = join(dir, 'stale.json');
    const document = '{ companies { nodes { revenue } } }';
    writeFileSync(stale, JSON.stringify({ [sha256(document)]: document }));
    expect(() => loadManifest(stale, schema)).toThrow(
      /does not validate against the schema: Cannot query field "revenue"/,
    );
    expect(() => loadManifest(join(dir, 'missing.json'), schema)).toThrow(/Cannot read the trusted documents/);
  });
});

describe('trusted documents alongside ad-hoc documents (the default)', () => {
  const yoga = server({});

  it('runs a manifest id sent by GET, answering what the same document sent as text answers', async () => {
    const variables = { first: 2, after: null };
    const byId = await sendId(yoga, listId, variables);
    const byText = await sendText(yoga, listDocument, variables);
    expect(byId.status).toBe(200);
    expect(byText.body.errors).toBeUndefined();
    expect(byId.body.data).toEqual(byText.body.data);
    expect(byId.body.data.companies.nodes).toHaveLength(2);
  });

  it('answers an unknown id PERSISTED_QUERY_NOT_FOUND, as APQ clients expect', async () => {
    const response = await sendId(yoga, sha256('{ __typename }'), {});
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
    ]);
  });

  it('still runs a document sent as text by anyone', async () => {
    const response = await sendText(yoga, AD_HOC, {});
    expect(response.status).toBe(200);
    expect(response.body.data.companies.nodes).toHaveLength(2);
  });
});

describe('TRUSTED_DOCUMENTS_ONLY=true', () => {
  const yoga = server({ TRUSTED_DOCUMENTS_ONLY: 'true' });

  it('refuses an ad-hoc document from an anonymous client and from a read token', async () => {
    for (const token of [undefined, READER]) {
      const response = await sendText(yoga, AD_HOC, {}, token);
      expect(response.status).toBe(403);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors[0].extensions).toEqual({ code: 'TRUSTED_DOCUMENTS_ONLY' });
      expect(response.body.errors[0].message).toMatch(/runs only trusted documents/);
    }
  });

  it('refuses even the text of a trusted document: apps send its id', async () => {
    const response = await sendText(yoga, listDocument, { first: 1 });
    expect(response.status).toBe(403);
  });

  it('refuses an ad-hoc GET too, even one that claims a cached copy (never a 304 in its place)', async () => {
    const url = `http://localhost/graphql?query=${encodeURIComponent(AD_HOC)}`;
    const response = await yoga.fetch(url, { headers: { accept: 'application/json', 'if-none-match': '*' } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('TRUSTED_DOCUMENTS_ONLY');
  });

  it('accepts a manifest id from anyone', async () => {
    const anonymous = await sendId(yoga, listId, { first: 3 });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.errors).toBeUndefined();
    expect(anonymous.body.data.companies.nodes).toHaveLength(3);
    const reader = await sendId(yoga, listId, { first: 3 }, READER);
    expect(reader.body.data).toEqual(anonymous.body.data);
  });

  it('lets a researcher send any document, and keeps the GraphiQL page', async () => {
    const response = await sendText(yoga, AD_HOC, {}, RESEARCHER);
    expect(response.status).toBe(200);
    expect(response.body.data.companies.nodes).toHaveLength(2);
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('YogaGraphiQL.renderYogaGraphiQL');
  });
});
