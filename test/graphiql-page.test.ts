import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_KIND_MEANINGS } from '../src/domain/vocabulary.ts';
import { CAPPED_FIRST } from '../src/schema/connection.ts';
import { testApp } from './helpers/app.ts';
import { findChromium, launchChromium } from './helpers/chromium.ts';
import { showInDocs } from './helpers/docs-pane.ts';

/**
 * GraphiQL in a real browser (CHROMIUM_PATH, a Chromium on PATH, or @sparticuz/chromium from npm; see
 * helpers/chromium.ts): it renders from our own assets, opens the example tabs, runs a query against the
 * real Neo4j, and asks nothing of any other host.
 */
const { database, yoga } = testApp();
const server = createServer(yoga);
let browser: Browser;
let base = '';

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await database.close();
});

describe('GraphiQL page', () => {
  it('renders offline, shows the example tabs and runs a query', async () => {
    const page = await browser.newPage();
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
    await page.screenshot({ path: 'test/.artifacts/graphiql.png' });
    expect(foreign).toEqual([]);
  });
});

describe('GraphiQL docs pane', () => {
  it('explains a type and a root field with their descriptions (as npm run screenshots:docs shows them)', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/graphql`);
    await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
    const pane = page.locator('.graphiql-doc-explorer');
    await showInDocs(page, 'Company');
    const company = (await pane.textContent()) ?? '';
    expect(company).toContain(ENTITY_KIND_MEANINGS.Company.is);
    expect(company).toContain('Keys look like company:bytedance.');
    await showInDocs(page, 'Query.metricByCompany');
    const view = (await pane.textContent()) ?? '';
    expect(view).toContain('Research view: each company’s reported figure for a metric');
    expect(view).toContain(CAPPED_FIRST.description);
    expect(view).toContain('Only this period type, e.g. H1; default every period type.');
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
