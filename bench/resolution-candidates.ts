import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { NEO4J_VERSION } from '../src/devdb/local-neo4j.ts';
import { createRepositories } from '../src/repositories/index.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { describeMachine, load1 } from './lib/machine.ts';
import { captureStatements, profileStatements } from './lib/profile.ts';
import { median } from './lib/stats.ts';

/**
 * npm run bench:candidates -- --size M
 * resolutionCandidates against the generated data at NEO4J_URI (after `npm run bench:import -- --size M` into a
 * Neo4j you keep). The generator's names are all distinct, so it first plants 200 duplicates (once): for every 20th
 * company up to 4,000, company:gen-dup-<n> with the same name in capitals (even n) or sharing its "… Ltd." alias
 * (odd n). Then it walks every page (first 100) from the start and reports the pages, the pairs found, the time per
 * page (median, max), the entities each examined, and the db hits (PROFILE) of the first page and of the page that
 * took longest. Writes bench/results/candidates-<size>-<date>.json. A benchmark, not a test.
 */
const { values } = parseArgs({ options: { size: { type: 'string', default: 'M' } } });
const config = loadConfig();
if (!config.neo4j.uri) {
  console.error('set NEO4J_URI to the Neo4j holding the imported data');
  process.exit(2);
}
const database = new Database({ ...config.neo4j, uri: config.neo4j.uri, queryTimeoutMs: 120_000 });
const yoga = buildYoga({ database, logger: createLogger('silent') });
const repos = createRepositories(database.scope('bench:candidates'));

const pad = (n: number) => String(n).padStart(5, '0');
const planted = Array.from({ length: 200 }, (_, i) => i * 20);
const [firstPlanted] = await repos.entities.byKeys([`company:gen-dup-${pad(0)}`]);
if (!firstPlanted) {
  const bases = await repos.entities.byKeys(planted.map((n) => `company:gen-${pad(n)}`));
  const lines = planted.flatMap((n, i) => {
    const base = bases[i];
    if (!base) return [];
    const alias = (base.aliases ?? []).find((a) => a !== base.name);
    const twin =
      n % 40 === 0 || !alias
        ? { name: base.name.toUpperCase(), aliases: [] }
        : { name: `Planted duplicate ${n}`, aliases: [alias] };
    return [JSON.stringify({ v: 1, type: 'entity', kind: 'Company', key: `company:gen-dup-${pad(n)}`, ...twin })];
  });
  await importNdjson(database.scope('bench:candidates-plant'), lines.join('\n'));
  console.error(`planted ${lines.length} duplicates`);
}

const QUERY = `query($after: String) { resolutionCandidates(first: 100, after: $after) {
  examined examinedThrough pageInfo { hasNextPage endCursor } nodes { entityKey otherKey score reasons { reason } } } }`;

async function ask(after: string | null) {
  const t0 = performance.now();
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { after } }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { ms: performance.now() - t0, page: body.data.resolutionCandidates, statements: body.extensions?.cypher };
}

async function profile(after: string | null) {
  const log = { statements: [] as { query: string; params: Record<string, unknown> }[] };
  const profiled = new Database({ ...config.neo4j, uri: config.neo4j.uri!, queryTimeoutMs: 120_000 });
  captureStatements(profiled.driver, log);
  await buildYoga({ database: profiled, logger: createLogger('silent') }).fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { after } }),
  });
  const result = await profileStatements(database.driver, database.databaseName, log);
  await profiled.close();
  return result;
}

await ask(null); // warm-up (plan cache, page cache)
const pages: { after: string | null; ms: number; pairs: number; examined: number; through: string | null }[] = [];
const reasons = new Map<string, number>();
let after: string | null = null;
const started = performance.now();
do {
  const { ms, page } = await ask(after);
  pages.push({ after, ms, pairs: page.nodes.length, examined: page.examined, through: page.examinedThrough });
  for (const n of page.nodes) for (const r of n.reasons) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
} while (after);
const walkSeconds = (performance.now() - started) / 1000;
const slowest = pages.reduce((a, b) => (b.ms > a.ms ? b : a));
const times = pages.map((p) => p.ms);
const result = {
  size: values.size,
  date: new Date().toISOString().slice(0, 10),
  machine: describeMachine(NEO4J_VERSION),
  load1: load1(),
  query: QUERY.replace(/\s+/g, ' '),
  pages: pages.length,
  pairs: pages.reduce((n, p) => n + p.pairs, 0),
  entitiesExamined: pages.reduce((n, p) => n + p.examined, 0),
  reasons: Object.fromEntries(reasons),
  walkSeconds: Math.round(walkSeconds * 10) / 10,
  pageMs: { median: Math.round(median(times)), max: Math.round(Math.max(...times)) },
  firstPage: { ...(await profile(null)), ms: Math.round(pages[0]!.ms) },
  slowestPage: { ...(await profile(slowest.after)), ms: Math.round(slowest.ms), examined: slowest.examined },
};
await database.close();
const out = resolve(import.meta.dirname, 'results', `candidates-${values.size}-${result.date}.json`);
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.error(JSON.stringify({ ...result, machine: undefined }, null, 2));
console.error(`wrote ${out}`);
