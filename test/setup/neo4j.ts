import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/index.ts';
import { loadTestNeo4jMode, type TestNeo4jMode } from '../../src/config/test-neo4j.ts';
import { Database } from '../../src/db/database.ts';
import { DockerImageError, ensureNeo4jImage, IMAGES, officialImageAvailable } from '../../src/devdb/images.ts';
import { freePort, LocalNeo4jError, startLocalNeo4j } from '../../src/devdb/local-neo4j.ts';
import { applySchemaAndSeed } from '../../src/services/seed.ts';
import { claimForTests } from '../helpers/graph.ts';

/**
 * One real Neo4j for the whole run. TEST_NEO4J (src/config/test-neo4j.ts) picks the path:
 *   auto (default): 1. NEO4J_URI (+ NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE) when set;
 *                   2. Testcontainers when a Docker engine answers: `neo4j:5.26-community` when the engine has
 *                      or can pull it, else the image built from the Maven jars (src/devdb/images.ts);
 *                   3. Neo4j Community 5.26 from Maven Central, started on 127.0.0.1.
 *   container / local: only that path; if it cannot be had the run fails saying how to get it.
 * Nothing is skipped.
 */
export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
  database: string;
  via: 'NEO4J_URI' | 'testcontainers' | 'local';
  /** The image the container runs (testcontainers only). */
  image?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

const TEST_PASSWORD = 'test-password';
/** Ryuk (testcontainers/ryuk) needs a registry; instead our containers carry this label and we reap them. */
const OWNER_LABEL = 'org.ai-infra-graph.test-owner';
const OWNER = `${hostname()}:${process.pid}`;
const log = (line: string) => console.log(`[neo4j] ${line}`);

const HOW_TO_GET_DOCKER = [
  'TEST_NEO4J=container needs a Docker engine the docker CLI and Testcontainers can reach:',
  '  apt-get install docker.io && dockerd &   (as root; or set DOCKER_HOST to a running engine)',
  'With no registry the image is built from the Maven jars (`npm run neo4j:fetch && npm run images:build`,',
  'needs mmdebstrap unless the engine has neo4j:5.26-community). Or run TEST_NEO4J=local for the jar path.',
].join('\n');

type Obtained = { neo4j: TestNeo4j; stop: () => Promise<void> };

async function runtimeClient() {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  const { getContainerRuntimeClient } = await import('testcontainers');
  return getContainerRuntimeClient();
}

async function dockerAnswers(): Promise<boolean> {
  try {
    await runtimeClient();
    return true;
  } catch {
    return false;
  }
}

function ownerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

/** Ryuk's job without Ryuk: remove the containers (running or not) of earlier runs on this host whose process is gone. */
function reapStaleContainers(): void {
  const listed = spawnSync(
    'docker',
    ['ps', '--all', '--filter', `label=${OWNER_LABEL}`, '--format', `{{.ID}} {{.Label "${OWNER_LABEL}"}}`],
    { encoding: 'utf8' },
  );
  if (listed.status !== 0) throw new Error(`docker ps failed: ${listed.stderr || listed.error}`);
  for (const line of listed.stdout.split('\n').filter(Boolean)) {
    const [id = '', owner = ''] = line.split(' ');
    if (ownerAlive(owner)) continue;
    log(`removing container ${id} left by an earlier run (${owner})`);
    spawnSync('docker', ['rm', '--force', '--volumes', id], { stdio: 'ignore' });
  }
}

function chooseImage(): string {
  if (officialImageAvailable(IMAGES.officialNeo4j, log)) return IMAGES.officialNeo4j;
  log('the engine cannot pull the official image; using the one built from the Maven jars');
  return ensureNeo4jImage(log, false).image;
}

async function viaContainer(): Promise<Obtained> {
  reapStaleContainers();
  const image = chooseImage();
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const started = Date.now();
  const container = await new Neo4jContainer(image)
    .withPassword(TEST_PASSWORD)
    .withLabels({ [OWNER_LABEL]: OWNER })
    .start();
  log(
    `container ${container.getId().slice(0, 12)} from ${image} started in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    neo4j: {
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      database: 'neo4j',
      via: 'testcontainers',
      image,
    },
    stop: async () => {
      await container.stop({ remove: true, removeVolumes: true });
    },
  };
}

async function viaLocalJars(): Promise<Obtained> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ai-infra-graph-neo4j-'));
  const started = Date.now();
  const local = await startLocalNeo4j({
    dataDir,
    port: await freePort(),
    password: TEST_PASSWORD,
    log,
  });
  log(`local Neo4j from the Maven jars started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    neo4j: { uri: local.uri, user: 'neo4j', password: TEST_PASSWORD, database: 'neo4j', via: 'local' },
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function obtain(mode: TestNeo4jMode): Promise<Obtained> {
  const config = loadConfig();
  if (mode === 'local') return viaLocalJars();
  if (mode === 'container') {
    if (!(await dockerAnswers()))
      throw new Error(`TEST_NEO4J=container, but no Docker engine answers.\n${HOW_TO_GET_DOCKER}`);
    try {
      return await viaContainer();
    } catch (error) {
      throw new Error(
        `TEST_NEO4J=container, but no Neo4j container could be started: ${(error as Error).message}\n${HOW_TO_GET_DOCKER}`,
      );
    }
  }
  if (config.neo4j.uri) {
    const { uri, user, password, database } = config.neo4j;
    return { neo4j: { uri, user, password, database, via: 'NEO4J_URI' }, stop: async () => {} };
  }
  if (await dockerAnswers()) {
    try {
      return await viaContainer();
    } catch (error) {
      // auto: an engine that can neither pull nor build the image is no reason to fail; the jars remain.
      if (!(error instanceof DockerImageError)) throw error;
      log(`no Neo4j image (${error.message.split('\n')[0]}); falling back to the local jars`);
    }
  }
  return viaLocalJars();
}

export default async function setup(project: TestProject) {
  const mode = loadTestNeo4jMode();
  let obtained: Obtained;
  try {
    obtained = await obtain(mode);
  } catch (error) {
    const help = error instanceof LocalNeo4jError || mode === 'container' ? '' : `\n${new LocalNeo4jError('').message}`;
    throw new Error(`Integration tests need a real Neo4j and none could be had: ${(error as Error).message}${help}`);
  }
  const { neo4j } = obtained;
  log(`tests use ${neo4j.uri} (via ${neo4j.via}${neo4j.image ? `, image ${neo4j.image}` : ''}; TEST_NEO4J=${mode})`);
  const config = loadConfig();
  // Loading the seed is the first work of a cold JVM; on a loaded machine it can outlast the per-query default.
  const queryTimeoutMs = Math.max(config.neo4j.queryTimeoutMs, 120_000);
  const database = new Database({ ...config.neo4j, queryTimeoutMs, ...neo4j });
  try {
    await database.verify();
    if (neo4j.via === 'NEO4J_URI') await claimForTests(database, neo4j.uri);
    await applySchemaAndSeed(database.scope('test-setup'));
  } catch (error) {
    await obtained.stop();
    throw error;
  } finally {
    await database.close();
  }
  project.provide('neo4j', neo4j);
  return obtained.stop;
}
