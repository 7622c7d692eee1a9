import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config/index.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { showInDocs } from '../test/helpers/docs-pane.ts';

/**
 * npm run screenshots:docs [-- --url http://127.0.0.1:4000] — GraphiQL's documentation pane on `Company` and on
 * `metricByCompany`, written to docs/screenshots/. Without --url it starts the service in-process the way `npm start`
 * does (NEO4J_URI, else the local Neo4j) on a free port; with --url it uses a service already running there.
 */
const SHOTS = [
  { coordinate: 'Company', file: 'graphiql-docs-company.png' },
  { coordinate: 'Query.metricByCompany', file: 'graphiql-docs-metric-by-company.png' },
];
const OUT = resolve(import.meta.dirname, '../docs/screenshots');

const { values } = parseArgs({ options: { url: { type: 'string' } } });

async function serve(): Promise<{ base: string; stop: () => Promise<void> }> {
  if (values.url) return { base: values.url.replace(/\/$/, ''), stop: async () => {} };
  const app = await createApp(loadConfig());
  const server = createServer(app.yoga);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await app.close();
    },
  };
}

const { base, stop } = await serve();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}/graphql`);
  await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
  mkdirSync(OUT, { recursive: true });
  for (const shot of SHOTS) {
    await showInDocs(page, shot.coordinate);
    const path = resolve(OUT, shot.file);
    await page.screenshot({ path });
    console.log(`wrote ${path} (docs pane on ${shot.coordinate})`);
  }
} finally {
  await browser.close();
  await stop();
}
