import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { importEpoch, readEpochFiles } from '../src/import/epoch/index.ts';
import { EXAMPLES_DIR, exampleQueries } from '../src/server/examples.ts';
import { type GraphQLResponse, gql, testApp } from './helpers/app.ts';
import { hasPair, itemsOf, numberIn, readmeExamples, scalarsOf } from './helpers/readme-figures.ts';

/**
 * The README's and GraphiQL's example questions, each answered exactly as its checked-in
 * `schema/examples/NN-name.expected.json` says (the README's "Asking questions" figures are checked against those
 * files by test/readme-examples.test.ts). After a deliberate change of an answer, re-record them with
 * `npx vitest run test/examples.test.ts -u` and review the diff.
 */
const { database, yoga } = testApp();
afterAll(() => database.close());

const expectedFile = (name: string) => resolve(EXAMPLES_DIR, name.replace(/\.graphql$/, '.expected.json'));
/** Examples that need `npm run import:epoch` first. */
const needsEpoch = (name: string) => name.includes('epoch');

/**
 * Only what is volatile goes: the request id, and search scores beyond two decimals (Lucene floats; the README gives
 * two). The statement count stays (the README quotes it).
 */
function answer(res: GraphQLResponse) {
  const data = JSON.parse(JSON.stringify(res.data), (key, value) =>
    key === 'score' && typeof value === 'number' ? Math.round(value * 100) / 100 : value,
  );
  return { data, statements: res.extensions?.cypher?.statements };
}

const examples = exampleQueries();
/** Which expected answers existed before this run (a missing one is recorded by the snapshot, and still fails). */
const recorded = new Set(examples.map((e) => e.name).filter((name) => existsSync(expectedFile(name))));

async function expectExactAnswer(name: string, query: string) {
  const res = await gql(yoga, query);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  await expect(`${JSON.stringify(answer(res), null, 2)}\n`).toMatchFileSnapshot(expectedFile(name));
  expect(recorded.has(name), `${expectedFile(name)} was missing (now recorded: review it and run again)`).toBe(true);
}

describe('example queries (GraphiQL tabs, README "Asking questions") answer exactly as recorded', () => {
  it('are the twelve questions of the README', () => {
    expect(examples.map((e) => e.name)).toEqual([
      '01-capex-ranking.graphql',
      '02-group-consistency.graphql',
      '03-bytedance.graphql',
      '04-export-controls.graphql',
      '05-h20-forecast.graphql',
      '06-who-said-what.graphql',
      '07-path.graphql',
      '08-search.graphql',
      '09-capex-by-country.graphql',
      '10-johor.graphql',
      '11-epoch-johor.graphql',
      '12-epoch-johor-investments.graphql',
    ]);
  });

  describe('on the seed article', () => {
    for (const { name, query } of examples.filter((e) => !needsEpoch(e.name))) {
      it(name, () => expectExactAnswer(name, query));
    }
  });

  describe('after the Epoch import', () => {
    beforeAll(async () => {
      await importEpoch(database.scope('test-examples-epoch'), readEpochFiles(resolve(loadConfig().epochDataDir)));
    });
    for (const { name, query } of examples.filter((e) => needsEpoch(e.name))) {
      it(name, () => expectExactAnswer(name, query));
    }
  });

  describe('the README states what the expected answers hold', () => {
    const readme = readmeExamples(readFileSync(resolve(EXAMPLES_DIR, '../../README.md'), 'utf8'));

    it('describes every example, in order', () => {
      expect(readme.map((r) => `${r.name}.graphql`)).toEqual(examples.map((e) => e.name));
    });

    for (const r of readme) {
      it(`${r.name}: its quotes, numbers, table rows, values and statement count`, () => {
        const expected = JSON.parse(readFileSync(expectedFile(`${r.name}.graphql`), 'utf8'));
        const { keys, scalars } = scalarsOf(expected.data);
        const strings = scalars.filter((s): s is string => typeof s === 'string');
        for (const q of r.quoted)
          expect(
            strings.some((s) => s.includes(q)),
            `README quotes "${q}"`,
          ).toBe(true);
        for (const n of r.numbers) expect(numberIn(n, scalars), `README says ${n}`).toBe(true);
        const items = itemsOf(expected.data);
        for (const row of r.rows) {
          expect(
            items.some((item) => row.every((n) => numberIn(n, scalarsOf(item).scalars))),
            `README table row ${row.join(' | ')}`,
          ).toBe(true);
        }
        for (const v of r.values) expect(strings.includes(v) || keys.has(v), `README says \`${v}\``).toBe(true);
        for (const f of r.fields) expect(keys.has(f), `README names the field \`${f}\``).toBe(true);
        for (const [k, v] of r.pairs) expect(hasPair(expected.data, k, v), `README says \`${k}: ${v}\``).toBe(true);
        if (r.statements !== undefined) expect(expected.statements, 'README statement count').toBe(r.statements);
      });
    }
  });

  it('opens them as GraphiQL tabs', async () => {
    const page = await (await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })).text();
    for (const { query } of examples) expect(page).toContain(/query (\w+)/.exec(query)![1]);
  });

  it('has no expected answer without its question', () => {
    const answers = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.expected.json'));
    expect(answers.map((f) => f.replace(/\.expected\.json$/, '.graphql'))).toEqual(examples.map((e) => e.name));
  });
});
