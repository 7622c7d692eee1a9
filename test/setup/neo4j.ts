import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/index.ts';
import { loadTestNeo4jMode } from '../../src/config/test-neo4j.ts';
import { Database } from '../../src/db/database.ts';
import { freePort, LocalNeo4jError, startLocalNeo4j } from '../../src/devdb/local-neo4j.ts';
import { applySchemaAndSeed } from '../../src/services/seed.ts';

/**
 * One real Neo4j for the whole run, in this order:
 *   1. NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) when set;
 *   2. Testcontainers `neo4j:5.26-community` when a Docker engine answers;
 *   3. Neo4j Community 5.26 from Maven Central, started on 127.0.0.1.
 * If none can be had the run fails with instructions. Nothing is skipped.
 */
export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  via: 'NEO4J_URI' | 'testcontainers' | 'local';
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

const TEST_PASSWORD = 'test-password';

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function obtain(): Promise<{ neo4j: TestNeo4j; stop: () => Promise<void> }> {
  const config = loadConfig();
  const mode = loadTestNeo4jMode();
  if (mode === 'auto' && config.neo4j.uri) {
    const { uri, user, password, database } = config.neo4j;
    return { neo4j: { uri, user, password, database, via: 'NEO4J_URI' }, stop: async () => {} };
  }
  const docker = mode !== 'local' && (await dockerAnswers());
  if (mode === 'container' && !docker) {
    throw new Error('TEST_NEO4J=container, but no Docker engine answers (start one, or set DOCKER_HOST).');
  }
  if (docker) {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword(TEST_PASSWORD).start();
    return {
      neo4j: {
        uri: container.getBoltUri(),
        user: container.getUsername(),
        password: container.getPassword(),
        database: 'neo4j',
        via: 'testcontainers',
      },
      stop: async () => {
        await container.stop();
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ai-infra-graph-neo4j-'));
  const local = await startLocalNeo4j({
    dataDir,
    port: await freePort(),
    password: TEST_PASSWORD,
    log: (line) => console.log(`[neo4j] ${line}`),
  });
  return {
    neo4j: { uri: local.uri, user: 'neo4j', password: TEST_PASSWORD, database: 'neo4j', via: 'local' },
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  let obtained: Awaited<ReturnType<typeof obtain>>;
  try {
    obtained = await obtain();
  } catch (error) {
    const help = error instanceof LocalNeo4jError ? '' : `\n${new LocalNeo4jError('').message}`;
    throw new Error(`Integration tests need a real Neo4j and none could be had: ${(error as Error).message}${help}`);
  }
  const { neo4j } = obtained;
  console.log(`[neo4j] tests use ${neo4j.uri} (via ${neo4j.via})`);
  const config = loadConfig();
  const database = new Database({ ...config.neo4j, ...neo4j });
  try {
    await database.verify();
    await applySchemaAndSeed(database.scope('test-setup'));
  } finally {
    await database.close();
  }
  project.provide('neo4j', neo4j);
  return obtained.stop;
}
