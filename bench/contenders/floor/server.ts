import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { encodeCursor } from '../../../src/domain/cursor.ts';
import { fromMinorUnits } from '../../../src/domain/money.ts';
import { contenderArgs } from '../../lib/contender-args.ts';

/**
 * Contender 3, the floor: one hand-written Cypher statement per workload through the same driver,
 * answering with the service's JSON. POST /<workload> with the variables as the body.
 */
const args = contenderArgs();
const driver = neo4j.driver(args.uri, neo4j.auth.basic(args.user, args.password), {
  maxConnectionPoolSize: args.poolSize,
});
const cypher = (id: string) => readFileSync(new URL(`./cypher/${id}.cypher`, import.meta.url), 'utf8');

type Row = Record<string, any>;
const page = (rows: Row[], cursor: (r: Row) => string[]) => ({
  nodes: rows.slice(0, 20),
  pageInfo: { hasNextPage: rows.length > 20, endCursor: rows[19] ? encodeCursor(cursor(rows[19])) : null },
});

/** Each workload's statement and how its one record becomes the response's `data`. */
const ROUTES: Record<string, { text: string; data: (record: Row) => unknown }> = {
  W1: { text: cypher('W1'), data: (r) => r.data },
  W2: { text: cypher('W2'), data: (r) => ({ companies: page(r.rows, (n) => [n.name, n.key]) }) },
  W3: { text: cypher('W3'), data: (r) => ({ companies: { nodes: r.nodes } }) },
  W4: { text: cypher('W4'), data: (r) => ({ assertions: page(r.rows, (n) => [n.key]) }) },
  W5: { text: cypher('W5'), data: (r) => r.data },
  W6: { text: cypher('W6'), data: (r) => r.data },
  W7: { text: cypher('W7'), data: (r) => r.data },
  W8: {
    text: cypher('W8'),
    data: (r) => ({
      metricByCountry: r.rows.map((row: Row) => ({
        country: row.country === null ? null : { key: row.country },
        periodYear: row.periodYear,
        periodType: row.periodType,
        total: { amount: fromMinorUnits(String(row.amountMinor), row.currency), currency: row.currency },
      })),
    }),
  },
  W9: {
    text: cypher('W9'),
    data: (r) => ({
      companies: {
        nodes: r.nodes.map((c: Row) => ({
          ...c,
          figures: c.figures.map(({ amountMinor, currency, ...f }: Row) => ({
            ...f,
            amount: amountMinor === null ? null : { amount: fromMinorUnits(String(amountMinor), currency), currency },
          })),
        })),
      },
    }),
  },
};
const EMPTY: Record<string, unknown> = { W1: { entity: null }, W7: { paths: [] } };

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v) =>
    neo4j.isInt(v) ? (v.inSafeRange() ? v.toNumber() : v.toString()) : typeof v === 'bigint' ? v.toString() : v,
  );

async function run(id: string, variables: Row) {
  const route = ROUTES[id];
  if (!route) return { status: 404, body: { errors: [{ message: `no workload ${id}` }] } };
  const params = { ...variables };
  for (const [k, v] of Object.entries(params)) if (Number.isInteger(v)) params[k] = neo4j.int(v as number);
  const session = driver.session({ database: args.database, defaultAccessMode: neo4j.session.READ });
  try {
    const records = await session.executeRead((tx) => tx.run(route.text, params));
    const record = records.records[0]?.toObject();
    const data = record ? route.data(record) : (EMPTY[id] ?? null);
    return { status: 200, body: { data, extensions: { cypher: { statements: 1 } } } };
  } finally {
    await session.close();
  }
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      const { status, body: out } = await run((req.url ?? '/').slice(1), body.variables ?? {});
      res.writeHead(status, { 'content-type': 'application/json' }).end(json(out));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' }).end(json({ errors: [{ message: String(error) }] }));
    }
  });
}).listen(args.port, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${args.port}/`));
