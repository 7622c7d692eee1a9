import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrationLabel } from '../src/repositories/migrations.ts';
import { schemaRepository } from '../src/repositories/schema.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, migrate } from '../src/services/migrations.ts';
import { startBenchNeo4j } from './lib/database.ts';
import { describeMachine, load1 } from './lib/machine.ts';

/**
 * npm run bench:migrate -- [--facts 867970] [--with-price 867970]
 * Migration 0001 at size: a fresh local Neo4j (scratch directory, free port) holding `facts` facts in the stored shape
 * of before migration 0001 — `with-price` of them with a unit price under the old names — and the old search_en index,
 * written with raw Cypher (the code no longer knows the old names); then the migrations and the schema step (which
 * creates search_en anew), as a start runs them, each timed. 867,970 is the fact count of size L. Writes
 * bench/results/migrate-<facts>-<date>.json. A benchmark, not a test.
 */
const { values } = parseArgs({
  options: { facts: { type: 'string', default: '867970' }, 'with-price': { type: 'string' } },
});
const facts = Number(values.facts);
const withPrice = Number(values['with-price'] ?? values.facts);
if (!Number.isInteger(facts) || facts < 1 || !Number.isInteger(withPrice) || withPrice < 0 || withPrice > facts) {
  console.error('usage: npm run bench:migrate -- [--facts N] [--with-price M ≤ N]');
  process.exit(2);
}

const CREATE_OLD_SHAPE = `
UNWIND range(0, $facts - 1) AS i
CALL (i) {
  CREATE (a:Assertion:Forecast {key: 'fact:bench-migrate-' + i, kind: 'Forecast', summary: 'bench fact ' + i,
          mode: 'forecast', rank: 'normal', metric: 'shipments'})
  FOREACH (_ IN CASE WHEN i < $withPrice THEN [1] ELSE [] END |
    SET a.priceMinor = 1200000 + i, a.priceCurrency = 'USD', a.priceAsReported = 'between $12,000 and $13,000',
        a.priceQualifier = 'range', a.priceLowerMinor = 1200000, a.priceUpperMinor = 1300000 + i,
        a.pricePriceBasis = 'nominal')
} IN TRANSACTIONS OF 10000 ROWS`;
const OLD_SEARCH_INDEX = `
CREATE FULLTEXT INDEX search_en IF NOT EXISTS
FOR (n:Entity|Assertion) ON EACH [n.name, n.aliases, n.description, n.text, n.summary, n.amountAsReported,
  n.conversionAsReported, n.priceAsReported, n.changeAsReported, n.quantityAsReported, n.attribution]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}`;
const COUNT = `
MATCH (a:Assertion)
RETURN count(a) AS facts, count(a.unitPriceMinor) AS renamed,
       count(CASE WHEN any(k IN keys(a) WHERE k STARTS WITH 'price') THEN 1 END) AS oldLeft`;

const neo4j = await startBenchNeo4j((line) => console.error(line));
try {
  const session = neo4j.database.driver.session({ database: neo4j.database.databaseName });
  const run = async (text: string, params: Record<string, unknown> = {}) => {
    const started = performance.now();
    const result = await session.run(text, params, { timeout: 0 });
    return { ms: Math.round(performance.now() - started), rows: result.records.map((r) => r.toObject()) };
  };
  // A graph from before migrations: no ledger, old names, the old index.
  await run('MATCH (m:Migration) DELETE m');
  await run('DROP INDEX search_en IF EXISTS');
  const created = await run(CREATE_OLD_SHAPE, { facts, withPrice });
  console.error(`${facts} old-shape facts written in ${created.ms} ms`);
  await run(OLD_SEARCH_INDEX);
  const indexed = await run('CALL db.awaitIndexes(3600)');
  console.error(`old search_en built in ${indexed.ms} ms`);
  await session.close();

  const db = neo4j.database.scope('bench:migrate');
  const loadBefore = load1();
  let started = performance.now();
  const outcome = await migrate(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
  const migrateMs = Math.round(performance.now() - started);
  started = performance.now();
  await schemaRepository(db).apply();
  const schemaMs = Math.round(performance.now() - started);
  const [check] = await db.read<{ facts: number; renamed: number; oldLeft: number }>({
    name: 'bench/count',
    text: COUNT,
  });
  if (check?.renamed !== withPrice || check.oldLeft !== 0) throw new Error(`not migrated: ${JSON.stringify(check)}`);
  const result = {
    date: new Date().toISOString(),
    command: `npm run bench:migrate -- --facts ${facts} --with-price ${withPrice}`,
    machine: describeMachine(neo4j.neo4jVersion),
    load1: { before: loadBefore, after: load1() },
    facts,
    withPrice,
    writeOldShapeMs: created.ms,
    oldIndexMs: indexed.ms,
    migrations: outcome.applied.map((m) => ({ migration: migrationLabel(m), ms: Math.round(m.ms) })),
    migrateMs,
    schemaStepMs: schemaMs,
    check,
  };
  console.log(JSON.stringify(result, null, 2));
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    resolve(dir, `migrate-${facts}-${result.date.slice(0, 10)}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
} finally {
  await neo4j.stop();
}
