import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { CYPHER_DIR } from '../src/db/statements.ts';
import { graphStateRepository } from '../src/repositories/graph-state.ts';
import { MIGRATIONS, type Migration } from '../src/repositories/migrations.ts';
import { exportRecords } from '../src/services/export.ts';
import { checksumOf, MigrationError, migrate, pendingOf, updateSchema } from '../src/services/migrations.ts';
import { gql, neo4jEnv, testApp } from './helpers/app.ts';
import { NODE, ROOT } from './helpers/service.ts';

/**
 * Migrations (src/services/migrations.ts) against a graph written in the stored shape of before migration 0001: the
 * unit price under `price*` and the full-text index search_en over `priceAsReported`. The old and new names are
 * written out here on purpose — the code no longer knows the old ones.
 */
const { database, yoga } = testApp();
const db = database.scope('test-migrations');
const replicas: Database[] = [];
afterAll(async () => {
  await Promise.all([database.close(), ...replicas.map((r) => r.close())]);
});

/** A second service replica: its own driver and pool on the same Neo4j. */
function replica() {
  const r = new Database({ ...loadConfig().neo4j, ...inject('neo4j') });
  replicas.push(r);
  return r;
}

const H20 = 'fact:h20-shipments-china-forecast';
const OLD_FIXTURE = 'fact:test-migrations-old-shape';
const OLD_PROPS = ['Minor', 'Currency', 'AsReported', 'Qualifier', 'LowerMinor', 'UpperMinor', 'PriceBasis'].map(
  (p) => `price${p}`,
);
const NEW_PROPS = OLD_PROPS.map((p) => `unitPrice${p.slice('price'.length)}`);
/** The migration files on disk, counted without the code under test. */
const MIGRATION_FILES = readdirSync(join(CYPHER_DIR, 'migrations')).filter((f) => f.endsWith('.cypher'));

async function cypher<T = Record<string, unknown>>(text: string, params: Record<string, unknown> = {}) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    return (await session.run(text, params)).records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

/**
 * The graph as a version before migrations left it: no ledger, the seed's H20 forecast and one more fact stored with
 * the old names, and search_en over the old property.
 */
async function oldShapeGraph() {
  await cypher('MATCH (n) WHERE n:Migration OR n:MigrationLock DETACH DELETE n');
  await cypher(
    `MATCH (a:Assertion {key: $key})
     SET a.priceMinor = 1200000, a.priceCurrency = 'USD', a.priceAsReported = 'between $12,000 and $13,000',
         a.priceQualifier = 'range', a.priceLowerMinor = 1200000, a.priceUpperMinor = 1300000
     REMOVE ${NEW_PROPS.map((p) => `a.${p}`).join(', ')}`,
    { key: H20 },
  );
  // 2^53 + 1 cents: an integer a float would round, with every old property set.
  await cypher(
    `MATCH (chip:Entity {key: 'chip:nvidia-h20'})
     MERGE (a:Assertion:Forecast {key: $key})
     SET a.kind = 'Forecast', a.summary = 'A fact written before migration 0001', a.mode = 'forecast',
         a.rank = 'normal', a.metric = 'shipments', a.priceMinor = 9007199254740993, a.priceCurrency = 'USD',
         a.priceAsReported = 'ninety trillion dollars a unit', a.priceQualifier = 'approx',
         a.pricePriceBasis = 'nominal'
     MERGE (a)-[r:SUBJECT]->(chip)
     SET r.position = 0
     WITH a
     MATCH (:Assertion {key: $h20})-[cited:SUPPORTED_BY]->(s:Source)
     MERGE (a)-[r:SUPPORTED_BY {snippet: cited.snippet}]->(s)
     SET r.start = cited.start, r.end = cited.end, r.position = 0, r.verified = true`,
    { key: OLD_FIXTURE, h20: H20 },
  );
  await cypher('DROP INDEX search_en IF EXISTS');
  await cypher(
    `CREATE FULLTEXT INDEX search_en IF NOT EXISTS
     FOR (n:Entity|Assertion) ON EACH [n.name, n.aliases, n.description, n.text, n.summary, n.amountAsReported,
       n.conversionAsReported, n.priceAsReported, n.changeAsReported, n.quantityAsReported, n.attribution]
     OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}`,
  );
  await cypher('CALL db.awaitIndexes(300)');
}

const num = (v: unknown) => (neo4j.isInt(v) ? v.toNumber() : Number(v));

async function ledger() {
  const rows = await cypher<{ id: unknown; name: string; checksum: string; appliedAt: string }>(
    `MATCH (m:Migration)
     RETURN m.id AS id, m.name AS name, m.checksum AS checksum, toString(m.appliedAt) AS appliedAt ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, id: num(r.id) }));
}

async function oldNamesLeft() {
  const [row] = await cypher<{ n: unknown }>(
    'MATCH (a:Assertion) WHERE any(k IN keys(a) WHERE k IN $old) RETURN count(a) AS n',
    { old: OLD_PROPS },
  );
  return num(row?.n);
}

const UNIT_PRICE = `unitPrice { amount currency minorUnits lower upper qualifier asReported priceBasis }`;

async function unitPrices() {
  const res = await gql(
    yoga,
    `{ h20: assertion(key: "${H20}") { ... on Forecast { ${UNIT_PRICE} impliedValue { low { amount } high { amount } } } }
       old: assertion(key: "${OLD_FIXTURE}") { ... on Forecast { ${UNIT_PRICE} } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data;
}

const H20_PRICE = {
  amount: '12000',
  currency: 'USD',
  minorUnits: '1200000',
  lower: '12000',
  upper: '13000',
  qualifier: 'range',
  asReported: 'between $12,000 and $13,000',
  priceBasis: null,
};
const OLD_FIXTURE_PRICE = {
  amount: '90071992547409.93',
  currency: 'USD',
  minorUnits: '9007199254740993',
  lower: null,
  upper: null,
  qualifier: 'approx',
  asReported: 'ninety trillion dollars a unit',
  priceBasis: 'nominal',
};

describe('migrations: the unit price renamed on existing data', () => {
  it('reads the old shape wrongly before migrating (what the migration is for)', async () => {
    await oldShapeGraph();
    const before = await unitPrices();
    expect(before?.h20.unitPrice).toBeNull();
    expect(before?.old.unitPrice).toBeNull();
    expect(await oldNamesLeft()).toBe(2);
  });

  it('migrates at start: the API answers the values written under the old names, exactly', async () => {
    await oldShapeGraph();
    const outcome = await updateSchema(db, { lockTimeoutMs: 60_000 });
    expect(outcome.applied.map((m) => m.name)).toContain('unit-price-property-names');
    expect(outcome.applied).toHaveLength(MIGRATION_FILES.length);
    expect(await oldNamesLeft()).toBe(0);

    const after = await unitPrices();
    expect(after?.h20.unitPrice).toEqual(H20_PRICE);
    // "over a million H20 units × between $12,000 and $13,000": 12 000 000 000 to 13 000 000 000 USD.
    expect(after?.h20.impliedValue).toEqual({ low: { amount: '12000000000' }, high: { amount: '13000000000' } });
    expect(after?.old.unitPrice).toEqual(OLD_FIXTURE_PRICE);

    const records = await ledger();
    expect(records.map((r) => r.id)).toEqual(MIGRATION_FILES.map((f) => Number(f.slice(0, 4))));
    expect(records[0]).toMatchObject({ id: 1, name: 'unit-price-property-names' });
    for (const r of records) {
      expect(r.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(Number.isNaN(Date.parse(r.appliedAt))).toBe(false);
    }
  });

  it('keeps the export and search as they were: same import line, same highlight field name', async () => {
    let exported: unknown;
    for await (const r of exportRecords(db)) if (r.type === 'assertion' && r.key === OLD_FIXTURE) exported = r;
    expect(exported).toMatchObject({
      unitPrice: {
        amount: '90071992547409.93',
        currency: 'USD',
        asReported: 'ninety trillion dollars a unit',
        qualifier: 'approx',
        priceBasis: 'nominal',
      },
    });
    // search_en was rebuilt over the new property: the old-shape fixture's words are found, named as before.
    const res = await gql(
      yoga,
      `{ search(query: "ninety trillion dollars") { node { ... on Forecast { key } } highlights { field text } } }`,
    );
    expect(res.errors).toBeUndefined();
    const hit = res.data?.search.find((h: { node: { key?: string } }) => h.node.key === OLD_FIXTURE);
    expect(hit?.highlights).toContainEqual({ field: 'priceAsReported', text: 'ninety trillion dollars a unit' });
  });

  it('running again is a no-op: nothing applied, the graph unchanged', async () => {
    const state = graphStateRepository(db);
    const before = await state.snapshot();
    const ledgerBefore = await ledger();
    const outcome = await migrate(db, { lockTimeoutMs: 1_000 });
    expect(outcome).toEqual({ applied: [], alreadyApplied: MIGRATION_FILES.length });
    expect(await state.snapshot()).toEqual(before);
    expect(await ledger()).toEqual(ledgerBefore);
  });

  it('refuses an applied migration whose Cypher changed, and changes nothing', async () => {
    const state = graphStateRepository(db);
    const before = await state.snapshot();
    const edited: Migration[] = MIGRATIONS.map((m) =>
      m.id === 1
        ? {
            ...m,
            statements: m.statements.map((s) => ({ ...s, text: s.text.replace('OF 10000 ROWS', 'OF 5000 ROWS') })),
          }
        : m,
    );
    expect(edited[0]?.statements.map((s) => s.text)).not.toEqual(MIGRATIONS[0]?.statements.map((s) => s.text));
    const refusal = await migrate(db, { lockTimeoutMs: 1_000, migrations: edited }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MigrationError);
    expect((refusal as Error).message).toMatch(
      /^Migration 0001-unit-price-property-names was applied \(.+\) with checksum sha256:[0-9a-f]{64}, but cypher\/migrations\/0001-unit-price-property-names\.cypher now has sha256:[0-9a-f]{64}: an applied migration must not change/,
    );
    expect(await state.snapshot()).toEqual(before);
  });

  it('refuses to start, and `npm run migrate` refuses, when the recorded checksum differs (exit 1, a clear message)', async () => {
    const [record] = await ledger();
    await cypher(`MATCH (m:Migration {id: 1}) SET m.checksum = 'sha256:${'0'.repeat(64)}'`);
    try {
      const start = await run([join(ROOT, 'src/index.ts')], { PORT: '0', SEED_ON_START: 'false' });
      expect(start.code).toBe(1);
      const fatal = start.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => l.level === 60);
      expect(fatal?.msg).toMatch(/^Migration 0001-unit-price-property-names was applied .* must not change/);
      expect(start.stdout).not.toContain('GraphQL and GraphiQL on');

      const cli = await run([join(ROOT, 'scripts/migrate.ts')], {});
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/^Migration 0001-unit-price-property-names was applied .* must not change/);
    } finally {
      await cypher('MATCH (m:Migration {id: 1}) SET m.checksum = $checksum', { checksum: record?.checksum });
    }
  });

  it('applies each migration exactly once when two replicas start at once', async () => {
    await oldShapeGraph();
    // A second migration that counts its runs (slow enough that the two runners overlap).
    const counting: Migration = {
      id: 9001,
      name: 'test-count-runs',
      statements: [
        {
          name: 'test/count-runs',
          text:
            'UNWIND range(1, 1000000) AS i WITH count(i) AS n ' +
            'MERGE (c:MigrationRunCounter {id: 1}) SET c.runs = coalesce(c.runs, 0) + 1',
        },
      ],
    };
    const migrations = [...MIGRATIONS, counting];
    try {
      const [a, b] = await Promise.all(
        ['replica-a', 'replica-b'].map((owner) =>
          migrate(replica().scope(owner), { lockTimeoutMs: 120_000, pollMs: 50, migrations, owner }),
        ),
      );
      const appliedIds = [...(a?.applied ?? []), ...(b?.applied ?? [])].map((m) => m.id).sort((x, y) => x - y);
      expect(appliedIds).toEqual([...MIGRATION_FILES.map((f) => Number(f.slice(0, 4))), 9001]);
      const [counter] = await cypher<{ runs: unknown }>('MATCH (c:MigrationRunCounter) RETURN c.runs AS runs');
      expect(num(counter?.runs)).toBe(1);
      expect((await ledger()).map((r) => r.id)).toEqual(appliedIds);
      expect(await oldNamesLeft()).toBe(0);
      expect((await unitPrices())?.old.unitPrice).toEqual(OLD_FIXTURE_PRICE);
      const [lock] = await cypher<{ owner: unknown }>('MATCH (l:MigrationLock) RETURN l.owner AS owner');
      expect(lock?.owner).toBeNull();
    } finally {
      await cypher('MATCH (n) WHERE n:MigrationRunCounter OR (n:Migration AND n.id = 9001) DELETE n');
    }
  });

  it('two `npm run migrate` processes at once: one applies, the other finds nothing to do', async () => {
    await oldShapeGraph();
    const [a, b] = await Promise.all([
      run([join(ROOT, 'scripts/migrate.ts')], {}),
      run([join(ROOT, 'scripts/migrate.ts')], {}),
    ]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    const summaries = [a.stdout, b.stdout].map((out) =>
      /(\d+) migration\(s\) applied, (\d+) already applied/.exec(out)?.slice(1),
    );
    expect(summaries.map((s) => s?.map(Number)).sort()).toEqual([
      [0, MIGRATION_FILES.length],
      [MIGRATION_FILES.length, 0],
    ]);
    expect(await oldNamesLeft()).toBe(0);
    expect((await unitPrices())?.h20.unitPrice).toEqual(H20_PRICE);
  });

  it('takes over the lock of a runner that died once its lease ran out, and waits no longer than told for a live one', async () => {
    await oldShapeGraph();
    await cypher(
      `CREATE (:MigrationLock {id: 'migrations', owner: 'live-runner', expiresAt: datetime() + duration('PT1H')})`,
    );
    const refusal = await migrate(db, { lockTimeoutMs: 300, pollMs: 50 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MigrationError);
    expect((refusal as Error).message).toMatch(/^Waited 300 ms for the migration lock, which live-runner holds until /);
    expect(await oldNamesLeft()).toBe(2);
    expect(await ledger()).toEqual([]);

    await cypher(`MATCH (l:MigrationLock) SET l.owner = 'dead-runner', l.expiresAt = datetime() - duration('PT1S')`);
    const outcome = await migrate(db, { lockTimeoutMs: 5_000, pollMs: 50 });
    expect(outcome.applied).toHaveLength(MIGRATION_FILES.length);
    expect(await oldNamesLeft()).toBe(0);
  });

  it('with MIGRATE_ON_START=false, refuses to start on a graph with pending migrations', async () => {
    await oldShapeGraph();
    const refusal = await updateSchema(db, { apply: false, lockTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(MigrationError);
    expect((refusal as Error).message).toBe(
      `${MIGRATION_FILES.length} migration(s) not applied to this graph (${MIGRATION_FILES.map((f) => f.replace(/\.cypher$/, '')).join(', ')}) and MIGRATE_ON_START=false: run \`npm run migrate\` against it first, or start with MIGRATE_ON_START=true.`,
    );
    expect(await oldNamesLeft()).toBe(2);
    await updateSchema(db, { lockTimeoutMs: 5_000 });
    expect(await updateSchema(db, { apply: false, lockTimeoutMs: 1_000 })).toEqual({
      applied: [],
      alreadyApplied: MIGRATION_FILES.length,
    });
  });
});

describe('the ledger checks (no database)', () => {
  const m = (id: number, name: string, text = 'RETURN 1'): Migration => ({
    id,
    name,
    statements: [{ name: `migrations/${id}`, text }],
  });
  const applied = (x: Migration, checksum: string) => ({ id: x.id, name: x.name, checksum, appliedAt: '2026-12-01' });

  it('refuses a recorded migration this version does not have, a renamed one, and a gap below the last applied', () => {
    const one = m(1, 'one');
    const two = m(2, 'two');
    expect(pendingOf([one, two], [])).toEqual([one, two]);
    expect(pendingOf([one, two], [applied(one, checksumOf(one))])).toEqual([two]);
    expect(() => pendingOf([one], [applied(one, checksumOf(one)), applied(two, checksumOf(two))])).toThrow(
      /^The graph has migration 0002-two applied \(2026-12-01\), which this version of the service does not have/,
    );
    expect(() => pendingOf([one, two], [applied(m(2, 'other'), checksumOf(two))])).toThrow(
      /^Migration 0002 was applied as 0002-other \(2026-12-01\), but cypher\/migrations\/0002-two\.cypher now has that number/,
    );
    expect(() => pendingOf([one, two], [applied(two, checksumOf(two))])).toThrow(
      /^Migration 0001-one is not applied, but 0002-two after it is: migrations run in number order/,
    );
    expect(checksumOf(m(1, 'one', 'RETURN 2'))).not.toBe(checksumOf(one));
  });
});

/** A Node script of this repository against the run's Neo4j: its exit code and output. */
function run(args: string[], env: Record<string, string>) {
  const child = spawn(NODE, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...neo4jEnv(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) =>
    child.once('exit', (code) => ok({ code, stdout, stderr })),
  );
}
