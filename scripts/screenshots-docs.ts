import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config/index.ts';
import { freePort, type LocalNeo4j, startLocalNeo4j } from '../src/devdb/local-neo4j.ts';
import { launchChromium } from '../test/helpers/chromium.ts';
import { showInDocs } from '../test/helpers/docs-pane.ts';

/**
 * npm run screenshots:docs [-- --url http://127.0.0.1:4000] — GraphiQL's documentation pane on `Company` and on
 * `metricByCompany`, written to docs/screenshots/. With --url it uses a service already running there; without, it starts
 * the service in-process on a free port, on NEO4J_URI when set, else on a throwaway local Neo4j (a temporary database
 * on a free port, given up to 10 minutes to start on a loaded machine).
 */
const SHOTS = [
  { coordinate: 'Company', file: 'graphiql-docs-company.png' },
  { coordinate: 'Query.metricByCompany', file: 'graphiql-docs-metric-by-company.png' },
];
const OUT = resolve(import.meta.dirname, '../docs/screenshots');

const { values } = parseArgs({ options: { url: { type: 'string' } } });

async function serve(): Promise<{ base: string; stop: () => Promise<void> }> {
  if (values.url) return { base: values.url.replace(/\/$/, ''), stop: async () => {} };
  const config = loadConfig();
  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  if (!config.neo4j.uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'ai-infra-graph-screenshots-'));
    local = await startLocalNeo4j({
      dataDir,
      port: await freePort(),
      password: config.neo4j.password,
      timeoutMs: 600_000,
      log: (line) => console.log(line),
    });
  }
  const dropLocal = async () => {
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const app = await createApp({ ...config, neo4j: { ...config.neo4j, uri: local?.uri ?? config.neo4j.uri } }).catch(
    async (error: unknown) => {
      await dropLocal();
      throw error;
    },
  );
  const server = createServer(app.yoga);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await app.close();
      await dropLocal();
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
