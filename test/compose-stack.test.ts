import { execFile, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  engineAnswers,
  ensureApiImage,
  ensureNeo4jImage,
  IMAGES,
  officialImageAvailable,
} from '../src/devdb/images.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { exampleQueries } from '../src/server/examples.ts';

/**
 * `docker compose` for real (npm run test:compose; .ci/run runs it): docker-compose.yml brings up Neo4j and the
 * service, the README's example questions are asked through the published port, Neo4j is recreated on its volume,
 * the service is stopped with SIGTERM and drains, and `down -v` removes everything. Needs a Docker engine: without
 * one this fails, saying how to get one (`npm test` does not include this file).
 */
const ROOT = resolve(import.meta.dirname, '..');
const PROJECT = `aigraph-compose-${process.pid}-${randomBytes(3).toString('hex')}`;
const timings: Array<[string, number]> = [];
const log = (line: string) => console.log(`[compose] ${line}`);

async function timed<T>(step: string, run: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    timings.push([step, seconds]);
    log(`${step}: ${seconds.toFixed(1)} s`);
  }
}

function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  throw new Error('Neither `docker compose` nor `docker-compose` runs: apt-get install docker-compose');
}

let command: string[] = [];
let files: string[] = [];
let env: NodeJS.ProcessEnv = {};
let apiUrl = '';

function compose(...args: string[]): SpawnSyncReturns<string> {
  const [bin = 'docker', ...pre] = command;
  const result = spawnSync(bin, [...pre, '--project-name', PROJECT, ...files.flatMap((f) => ['-f', f]), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${command.join(' ')} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  return result;
}

/** Like compose(), without blocking the event loop (requests in flight keep going). */
function composeAsync(...args: string[]): Promise<string> {
  const [bin = 'docker', ...pre] = command;
  const argv = [...pre, '--project-name', PROJECT, ...files.flatMap((f) => ['-f', f]), ...args];
  return new Promise((ok, fail) => {
    execFile(bin, argv, { cwd: ROOT, env }, (error, stdout, stderr) =>
      error ? fail(new Error(`${command.join(' ')} ${args.join(' ')} failed: ${stderr}`)) : ok(stdout),
    );
  });
}

function containerOf(service: string): string {
  return compose('ps', '-q', service).stdout.trim();
}

function docker(...args: string[]): string {
  const result = spawnSync('docker', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout.trim();
}

async function waitForReady(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${apiUrl}/ready`);
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  const logs = compose('logs', '--no-color', '--tail', '40').stdout;
  throw new Error(`/ready did not answer 200 within ${timeoutMs} ms (last: ${last})\n${logs}`);
}

interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown>; errors?: unknown[] };
}

async function ask(query: string): Promise<GraphQLAnswer> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

/** Every README example, answered through the published port: name → data. */
async function askAllExamples(): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const { name, query } of exampleQueries()) {
    const { status, body } = await ask(query);
    expect(status, name).toBe(200);
    expect(body.errors, `${name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
    answers[name] = body.data;
  }
  return answers;
}

describe(`docker compose (project ${PROJECT})`, () => {
  beforeAll(async () => {
    if (!engineAnswers()) {
      throw new Error(
        'npm run test:compose needs a Docker engine and `docker info` fails.\n' +
          'Get one: apt-get install docker.io docker-compose && dockerd &  (as root), or set DOCKER_HOST.\n' +
          'Without Docker, `npm test` (the local Neo4j path) is the test command.',
      );
    }
    command = composeCommand();
    const neo4jOfficial = officialImageAvailable(IMAGES.officialNeo4j, log);
    const images = await timed('images (build or reuse)', () => ({
      neo4j: neo4jOfficial ? IMAGES.officialNeo4j : ensureNeo4jImage(log, false).image,
      api: ensureApiImage(log).image,
    }));
    files = ['docker-compose.yml', ...(neo4jOfficial ? [] : ['docker-compose.local.yml'])];
    const [apiPort, boltPort, httpPort] = [await freePort(), await freePort(), await freePort()];
    env = {
      ...process.env,
      NEO4J_IMAGE: images.neo4j,
      API_IMAGE: images.api,
      API_PORT: String(apiPort),
      NEO4J_BOLT_PORT: String(boltPort),
      NEO4J_HTTP_PORT: String(httpPort),
      PUBLISH_ADDRESS: '127.0.0.1',
      // A cold Neo4j on a busy CI machine; this test is about the wiring, not speed.
      NEO4J_QUERY_TIMEOUT_MS: '120000',
    };
    apiUrl = `http://127.0.0.1:${apiPort}`;
    log(`${command.join(' ')} -f ${files.join(' -f ')}: neo4j ${images.neo4j}, api ${images.api}, api on ${apiUrl}`);
  }, 900_000);

  afterAll(() => {
    if (command.length === 0) return;
    try {
      compose('down', '-v', '--remove-orphans', '--timeout', '20');
    } finally {
      console.log(
        `[compose] timings:\n${timings.map(([step, s]) => `  ${step.padEnd(44)} ${s.toFixed(1)} s`).join('\n')}`,
      );
    }
  }, 120_000);

  let before: Record<string, unknown> = {};

  it('comes up and /ready answers 200 through the published port', async () => {
    await timed('up -d', () => compose('up', '-d', '--no-build'));
    await timed('until /ready = 200', () => waitForReady(300_000));
    expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
  }, 420_000);

  it("answers the README's example questions", async () => {
    before = await timed('README examples', askAllExamples);
    expect(Object.keys(before)).toEqual(exampleQueries().map((e) => e.name));
    // Figures stated in the README ("Asking questions"), independently of the code.
    const ranking = before['01-capex-ranking.graphql'] as {
      metricByCompany: { rows: Array<{ growthRank: number; company: { name: string } }> };
    };
    expect(ranking.metricByCompany.rows.map((r) => [r.growthRank, r.company.name])).toEqual([
      [1, 'Tencent'],
      [2, 'Alibaba Group'],
      [3, 'Baidu'],
    ]);
    const path = before['07-path.graphql'] as { paths: Array<{ length: number }> };
    expect(path.paths[0]?.length).toBe(2);
  }, 120_000);

  it('keeps the graph when the Neo4j container is replaced (the data is in the volume)', async () => {
    const old = containerOf('neo4j');
    await timed('neo4j: stop + rm + up (new container)', () => {
      compose('stop', 'neo4j');
      compose('rm', '-f', 'neo4j');
      compose('up', '-d', '--no-deps', 'neo4j');
    });
    expect(containerOf('neo4j')).not.toBe(old);
    // The service is not restarted: it notices Neo4j is back by itself, and it seeds only at its own start.
    await timed('until /ready = 200 again', () => waitForReady(300_000));
    const after = await timed('README examples again', askAllExamples);
    expect(after).toEqual(before);
  }, 720_000);

  it('drains on SIGTERM and exits 0', async () => {
    const api = containerOf('api');
    const query = exampleQueries()[0]?.query ?? '{ __typename }';
    // Requests racing the stop: each is either answered whole (200, no error) or refused a connection.
    const inFlight = Array.from({ length: 8 }, () =>
      ask(query).then(
        (a) => (a.body.errors ? `errors ${JSON.stringify(a.body.errors)}` : a.status),
        (error: Error) => `refused (${String(error.cause ?? error).slice(0, 60)})`,
      ),
    );
    await timed('stop api (SIGTERM, drain)', () => composeAsync('stop', '--timeout', '15', 'api'));
    const statuses = await Promise.all(inFlight);
    log(`requests around the stop: ${JSON.stringify(statuses)}`);
    expect(statuses.filter((s) => s !== 200 && !String(s).startsWith('refused'))).toEqual([]);
    expect(docker('inspect', '--format', '{{.State.ExitCode}}', api)).toBe('0');
    const logs = docker('logs', api);
    expect(logs).toContain('shutting down: no new connections, finishing in-flight requests');
    expect(logs).toMatch(/"outcome":"drained","code":0,"msg":"shutdown complete"/);
  }, 120_000);

  it('down -v removes the containers and the volume', async () => {
    await timed('down -v', () => compose('down', '-v', '--remove-orphans', '--timeout', '20'));
    expect(docker('ps', '-a', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`)).toBe('');
    expect(docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`)).toBe('');
  }, 120_000);
});
