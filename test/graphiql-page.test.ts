import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { ENTITY_KIND_MEANINGS } from '../src/domain/vocabulary.ts';
import { CAPPED_FIRST } from '../src/schema/connection.ts';
import { EXPLORER_PLUGIN_TITLE } from '../src/server/graphiql.ts';
import { testApp } from './helpers/app.ts';
import { findChromium, launchChromium } from './helpers/chromium.ts';
import { showInDocs } from './helpers/docs-pane.ts';

/**
 * GraphiQL in a real browser (CHROMIUM_PATH, a Chromium on PATH, or @sparticuz/chromium from npm; see
 * helpers/chromium.ts): it renders from our own assets, opens the example tabs, runs a query against the
 * real Neo4j, and asks nothing of any other host.
 */
const SHOTS = loadConfig().tests.screenshotDir ?? new URL('.artifacts', import.meta.url).pathname;
const { database, yoga } = testApp();
const server = createServer(yoga);
let browser: Browser;
let base = '';

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await database.close();
});

describe('GraphiQL page', () => {
  it('renders offline, shows the example tabs and runs a query', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const foreign: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    await page.goto(`${base}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    const tabs = await page.locator('.graphiql-tab').count();
    expect(tabs).toBeGreaterThanOrEqual(8);
    const response = page.waitForResponse(
      (r) => r.url().startsWith(`${base}/graphql`) && (r.request().postData() ?? '').includes('CapexRanking'),
    );
    await page.locator('.graphiql-execute-button').click();
    const body = await (await response).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.metricByCompany.rows[0].company.name).toBe('Tencent');
    await page.locator('.result-window').getByText('Tencent').first().waitFor({ timeout: 10_000 });
    expect(foreign).toEqual([]);
  });

  it('opens the explorer beside the editor, and a field ticked there goes into the query', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/graphql`);
    const explorer = page.locator('.graphiql-explorer-root');
    await explorer.waitFor({ timeout: 30_000 });
    expect(EXPLORER_PLUGIN_TITLE).toBe('GraphiQL Explorer');
    // The first tab's query is shown ticked in the explorer; the schema's root fields are listed to tick.
    for (const field of ['metricByCompany', 'search', 'neighborhood', 'paths', 'entity']) {
      await explorer.getByText(field, { exact: true }).first().waitFor();
    }
    await explorer.getByText('system', { exact: true }).click();
    await explorer.getByText('version', { exact: true }).click();
    await page.waitForURL((url) => /\bsystem \{\s*version\s*\}/.test(url.searchParams.get('query') ?? ''));
    const query = new URL(page.url()).searchParams.get('query') ?? '';
    expect(query).toContain('metricByCompany(metric: "capex", periodYear: 2024, periodType: H1)');
    const response = page.waitForResponse(
      (r) => r.url().startsWith(`${base}/graphql`) && (r.request().postData() ?? '').includes('system'),
    );
    await page.locator('.graphiql-execute-button').click();
    const body = await (await response).json();
    expect(body.errors).toBeUndefined();
    expect(body.data.metricByCompany.rows[0].company.name).toBe('Tencent');
    expect(Object.keys(body.data)).toEqual(['metricByCompany', 'system']);
    expect(body.data.system.version).toMatch(/^\d+\.\d+\.\d+$/);
    await page.locator('.result-window').getByText('Tencent').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/graphiql-explorer.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('GraphiQL docs pane', () => {
  it('explains a type and a root field with their descriptions (npm run screenshots keeps both pages)', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${base}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    const pane = page.locator('.graphiql-doc-explorer');
    await showInDocs(page, 'Company');
    const company = (await pane.textContent()) ?? '';
    expect(company).toContain(ENTITY_KIND_MEANINGS.Company.is);
    expect(company).toContain('Keys look like company:bytedance.');
    await page.screenshot({ path: `${SHOTS}/graphiql-docs-company.png` });
    await showInDocs(page, 'Query.metricByCompany');
    const view = (await pane.textContent()) ?? '';
    expect(view).toContain('Research view: each company’s reported figure for a metric');
    // The pane renders descriptions as Markdown: `code` loses its backticks.
    expect(view).toContain(CAPPED_FIRST.description.replace(/`/g, ''));
    expect(view).toContain('Only this period type, e.g. H1; default every period type.');
    await page.screenshot({ path: `${SHOTS}/graphiql-docs-metric-by-company.png` });
    await page.close();
  });
});

describe('choosing the browser', () => {
  it('takes CHROMIUM_PATH first when it is an executable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-path-'));
    try {
      const fake = join(dir, 'my-chromium');
      writeFileSync(fake, '#!/bin/sh\n');
      chmodSync(fake, 0o755);
      const choice = await findChromium(fake);
      expect(choice.via).toBe('CHROMIUM_PATH');
      expect(choice.executablePath).toBe(fake);
      expect(choice.args).toContain('--disable-background-networking');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with the variable named when CHROMIUM_PATH is missing or not executable', async () => {
    await expect(findChromium('/nonexistent/chromium')).rejects.toThrow(
      'CHROMIUM_PATH=/nonexistent/chromium is not an executable file',
    );
    const notExecutable = new URL('../data/README.md', import.meta.url).pathname;
    await expect(findChromium(notExecutable)).rejects.toThrow(
      `CHROMIUM_PATH=${notExecutable} is not an executable file`,
    );
  });
});
