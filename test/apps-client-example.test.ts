import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../examples/app/codegen.ts';
import { APP_DIR, generateAppClient, manifestText, TRUSTED_DOCUMENTS } from '../scripts/app-codegen.ts';
import { loadConfig } from '../src/config/index.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { gql, testApp } from './helpers/app.ts';
import { ROOT } from './helpers/service.ts';

/**
 * The typed client example (examples/app): graphql-codegen's client preset over schema/schema.graphql, its three
 * operations run against the service as an app would, by trusted-document id only. The generated code is not
 * committed: this test generates it, typechecks it and runs it, so a schema change that breaks an operation fails.
 */
const { database } = testApp();
const SCHEMA_SDL = readFileSync(join(ROOT, 'schema/schema.graphql'), 'utf8');
const ARTICLE = readFileSync(join(ROOT, 'data/seed/article.txt'), 'utf8');

/**
 * What the test uses of the example. Its modules import the generated code, so they are loaded only once it exists
 * (by URL: the repository's typecheck must not need generated files); their own types are checked by tsc below.
 */
type Fetch = (input: string, init: RequestInit) => Promise<Response>;
type Request = (...args: never[]) => Promise<unknown>;
interface ClientModule {
  createClient(options: { url: string; fetch: Fetch; persisted?: boolean }): Request;
  GraphQLRequestError: new (...args: never[]) => Error & { status: number; codes: string[] };
}
interface Figure {
  metric: string;
  amount: string | null;
  asReported: string | null;
  changePercent: string | null;
  quotes: { snippet: string; source: string; verified: boolean }[];
}
interface AppModule {
  companyPage(request: Request, key: string): Promise<{ name: string; aliases: string[]; figures: Figure[] } | null>;
  searchScreen(
    request: Request,
    text: string,
    first?: number,
  ): Promise<{ type: string; label: string; score: number }[]>;
  companyListPages(request: Request, pageSize: number): Promise<string[][]>;
}

let manifest: Record<string, string>;
let app: AppModule;
let client: ClientModule;

beforeAll(async () => {
  manifest = await generateAppClient();
  app = await import(/* @vite-ignore */ new URL('../examples/app/src/app.ts', import.meta.url).href);
  client = await import(/* @vite-ignore */ new URL('../examples/app/src/client.ts', import.meta.url).href);
}, 240_000);
afterAll(() => database.close());

/** The service as production runs it for apps: trusted documents only. */
const yoga = buildYoga({
  database,
  logger: testApp().yoga.logger as never,
  apps: loadConfig({ TRUSTED_DOCUMENTS_ONLY: 'true' }).apps,
});
const request = () =>
  client.createClient({ url: 'http://localhost/graphql', fetch: async (input, init) => yoga.fetch(input, init) });

describe('the generated client', () => {
  it('typechecks (tsc over examples/app with the generated code)', async () => {
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const { stdout } = await promisify(execFile)(tsc, ['-p', join(APP_DIR, 'tsconfig.json')], { cwd: ROOT });
    expect(stdout).toBe('');
  });

  it('has the manifest the service loads: schema/trusted-documents.json is what codegen made of the operations', () => {
    expect(
      readFileSync(TRUSTED_DOCUMENTS, 'utf8'),
      'schema/trusted-documents.json is stale: run npm run app:codegen',
    ).toBe(manifestText(manifest));
  });
});

describe('the app, against the service in trusted-documents-only mode', () => {
  it('shows a company page: Tencent and its capex in the words of the article', async () => {
    const page = await app.companyPage(request(), 'company:tencent');
    console.log('[client example] companyPage(company:tencent) →', JSON.stringify(page));
    expect(page?.name).toBe('Tencent');
    expect(page?.aliases).toEqual(expect.arrayContaining(['Tencent Holdings', '腾讯']));
    const capex = page?.figures.find((f) => f.metric === 'capex');
    expect(capex).toMatchObject({ amount: '23000000000 CNY', asReported: '23 billion yuan', changePercent: '176' });
    for (const quote of capex?.quotes ?? []) expect(ARTICLE).toContain(quote.snippet);
    expect(capex?.quotes.length).toBeGreaterThan(0);
    expect(await app.companyPage(request(), 'place:my-johor')).toBeNull();
  });

  it('searches: "Johor" finds the place first', async () => {
    const hits = await app.searchScreen(request(), 'Johor', 3);
    console.log('[client example] searchScreen(Johor) →', JSON.stringify(hits));
    // Ranking and scores are the search's own business (test/examples.test.ts): the app shows what it is given.
    expect(hits[0]).toMatchObject({ type: 'Place', label: 'Johor' });
    expect(hits.map((h) => h.label)).toEqual([
      'Johor',
      'ByteDance computing-infrastructure projects in Johor',
      'ByteDance is expanding its computing infrastructure, including projects in Johor, Malaysia',
    ]);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
  });

  it('pages through the companies list two at a time, ending where the list ends', async () => {
    const pages = await app.companyListPages(request(), 2);
    console.log('[client example] companyListPages(2) →', JSON.stringify(pages));
    // The whole list asked for at once, as text, by the researchers' path: the same names in the same order.
    const all = await gql(
      buildYoga({ database, logger: testApp().yoga.logger as never }),
      '{ companies(first: 100) { nodes { name } } }',
    );
    const names = (all.data!.companies.nodes as { name: string }[]).map((c) => c.name);
    expect(pages.flat()).toEqual(names);
    expect(pages).toHaveLength(Math.ceil(names.length / 2));
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(2);
  });

  it('gets the service error codes back, typed', async () => {
    const refused = client.createClient({
      url: 'http://localhost/graphql',
      fetch: async (input, init) => yoga.fetch(input, init),
      persisted: false,
    });
    const error = await app.companyPage(refused, 'company:tencent').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.GraphQLRequestError);
    expect((error as { codes: string[] }).codes).toEqual(['TRUSTED_DOCUMENTS_ONLY']);
    expect((error as { status: number }).status).toBe(403);
  });
});

describe('a schema change that breaks an operation', () => {
  it('fails code generation, naming the operation and the field', async () => {
    // What a careless rename would do: `companies` becomes `organisations`.
    const broken = SCHEMA_SDL.replace(/^ {2}companies\(/m, '  organisations(');
    expect(broken).not.toBe(SCHEMA_SDL);
    const run = generate({ ...codegenConfig, schema: broken, cwd: APP_DIR, silent: true }, false);
    await expect(run).rejects.toThrow(/Cannot query field "companies" on type "Query"/);
  });
});
