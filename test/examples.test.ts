import { afterAll, describe, expect, it } from 'vitest';
import { exampleQueries } from '../src/server/examples.ts';
import { gql, testApp } from './helpers/app.ts';

/** The README's and GraphiQL's example questions all run on the seed, without errors. */
const { database, yoga } = testApp();
afterAll(() => database.close());

describe('example queries (GraphiQL tabs, README "Asking questions")', () => {
  const examples = exampleQueries();

  it('has at least eight', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  for (const { name, query } of examples) {
    it(`${name} answers without errors`, async () => {
      const res = await gql(yoga, query);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(JSON.stringify(res.data).length).toBeGreaterThan(50);
    });
  }

  it('opens them as GraphiQL tabs', async () => {
    const page = await (await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('CapexRanking');
    expect(page).toContain('ByteDanceToNvidia');
  });
});
