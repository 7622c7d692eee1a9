import { createServer } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { gql, testApp } from './helpers/app.ts';

const { database, yoga } = testApp();
afterAll(() => database.close());

describe('foundation', () => {
  it('answers a GraphQL query that reads from the real Neo4j', async () => {
    const res = await gql(yoga, '{ system { version neo4jVersion neo4jEdition database } }');
    expect(res.errors).toBeUndefined();
    expect(res.data?.system.neo4jVersion).toMatch(/^5\.26\./);
    expect(res.data?.system.database).toBe(inject('neo4j').database);
    expect(res.extensions?.cypher?.statements).toBe(1);
  });

  it('reports ready when Neo4j answers', async () => {
    const res = await yoga.fetch('http://localhost/ready');
    expect(res.status).toBe(200);
  });

  it('serves GraphiQL with assets from the installed package, no CDN', async () => {
    const page = await yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const js = await yoga.fetch('http://localhost/graphiql/graphiql.js');
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(1_000_000);
  });

  it('serves GraphQL over a real HTTP port', async () => {
    const server = createServer(yoga);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ system { neo4jEdition } }' }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.system.neo4jEdition).toBe('community');
    } finally {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    }
  });
});
