/**
 * `node bench/plugin-overhead.ts [--checkout base=/work/wt-base …] [--seconds 5] [--rounds 5]`
 *
 * The fixed cost of one GraphQL request in the service's Yoga and plugin chain, without Neo4j: `{ __typename }`
 * POSTed through `yoga.fetch` with a declared Content-Length (as every HTTP client sends), 8 in flight, CPU ms per
 * request of this process. Variants: this checkout with GRAPHQL_JIT off and on, and each --checkout's buildYoga,
 * rotated every round. The Database points at a port nothing listens on: `{ __typename }` runs no statement.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';

const { values: opts } = parseArgs({
  options: {
    checkout: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
  },
});
type Fetcher = { fetch: (url: string, init: RequestInit) => Promise<Response> | Response };
const env = { NEO4J_URI: 'bolt://127.0.0.1:9', LOG_LEVEL: 'silent' };
const body = JSON.stringify({ query: '{ __typename }' });

async function drive(yoga: Fetcher, seconds: number) {
  const until = performance.now() + seconds * 1000;
  let requests = 0;
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < until) {
        const response = await yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
          body,
        });
        const text = await response.text();
        if (!text.includes('"Query"')) throw new Error(text);
        requests++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / requests;
}

const variants: { id: string; yoga: Fetcher }[] = [];
for (const jit of [false, true]) {
  const config = loadConfig({ ...env, GRAPHQL_JIT: String(jit) });
  const database = new Database({ ...config.neo4j, uri: env.NEO4J_URI });
  variants.push({
    id: jit ? 'jit' : 'graphql-js',
    yoga: buildYoga({ database, logger: createLogger('silent'), execution: config.execution }),
  });
}
for (const spec of opts.checkout ?? []) {
  const [id, path] = spec.split('=');
  if (!id || !path) throw new Error(`--checkout ${spec}: expected id=dir`);
  const dir = resolve(path);
  const config = (await import(`${dir}/src/config/index.ts`)).loadConfig(env);
  const { Database: OtherDatabase } = await import(`${dir}/src/db/database.ts`);
  const database = new OtherDatabase({ ...config.neo4j, uri: env.NEO4J_URI });
  const logger = (await import(`${dir}/src/server/logger.ts`)).createLogger('silent');
  variants.push({ id, yoga: (await import(`${dir}/src/server/yoga.ts`)).buildYoga({ database, logger }) });
}
for (const v of variants) await drive(v.yoga, 2);
const results: Record<string, number[]> = {};
for (let round = 0; round < Number(opts.rounds); round++) {
  for (const v of variants.map((_, i) => variants[(i + round) % variants.length]!)) {
    const ms = Math.round((await drive(v.yoga, Number(opts.seconds))) * 1000) / 1000;
    results[v.id] ??= [];
    results[v.id]!.push(ms);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      request: '{ __typename }, POST with Content-Length, 8 in flight',
      cpuMsPerRequest: Object.fromEntries(
        Object.entries(results).map(([id, xs]) => [id, { median: median(xs), rounds: xs }]),
      ),
    },
    null,
    2,
  ),
);
process.exit(0);
