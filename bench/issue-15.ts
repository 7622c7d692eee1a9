import { writeFileSync } from 'node:fs';
import { databaseFromEnv } from '../scripts/lib/database.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';

/**
 * The queries of issue 15's "Why", asked in-process (yoga.fetch) against the Neo4j that NEO4J_URI names (seeded
 * with `npm run db:seed`). Prints one line per query and writes the whole answers to the file given as argument.
 *   NEO4J_URI=bolt://… node bench/issue-15.ts bench/results/issue-15-after.json
 */
const HIT = '{ score node { __typename ... on Entity { key name } ... on Assertion { key summary } } }';
export const ISSUE_15_QUERIES: Record<string, string> = {
  'search 50 billion yuan': `{ search(query: "50 billion yuan") ${HIT} }`,
  'search yuan': `{ search(query: "yuan") ${HIT} }`,
  'search Malaysia data centres': `{ search(query: "Malaysia data centres") ${HIT} }`,
  'search Malaysia': `{ search(query: "Malaysia") ${HIT} }`,
  'search Alibaba': `{ search(query: "Alibaba") ${HIT} }`,
  'entity alibaba': '{ entity(key: "alibaba") { key name } }',
  'facts kinds financialfigure':
    '{ entity(key: "company:alibaba") { ... on Company { facts(kinds: ["financialfigure"]) { key } } } }',
  'metricByCompany Capex': '{ metricByCompany(metric: "Capex") { rows { company { key } } } }',
  'paths bytedance nvidia': '{ paths(from: "bytedance", to: "nvidia") { length } }',
  'dataCenters country place:malaysia':
    '{ dataCenters(filter: {country: "place:malaysia"}) { totalCount nodes { key } } }',
  'domiciles first 100':
    '{ domiciles(first: 100) { nodes { key summary participants { role entity { key name } } sources { snippet } } } }',
  'domiciles first 100, facts of each participant':
    '{ domiciles(first: 100) { nodes { key participants { entity { key facts(first: 100) { key summary sources { snippet } } } } } } }',
  'paths ranked through Procurement':
    '{ paths(from: "bytedance", to: "nvidia", search: RANKED, throughFactKinds: [Procurement]) { length evidence nodes { __typename ... on Entity { key } ... on Assertion { key } } relationships { type } facts { key sources { snippet } } } }',
  'paths description example':
    '{ paths(from: "company:bytedance", to: "company:nvidia", maxHops: 4, first: 10) { length nodes { __typename ... on Entity { key } ... on Assertion { key } } relationships { type } } }',
  vocabulary:
    '{ vocabulary { metrics { name count description } factKinds { name count } entityKinds { name count } roles { name count description } } }',
  'metricByCompany Capx': '{ metricByCompany(metric: "capx") { rows { company { key } } } }',
  'facts kinds financialfigures':
    '{ entity(key: "company:alibaba") { ... on Company { facts(kinds: ["financialfigures"]) { key } } } }',
  'costly query':
    '{ companies(first: 100) { nodes { key facts(first: 100) { key participants { entity { key facts(first: 50) { key summary } } } } } } }',
  'unknown field (validation error)': '{ nope }',
  'tencent statements': '{ entity(key: "company:tencent") { ... on Company { statements { key summary } } } }',
  'tencent claimsMade and its people':
    '{ entity(key: "tencent") { ... on Company { claimsMade { key } positions { person { name ... on Person { claimsMade { key summary } } } } } } }',
};

const { database } = databaseFromEnv();
const yoga = buildYoga({ database, logger: createLogger('silent') });
const out: Record<string, unknown> = {};
try {
  for (const [name, query] of Object.entries(ISSUE_15_QUERIES)) {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = await response.json();
    out[name] = { status: response.status, query, body };
    console.log(`${name}\t${response.status}\t${JSON.stringify(body).slice(0, 400)}`);
  }
} finally {
  await database.close();
}
if (process.argv[2]) writeFileSync(process.argv[2], `${JSON.stringify(out, null, 2)}\n`);
