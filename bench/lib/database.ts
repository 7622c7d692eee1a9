import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.ts';
import { Database } from '../../src/db/database.ts';
import { freePort, type LocalNeo4j, NEO4J_VERSION, startLocalNeo4j } from '../../src/devdb/local-neo4j.ts';
import { importFile } from '../../src/services/import/importer.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, updateSchema } from '../../src/services/migrations.ts';

export const BENCH_PASSWORD = 'bench-password';

export interface BenchNeo4j {
  uri: string;
  local: LocalNeo4j;
  database: Database;
  neo4jVersion: string;
  stop(): Promise<void>;
}

/** A fresh local Neo4j on a scratch directory and a free port, with the service's constraints and indexes. */
export async function startBenchNeo4j(log: (line: string) => void): Promise<BenchNeo4j> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-neo4j-'));
  const local = await startLocalNeo4j({ dataDir: dir, port: await freePort(), password: BENCH_PASSWORD, log });
  const config = loadConfig({ NEO4J_URI: local.uri, NEO4J_PASSWORD: BENCH_PASSWORD, NEO4J_QUERY_TIMEOUT_MS: '600000' });
  const database = new Database({ ...config.neo4j, uri: local.uri });
  await database.verify();
  await updateSchema(database.scope('bench'), { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
  return {
    uri: local.uri,
    local,
    database,
    neo4jVersion: NEO4J_VERSION,
    async stop() {
      await database.close();
      await local.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports the NDJSON file through the service's own streaming bulk importer (as `npm run import`) and reports the rate. */
export async function importDataset(database: Database, file: string) {
  const started = performance.now();
  const { counts, validation, written } = await importFile(database.scope('bench-import'), file, { batchSize: 1000 });
  if (!written) throw new Error(`${validation.rejected.length} line(s) of ${file} rejected: nothing imported`);
  const seconds = (performance.now() - started) / 1000;
  return { counts, lines: validation.lines, seconds, linesPerSecond: Math.round(validation.lines / seconds) };
}
