import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CYPHER_DIR } from '../src/db/statements.ts';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { neo4jEnv, testApp } from './helpers/app.ts';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';
import { type LogLine, NODE, ROOT, type Service, slowRequest, startService } from './helpers/service.ts';
import { sleep, waitFor } from './helpers/wait.ts';

/**
 * WORKERS=2 through the real entry (src/start.ts): one port, both workers answering, migrations applied once, a
 * killed worker restarted with a growing delay, and SIGTERM draining every worker before the primary exits 0.
 */
const { database } = testApp();
afterAll(() => database.close());
const MIGRATION_FILES = readdirSync(join(CYPHER_DIR, 'migrations')).filter((f) => f.endsWith('.cypher'));
const QUERY = 'query WorkersTest { entity(key: "company:tencent") { key name } }';

async function cypher(text: string) {
  const session = database.driver.session({ database: database.databaseName });
  try {
    return (await session.run(text)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

/** One request on a connection of its own (the primary hands each connection to the next worker). */
function fresh(port: number, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body ? 'POST' : 'GET',
        agent: false,
        headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function askTencent(port: number) {
  const answer = await fresh(port, '/graphql', JSON.stringify({ query: QUERY }));
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({
    data: { entity: { key: 'company:tencent', name: 'Tencent' } },
  });
}

const requestLines = (logs: LogLine[]) => logs.filter((l) => l.msg === 'request' && l.operation === 'WorkersTest');
const listening = (logs: LogLine[]) => logs.filter((l) => l.msg === 'worker listening');

/** Asks until a request was logged by `worker` (each connection goes to the next worker in turn). */
async function servedBy(service: Service, worker: unknown) {
  for (let i = 0; i < 40; i++) {
    await askTencent(service.port);
    if (requestLines(service.logs).some((l) => l.worker === worker)) return;
  }
  throw new Error(`worker ${worker} answered none of 40 requests`);
}

describe('WORKERS=2 (node:cluster behind one port)', () => {
  it('serves from both workers, migrates once, restarts a killed worker with back-off, and drains on SIGTERM', async () => {
    // A graph whose ledger is gone: every migration is pending again (each one is safe to re-run on migrated data).
    await cypher('MATCH (n) WHERE n:Migration OR n:MigrationLock DETACH DELETE n');
    const service = await startService(
      { WORKERS: '2', SHUTDOWN_TIMEOUT_MS: '20000' },
      { entry: 'src/start.ts', ready: /workers serve/, startTimeoutMs: 180_000 },
    );
    const { logs, port, child } = service;
    try {
      await waitFor(() => listening(logs).length === 2, 120_000, 25);
      const [first, second] = listening(logs);
      expect(first?.pid).not.toBe(second?.pid);
      expect(logs.find((l) => /workers serve/.test(l.msg ?? ''))).toMatchObject({ workers: 2, port, role: 'primary' });
      // Migrations: each applied once, by the first worker, before the second one started.
      const applied = logs.filter((l) => /^applied migration /.test(l.msg ?? ''));
      expect(applied.map((l) => l.migration).sort()).toEqual(MIGRATION_FILES.map((f) => f.replace(/\.cypher$/, '')));
      expect(new Set(applied.map((l) => l.worker))).toEqual(new Set([first?.worker]));
      const ledger = await cypher('MATCH (m:Migration) RETURN m.id AS id');
      expect(ledger.length).toBe(MIGRATION_FILES.length);

      // Both workers answer on the one port.
      for (let i = 0; i < 10; i++) await askTencent(port);
      await servedBy(service, first?.worker);
      await servedBy(service, second?.worker);

      // A killed worker: the other keeps answering, and it comes back after 1 s.
      process.kill(Number(first?.pid), 'SIGKILL');
      await waitFor(() => logs.some((l) => l.msg === 'worker died: restarting it'), 30_000, 25);
      expect(logs.find((l) => l.msg === 'worker died: restarting it')).toMatchObject({
        slot: 1,
        worker: first?.worker,
        signal: 'SIGKILL',
        restartInMs: 1000,
      });
      for (let i = 0; i < 5; i++) await askTencent(port);
      await waitFor(() => listening(logs).length === 3, 120_000, 25);
      const third = listening(logs)[2];
      expect(third).toMatchObject({ slot: 1 });
      expect(third?.pid).not.toBe(first?.pid);
      await servedBy(service, third?.worker);

      // Killed again soon after: the delay doubles (no hot loop).
      process.kill(Number(third?.pid), 'SIGKILL');
      await waitFor(() => logs.filter((l) => l.msg === 'worker died: restarting it').length === 2, 30_000, 25);
      expect(logs.filter((l) => l.msg === 'worker died: restarting it')[1]).toMatchObject({
        slot: 1,
        restartInMs: 2000,
      });
      await waitFor(() => listening(logs).length === 4, 120_000, 25);
      const fourth = listening(logs)[3];

      // SIGTERM to the primary with a request in flight: every worker drains, the request is answered whole.
      const slow = slowRequest(port, 'WorkersSlow');
      await untilInFlight(port);
      child.kill('SIGTERM');
      await waitFor(() => logs.filter((l) => /^shutting down/.test(l.msg ?? '')).length === 2, 30_000, 25);
      slow.sendRest();
      const answer = await slow.response;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body).data.system.version).toMatch(/\d+\.\d+\.\d+/);
      expect(await service.exited).toBe(0);
      const done = logs.filter((l) => l.msg === 'shutdown complete');
      expect(done.map((l) => [l.worker, l.outcome, l.code]).sort()).toEqual(
        [
          [second?.worker, 'drained', 0],
          [fourth?.worker, 'drained', 0],
        ].sort(),
      );
      expect(logs.filter((l) => l.msg === 'worker stopped').map((l) => l.code)).toEqual([0, 0]);
    } catch (error) {
      console.log(logs.map((l) => JSON.stringify(l)).join('\n'));
      throw error;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      for (const line of listening(logs)) {
        try {
          process.kill(Number(line.pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }, 600_000);

  it('stops with exit code 1, without restarting, when the first worker cannot start', async () => {
    const child = spawn(NODE, ['src/start.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...neo4jEnv(),
        NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`,
        NEO4J_CONNECTION_TIMEOUT_MS: '500',
        PORT: String(await freePort()),
        WORKERS: '2',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const code = await new Promise<number | null>((ok) => child.once('exit', ok));
    const logs = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
    expect(code).toBe(1);
    expect(logs.filter((l) => l.msg === 'worker listening')).toEqual([]);
    expect(logs.find((l) => l.level === 60 && l.role === 'primary')).toMatchObject({
      msg: 'the first worker exited before it listened: not starting',
      slot: 1,
      code: 1,
    });
    // The second worker was never started, and the first not restarted.
    expect(logs.filter((l) => l.msg === 'worker died: restarting it')).toEqual([]);
  });
});

/** Until one worker counts the slow request as in flight (each /metrics answer is one worker's own figures). */
async function untilInFlight(port: number) {
  for (let i = 0; i < 400; i++) {
    const metrics = parsePrometheus((await fresh(port, '/metrics')).body);
    if (sampleValue(metrics, 'graphql_requests_in_flight') === 1) return;
    await sleep(25);
  }
  throw new Error('the slow request never reached a worker');
}
