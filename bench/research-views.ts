import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { NEO4J_VERSION } from '../src/devdb/local-neo4j.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { describeMachine, load1 } from './lib/machine.ts';
import { chooseParams } from './lib/params.ts';
import { captureStatements, profileStatements } from './lib/profile.ts';
import { median } from './lib/stats.ts';

/**
 * npm run bench:views -- --size M [--reps 5]
 * The research and graph views at their caps, against the imported data at NEO4J_URI (e.g. after
 * `npm run bench:import -- --size M` into a Neo4j you keep): for each, the median and max answer time of `reps`
 * sequential requests after one warm-up, the rows returned and whether the cap cut them, the response size, and the
 * db hits of its statements (PROFILE). Writes bench/results/views-<size>-<date>.json. A benchmark, not a test.
 */
const { values } = parseArgs({
  options: { size: { type: 'string', default: 'M' }, reps: { type: 'string', default: '5' } },
});
const config = loadConfig();
if (!config.neo4j.uri) {
  console.error('set NEO4J_URI to the Neo4j holding the imported data');
  process.exit(2);
}
const reps = Number(values.reps);
const database = new Database({ ...config.neo4j, uri: config.neo4j.uri, queryTimeoutMs: 60_000 });
const yoga = buildYoga({ database, logger: createLogger('silent') });
const p = await chooseParams(database);

interface View {
  name: string;
  query: string;
  rows: (data: any) => unknown[];
  truncated: (data: any) => boolean | null;
}

const rows = (field: string) => (d: any) => d[field].rows;
const truncated = (field: string) => (d: any) => d[field].truncated;
const VIEWS: View[] = [
  {
    name: 'metricByCompany(capex) — no period, default cap',
    query: `{ metricByCompany(metric: "capex") { truncated rows { growthRank company { key } country { key }
      figure { key amount { amount currency } } } } }`,
    rows: rows('metricByCompany'),
    truncated: truncated('metricByCompany'),
  },
  {
    name: `metricByCompany(capex, periodYear ${p.capexYear})`,
    query: `{ metricByCompany(metric: "capex", periodYear: ${p.capexYear}) { truncated rows { growthRank company { key }
      figure { key amount { amount currency } } } } }`,
    rows: rows('metricByCompany'),
    truncated: truncated('metricByCompany'),
  },
  {
    name: `metricByCompany(capex, country ${p.country})`,
    query: `{ metricByCompany(metric: "capex", country: "${p.country}") { truncated rows { growthRank company { key }
      figure { key } } } }`,
    rows: rows('metricByCompany'),
    truncated: truncated('metricByCompany'),
  },
  {
    name: 'metricByCompany(country "place:nowhere") — NOT_FOUND',
    query: `{ metricByCompany(metric: "capex", country: "place:nowhere") { truncated rows { growthRank } } }`,
    rows: () => [],
    truncated: () => null,
  },
  {
    name: 'metricByCountry(capex) — all years',
    query: `{ metricByCountry(metric: "capex") { truncated rows { country { key } periodYear periodType
      total { amount currency } companies figureCount } } }`,
    rows: rows('metricByCountry'),
    truncated: truncated('metricByCountry'),
  },
  {
    name: `metricByCountry(capex, periodYear ${p.capexYear})`,
    query: `{ metricByCountry(metric: "capex", periodYear: ${p.capexYear}) { truncated rows { country { key }
      periodYear periodType total { amount currency } companies figureCount } } }`,
    rows: rows('metricByCountry'),
    truncated: truncated('metricByCountry'),
  },
  {
    name: 'groupFigureChecks(capex)',
    query: `{ groupFigureChecks(metric: "capex") { truncated rows { group { key } reported { amount }
      computedFromMembers { amount } impliedByNextYearGrowth { amount } missingMembers { key } } } }`,
    rows: rows('groupFigureChecks'),
    truncated: truncated('groupFigureChecks'),
  },
  {
    name: `neighborhood(${p.hubCompany}, depth 3, limit 300)`,
    query: `{ neighborhood(key: "${p.hubCompany}", depth: 3, limit: 300) { truncated nodes { id }
      relationships { type fromKey toKey } } }`,
    rows: (d) => d.neighborhood.nodes,
    truncated: (d) => d.neighborhood.truncated,
  },
  {
    name: `neighborhood(${p.hubCompany}, depth 2, limit 50)`,
    query: `{ neighborhood(key: "${p.hubCompany}", depth: 2) { truncated nodes { id } relationships { type } } }`,
    rows: (d) => d.neighborhood.nodes,
    truncated: (d) => d.neighborhood.truncated,
  },
  {
    name: `assertions(filter: { entity: ${p.hubCompany} }, first: 100)`,
    query: `{ assertions(first: 100, filter: { entity: "${p.hubCompany}" }) { pageInfo { hasNextPage } nodes { key } } }`,
    rows: (d) => d.assertions.nodes,
    truncated: (d) => d.assertions.pageInfo.hasNextPage,
  },
  {
    name: `companies(filter: { country: ${p.country} }, first: 100)`,
    query: `{ companies(first: 100, filter: { country: "${p.country}" }) { pageInfo { hasNextPage } nodes { key } } }`,
    rows: (d) => d.companies.nodes,
    truncated: (d) => d.companies.pageInfo.hasNextPage,
  },
];

async function ask(query: string) {
  const t0 = performance.now();
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { ms: performance.now() - t0, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

const results = [];
for (const view of VIEWS) {
  await ask(view.query); // warm-up (plan cache, page cache)
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof ask>> | undefined;
  for (let i = 0; i < reps; i++) {
    last = await ask(view.query);
    times.push(last.ms);
  }
  const body = last!.body;
  const error = body.errors?.[0];
  const log = { statements: [] as { query: string; params: Record<string, unknown> }[] };
  const profiled = new Database({ ...config.neo4j, uri: config.neo4j.uri, queryTimeoutMs: 60_000 });
  captureStatements(profiled.driver, log);
  const profiledYoga = buildYoga({ database: profiled, logger: createLogger('silent') });
  await profiledYoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: view.query }),
  });
  // PROFILE through a driver that does not record (the recording one would log its own PROFILE runs).
  const profile = await profileStatements(database.driver, database.databaseName, log);
  await profiled.close();
  const row = {
    view: view.name,
    query: view.query.replace(/\s+/g, ' '),
    medianMs: Math.round(median(times) * 10) / 10,
    maxMs: Math.round(Math.max(...times) * 10) / 10,
    rows: error ? 0 : view.rows(body.data).length,
    truncated: error ? null : view.truncated(body.data),
    bytes: last!.bytes,
    error: error ? { code: error.extensions?.code, message: error.message } : null,
    statements: body.extensions?.cypher?.statements ?? null,
    dbHits: profile.dbHits,
    operators: profile.operators,
  };
  results.push(row);
  console.error(
    `${row.view}: ${row.medianMs} ms (max ${row.maxMs}), ${row.rows} rows${row.truncated ? ' (truncated)' : ''}, ` +
      `${row.bytes} B, ${row.dbHits} db hits${row.error ? `, ${row.error.code}` : ''}`,
  );
}
await database.close();

const date = new Date().toISOString().slice(0, 10);
const out = resolve(import.meta.dirname, 'results', `views-${values.size}-${date}.json`);
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    { size: values.size, date, reps, machine: describeMachine(NEO4J_VERSION), load1: load1(), params: p, results },
    null,
    2,
  )}\n`,
);
console.error(`wrote ${out}`);
