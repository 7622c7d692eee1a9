import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { EXPLORE_CSP } from '../src/server/explore.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { testApp } from './helpers/app.ts';
import { launchChromium } from './helpers/chromium.ts';

/**
 * /explore in a real headless Chromium, as a researcher uses it: search, open, double-click to expand, click a fact
 * and read its source's words, filter, share the URL. Expected figures come from the seed NDJSON and the article
 * text, not from the service. The walks get a generous harness timeout: a loaded 2-core machine is slow, and
 * nothing here measures speed.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const SHOTS = loadConfig().tests.screenshotDir ?? join(ROOT, 'test/.artifacts');
const ARTICLE = readFileSync(join(ROOT, 'data/seed/article.txt'), 'utf8');

interface SeedRecord {
  type: string;
  kind?: string;
  key?: string;
  summary?: string;
  rel?: string;
  from?: string;
  to?: string;
  roles?: Record<string, string[]>;
  period?: { year?: number };
  sources?: { snippet: string; start: number; end: number }[];
}
const SEED: SeedRecord[] = readFileSync(join(ROOT, 'cypher/seed/article.ndjson'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line));
const kindOf = new Map(SEED.filter((r) => r.key && r.kind).map((r) => [r.key, r.kind]));

/** One hop from an entity in the seed: the facts naming it in any role and the entities linked to it. */
function seedNeighbours(key: string) {
  const keys = new Set<string>();
  for (const r of SEED) {
    if (r.type === 'assertion' && Object.values(r.roles ?? {}).some((ks) => ks.includes(key))) keys.add(r.key ?? '');
    if (r.type === 'link' && r.from === key) keys.add(r.to ?? '');
    if (r.type === 'link' && r.to === key) keys.add(r.from ?? '');
  }
  const counts: Record<string, number> = {};
  for (const k of keys) counts[kindOf.get(k) ?? '?'] = (counts[kindOf.get(k) ?? '?'] ?? 0) + 1;
  return { keys: [...keys].sort(), counts };
}

/** "3 neighbours (1 DataCenter, 1 Development, 1 Place)", most frequent kind first, as the page words it. */
function countsText(counts: Record<string, number>) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

const seedFact = (key: string) => SEED.find((r) => r.key === key) as SeedRecord;

const { database, yoga } = testApp();
const READER = 'explore-reader-token-0123456789';
const guarded = buildYoga({
  database,
  logger: yoga.logger as never,
  auth: loadConfig({ API_TOKENS: tokenConfigLine('reader', ['read'], READER), READS_REQUIRE_TOKEN: 'true' }).auth,
});
const servers: Server[] = [createServer(yoga), createServer(guarded)];
let base = '';
let guardedBase = '';
let browser: Browser;

async function listen(server: Server) {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  base = await listen(servers[0] as Server);
  guardedBase = await listen(servers[1] as Server);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((ok) => server.close(ok));
  }
  await database.close();
});

/** A page that records every request to another host, CSP violation and script error. */
async function openPage(url: string) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const problems: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url.slice(0, url.indexOf('/', 8))) && !r.url().startsWith('data:')) {
      problems.push(`foreign request ${r.url()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()} ${m.text()}`);
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await page.goto(url);
  return { page, problems };
}

const nodeKeys = (page: Page) =>
  page.locator('#node-list li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.key).sort());
const hiddenKeys = (page: Page) =>
  page
    .locator('#node-list li.hidden-node')
    .evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.key).sort());
const snippets = (page: Page) => page.locator('#panel .snippet blockquote').allTextContents();

/** Where the canvas draws a node (Cytoscape draws on a canvas, so the page tells; the pointer does the rest). */
async function positionOf(page: Page, key: string) {
  // After the next frames: the canvas may just have been resized (the panel opened) and refitted.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const position = await page.evaluate(
    (k) =>
      (window as unknown as { explore: { graph: { positionOf(k: string): unknown } } }).explore.graph.positionOf(k),
    key,
  );
  expect(position, `${key} is drawn`).not.toBeNull();
  return position as { x: number; y: number };
}

/** Types a query, submits it, and picks the hit whose text starts with `name` and has the kind. */
async function searchAndPick(page: Page, query: string, name: string, kind: string) {
  await page.fill('#search-input', query);
  await page.press('#search-input', 'Enter');
  const hit = page.locator('#search-results button').filter({ hasText: kind }).filter({ hasText: name }).first();
  await hit.waitFor();
  await hit.click();
  await page.locator('#panel h2', { hasText: name }).waitFor();
}

async function doubleClickNode(page: Page, key: string) {
  const { x, y } = await positionOf(page, key);
  await page.mouse.dblclick(x, y);
  await page.waitForURL((url) => url.searchParams.getAll('expand').includes(key));
}

async function clickNode(page: Page, key: string, title: string) {
  const { x, y } = await positionOf(page, key);
  await page.mouse.click(x, y);
  await page.locator('#panel h2', { hasText: title }).waitFor();
  await page.waitForURL((url) => url.searchParams.get('sel') === key);
}

describe('/explore page', () => {
  it('serves the page and the drawing library from this origin, under a CSP, and nothing else', async () => {
    const page = await yoga.fetch('http://localhost/explore');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(EXPLORE_CSP);
    expect(EXPLORE_CSP).toContain("script-src 'self'");
    expect(EXPLORE_CSP).not.toContain('unsafe');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const files = [...html.matchAll(/(?:src|href)="(\/explore\/[^"]+)"/g)].map((m) => m[1] as string);
    const modules = new Set<string>();
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = await (await yoga.fetch(`http://localhost${file}`)).text();
      for (const m of text.matchAll(/from '\.\/([\w-]+\.js)'/g)) modules.add(`/explore/${m[1]}`);
    }
    expect([...modules].sort()).toEqual([
      '/explore/api.js',
      '/explore/graph.js',
      '/explore/panel.js',
      '/explore/url-state.js',
    ]);
    for (const file of [...files, ...modules]) {
      const response = await yoga.fetch(`http://localhost${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type'), file).toMatch(/^(text\/javascript|text\/css); charset=utf-8$/);
      expect(response.headers.get('x-content-type-options'), file).toBe('nosniff');
      const again = await yoga.fetch(`http://localhost${file}`, {
        headers: { 'if-none-match': response.headers.get('etag') ?? '' },
      });
      expect(again.status, file).toBe(304);
    }
    expect(files).toContain('/explore/vendor/cytoscape.min.js');
    expect(files).toContain('/explore/vendor/cytoscape-fcose.js');
    for (const path of [
      '/explore/nope.js',
      '/explore/../package.json',
      '/explore/%2e%2e/package.json',
      '/explore/vendor/',
    ]) {
      expect((await yoga.fetch(`http://localhost${path}`)).status, path).toBe(404);
    }
    expect((await yoga.fetch('http://localhost/explore', { method: 'POST' })).status).toBe(405);
  });

  it('ships only production dependencies, so the Docker image (npm ci --omit=dev) serves the same files', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect(pkg.dependencies.cytoscape).toBe('3.34.4');
    expect(pkg.dependencies['cytoscape-fcose']).toBe('2.2.0');
    for (const name of ['cytoscape', 'cytoscape-fcose', 'cose-base', 'layout-base']) {
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry?.dev, name).toBeUndefined();
      expect(entry?.license, name).toBe('MIT');
    }
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY src \.\/src$/m);
  });

  it('walks Johor: search, open, double-click to expand, read a fact’s source, filter, and reopen the shared URL', async () => {
    const { page, problems } = await openPage(`${base}/explore`);
    await searchAndPick(page, 'Johor', 'Johor', 'Place');
    expect(await page.locator('#panel .key').textContent()).toBe('place:my-johor');
    expect(await nodeKeys(page)).toEqual(['place:my-johor']);

    await doubleClickNode(page, 'place:my-johor');
    const johor = seedNeighbours('place:my-johor');
    expect(johor.keys).toEqual([
      'datacenter:bytedance-johor-projects',
      'fact:bytedance-johor-datacenter-projects',
      'place:my',
    ]);
    expect(await page.locator('#status').textContent()).toBe(
      `Johor: 3 neighbours (${countsText(johor.counts)}), 3 new on the graph, 4 new links.`,
    );
    expect(await nodeKeys(page)).toEqual([...johor.keys, 'place:my-johor'].sort());

    const fact = seedFact('fact:bytedance-johor-datacenter-projects');
    await clickNode(page, 'fact:bytedance-johor-datacenter-projects', 'ByteDance is expanding its computing');
    const words = await snippets(page);
    expect(words).toEqual(fact.sources?.map((s) => s.snippet));
    for (const s of fact.sources ?? []) expect(ARTICLE.slice(s.start, s.end)).toBe(s.snippet);
    const captions = await page.locator('#panel .snippet figcaption').allTextContents();
    expect(captions[0]).toContain('Chinese Tech Giants Boost AI Investment Despite U.S. Sanctions');
    expect(captions[0]).toContain('characters 2111–2156');
    expect(captions[0]).toContain('verified against the stored text');
    expect(await page.locator('#panel .participants li').allTextContents()).toEqual([
      'CONCERNS Johor',
      'OBJECT ByteDance computing-infrastructure projects in Johor',
      'SUBJECT ByteDance',
    ]);
    await page.screenshot({ path: join(SHOTS, 'explore-johor.png') });

    await page.locator('#kinds label', { hasText: 'DataCenter (1)' }).locator('input').uncheck();
    expect(await hiddenKeys(page)).toEqual(['datacenter:bytedance-johor-projects']);
    const shared = page.url();
    expect(new URL(shared).search).toBe(
      '?add=place:my-johor&expand=place:my-johor&hide=DataCenter&sel=fact:bytedance-johor-datacenter-projects',
    );
    expect(problems).toEqual([]);

    // Someone else opens the link: a fresh page, nothing shared but the URL.
    const other = await openPage(shared);
    await other.page.locator('#status', { hasText: 'Shared view: 4 nodes.' }).waitFor();
    expect(await nodeKeys(other.page)).toEqual(await nodeKeys(page));
    expect(await hiddenKeys(other.page)).toEqual(['datacenter:bytedance-johor-projects']);
    expect(await other.page.locator('#panel h2').textContent()).toBe(fact.summary ?? '');
    expect(await snippets(other.page)).toEqual(words);
    expect(await other.page.locator('#kinds label', { hasText: 'DataCenter' }).locator('input').isChecked()).toBe(
      false,
    );
    expect(await other.page.locator('#node-list li[data-key="place:my-johor"] button.small').count()).toBe(0);
    expect(other.page.url()).toBe(shared);
    expect(other.problems).toEqual([]);
    await other.page.close();
    await page.close();
  }, 180_000);

  it('shows ByteDance’s neighbourhood with counts by kind and a fact’s source open', async () => {
    const { page, problems } = await openPage(`${base}/explore`);
    await searchAndPick(page, 'ByteDance', 'ByteDance', 'Company');
    await doubleClickNode(page, 'company:bytedance');
    const bytedance = seedNeighbours('company:bytedance');
    expect(bytedance.keys.length).toBe(12);
    expect(await page.locator('#status').textContent()).toBe(
      `ByteDance: 12 neighbours (${countsText(bytedance.counts)}), 12 new on the graph, 12 new links.`,
    );
    expect(await nodeKeys(page)).toEqual([...bytedance.keys, 'company:bytedance'].sort());
    for (const [kind, n] of Object.entries(bytedance.counts)) {
      await page.locator('#kinds label', { hasText: `${kind} (${n})` }).waitFor();
    }

    const cash = seedFact('fact:bytedance-cash-reserves');
    await clickNode(page, 'fact:bytedance-cash-reserves', 'ByteDance cash reserves');
    expect(await snippets(page)).toEqual(['its substantial cash reserves exceeding $50 billion']);
    expect(ARTICLE.slice(cash.sources?.[0]?.start, cash.sources?.[0]?.end)).toBe(
      'its substantial cash reserves exceeding $50 billion',
    );
    const amount = page.locator('#panel .properties dd').nth(3);
    expect(await page.locator('#panel .properties dt').allTextContents()).toEqual([
      'mode',
      'rank',
      'metric',
      'amount',
      'note',
    ]);
    expect(await amount.textContent()).toBe('more than 50 000 000 000 USD — “exceeding $50 billion”');
    const years = new Set(bytedance.keys.map((k) => seedFact(k)?.period?.year).filter((y) => y !== undefined));
    expect([...years]).toEqual([2024]);
    expect(await page.locator('#period-hint').textContent()).toBe('Every dated fact on the graph is from 2024.');
    expect(await page.locator('#period-sliders').isHidden()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'explore-bytedance.png') });

    // From the fact's panel to an entity on it, then that entity's facts with their words.
    await page.locator('#panel .participants button', { hasText: 'ByteDance' }).click();
    await page.locator('#panel h2', { hasText: /^ByteDance$/ }).waitFor();
    const facts = await page.locator('#panel .facts > li > button.link').allTextContents();
    expect(facts.length).toBe(12);
    expect(facts).toContain(cash.summary);
    expect(await snippets(page)).toContain('its substantial cash reserves exceeding $50 billion');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('hides facts outside the period window set with the slider, and the URL keeps it', async () => {
    const { page, problems } = await openPage(`${base}/explore`);
    await searchAndPick(page, 'Tencent', 'Tencent', 'Company');
    await doubleClickNode(page, 'company:tencent');
    const tencent = seedNeighbours('company:tencent');
    const dated = tencent.keys.filter((k) => seedFact(k)?.period?.year);
    const years = dated.map((k) => seedFact(k).period?.year as number);
    expect(Math.min(...years)).toBe(2023);
    expect(Math.max(...years)).toBe(2024);
    const before2024 = dated.filter((k) => (seedFact(k).period?.year as number) < 2024).sort();
    expect(before2024.length).toBeGreaterThan(0);
    expect(await hiddenKeys(page)).toEqual([]);

    await page.focus('#period-from');
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.searchParams.get('from') === '2024');
    expect(await page.locator('#period-from-value').textContent()).toBe('2024');
    expect(await hiddenKeys(page)).toEqual(before2024);

    const other = await openPage(page.url());
    await other.page.locator('#status', { hasText: 'Shared view:' }).waitFor();
    expect(await hiddenKeys(other.page)).toEqual(before2024);
    expect(await other.page.locator('#period-from').inputValue()).toBe('2024');
    expect([...problems, ...other.problems]).toEqual([]);
    await other.page.close();
    await page.close();
  }, 180_000);

  it('opens what it can of a shared URL (an entity, a fact) and names the key nothing has', async () => {
    const { page, problems } = await openPage(
      `${base}/explore?add=company:nope&add=fact:bytedance-cash-reserves&expand=place:my-johor&sel=place:my-johor`,
    );
    await page.locator('#status.error', { hasText: 'Shared view: 5 nodes; could not open company:nope' }).waitFor();
    expect(await page.locator('#status').textContent()).toBe(
      'Shared view: 5 nodes; could not open company:nope (Nothing has the key company:nope.).',
    );
    expect(await nodeKeys(page)).toEqual(
      [...seedNeighbours('place:my-johor').keys, 'fact:bytedance-cash-reserves', 'place:my-johor'].sort(),
    );
    expect(new URL(page.url()).search).toBe(
      '?add=fact:bytedance-cash-reserves&expand=place:my-johor&sel=place:my-johor',
    );
    expect(await page.locator('#panel h2').textContent()).toBe('Johor');
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it('sends the tab’s token when reads need one, and says so when it is missing', async () => {
    const { page, problems } = await openPage(`${guardedBase}/explore`);
    const authorizations: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) authorizations.push(r.headers().authorization);
    });
    await page.fill('#search-input', 'Johor');
    await page.press('#search-input', 'Enter');
    await page.locator('#status.error', { hasText: 'Set a token with the read scope' }).waitFor();
    await page.click('#token-toggle');
    await page.fill('#token-input', READER);
    await page.click('#token-form button[type=submit]');
    await page.locator('#status', { hasText: 'Token set for this tab.' }).waitFor();
    await searchAndPick(page, 'Johor', 'Johor', 'Place');
    expect(authorizations[0]).toBeUndefined();
    expect(authorizations.slice(1).length).toBeGreaterThanOrEqual(2);
    expect(new Set(authorizations.slice(1))).toEqual(new Set([`Bearer ${READER}`]));
    expect(page.url()).not.toContain(READER);
    // The 401 of the first search is the browser's own console line; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await page.close();
  }, 180_000);
});
