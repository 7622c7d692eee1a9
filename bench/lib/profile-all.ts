import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createYoga } from 'graphql-yoga';
import { loadConfig } from '../../src/config/index.ts';
import { Database } from '../../src/db/database.ts';
import { createLogger } from '../../src/server/logger.ts';
import { buildYoga } from '../../src/server/yoga.ts';
import { neo4jGraphqlSchema } from '../contenders/neo4j-graphql/schema.ts';
import type { Params, Workload } from '../workloads.ts';
import type { CypherLog } from './counting-driver.ts';
import { countingDriver } from './counting-driver.ts';
import type { BenchNeo4j } from './database.ts';
import { BENCH_PASSWORD } from './database.ts';
import { captureStatements, profileStatements } from './profile.ts';

const floorCypher = (id: string) =>
  readFileSync(new URL(`../contenders/floor/cypher/${id === 'W4F' ? 'W4' : id}.cypher`, import.meta.url), 'utf8');

/** The service of another checkout (`--baseline`), loaded from its own files into this process. */
async function baselineService(dir: string, uri: string) {
  const from = (path: string) => import(pathToFileURL(resolve(dir, path)).href);
  const [{ loadConfig: config }, { Database: Db }, { createLogger: logger }, { buildYoga: yoga }] = await Promise.all([
    from('src/config/index.ts'),
    from('src/db/database.ts'),
    from('src/server/logger.ts'),
    from('src/server/yoga.ts'),
  ]);
  const database = new Db({
    ...config({ NEO4J_URI: uri, NEO4J_PASSWORD: BENCH_PASSWORD, LOG_LEVEL: 'silent' }).neo4j,
    uri,
  });
  const log: CypherLog = { statements: [] };
  captureStatements(database.driver, log);
  return { yoga: yoga({ database, logger: logger('silent') }), log, database };
}

/**
 * PROFILE db hits per workload and contender. Each contender's code runs in this process against
 * the same Neo4j with its statements captured (the service, a `--baseline` checkout's service and @neo4j/graphql
 * through the real driver, the floor's statement as written), then every captured statement is run again with
 * PROFILE (a baseline's through its own driver, whose parameter values it made).
 */
export async function profileAll(neo4j: BenchNeo4j, workloads: Workload[], params: Params, baselineDir?: string) {
  const config = loadConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: BENCH_PASSWORD, LOG_LEVEL: 'silent' });
  const database = new Database({ ...config.neo4j, uri: neo4j.uri });
  const serviceLog: CypherLog = { statements: [] };
  captureStatements(database.driver, serviceLog);
  const service = buildYoga({ database, logger: createLogger('silent') } as Parameters<typeof buildYoga>[0]);
  const baseline = baselineDir ? await baselineService(baselineDir, neo4j.uri) : null;
  const neoLog: CypherLog = { statements: [] };
  const neo = createYoga({
    schema: await neo4jGraphqlSchema(neo4j.database.driver),
    context: () => ({ executionContext: countingDriver(neo4j.database.driver, neoLog) }),
    logging: false,
  });
  const driver = neo4j.database.driver;
  const db = neo4j.database.databaseName;
  const out: Record<string, Record<string, unknown>> = {};
  try {
    for (const w of workloads) {
      const requests = w.requests(params);
      out[w.id] = {};
      const runs = [
        ['service', service, serviceLog, driver],
        ...(baseline ? [['baseline', baseline.yoga, baseline.log, baseline.database.driver] as const] : []),
        ['neo4j-graphql', neo, neoLog, driver],
      ] as const;
      for (const [id, yoga, log, profiler] of runs) {
        const request = requests[id === 'baseline' ? 'service' : id];
        if (!request) continue;
        // Twice: the first request of @neo4j/graphql also asks Neo4j for its version (once per process).
        for (let i = 0; i < 2; i++) {
          log.statements.length = 0;
          await yoga.fetch('http://bench/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(request),
          });
        }
        const captured: CypherLog = { statements: [...log.statements] };
        out[w.id]![id] = await profileStatements(profiler, db, captured);
        (out[w.id]![id] as Record<string, unknown>).cypher = captured.statements.map((s) => s.query);
      }
      const floor = requests.floor;
      if (floor) {
        const params = Object.fromEntries(
          Object.entries(floor.variables).map(([k, v]) => [k, Number.isInteger(v) ? BigInt(v as number) : v]),
        );
        out[w.id]!.floor = await profileStatements(driver, db, { statements: [{ query: floorCypher(w.id), params }] });
      }
    }
  } finally {
    await database.close();
    await baseline?.database.close();
  }
  return out;
}
