import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { neo4jEnv } from './helpers/app.ts';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';
import { sleep, waitFor } from './helpers/wait.ts';

/** The real entry point (src/index.ts) as a child process, against the run's Neo4j. */
const ROOT = resolve(import.meta.dirname, '..');
const NODE = resolve(ROOT, 'node_modules/.bin/node');

async function startService(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(NODE, ['src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...neo4jEnv(),
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: { msg?: string; [field: string]: unknown }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) logs.push(JSON.parse(line));
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  await waitFor(
    () => logs.some((l) => /GraphQL and GraphiQL on/.test(l.msg ?? '')) || child.exitCode !== null,
    60_000,
    25,
  );
  if (child.exitCode !== null) throw new Error(`service exited early: ${stderr}`);
  return { child, port, logs, exited };
}

/** A GraphQL POST whose body is sent in two halves, so the request is in flight for as long as we like. */
function slowRequest(port: number) {
  const body = JSON.stringify({ query: 'query OpsShutdown { system { version } }' });
  let sendRest = () => {};
  const response = new Promise<{ status: number; body: string }>((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
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
    req.write(body.slice(0, 10));
    sendRest = () => req.end(body.slice(10));
  });
  return { response, sendRest: () => sendRest() };
}

/** Waits until the service itself counts the slow request as in flight (its /metrics), instead of guessing a delay. */
async function untilInFlight(port: number) {
  for (let i = 0; i < 400; i++) {
    const metrics = parsePrometheus(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    if (sampleValue(metrics, 'graphql_requests_in_flight') === 1) return;
    await sleep(25);
  }
  throw new Error('the slow request never reached the service');
}

function connects(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      ok(true);
    });
    req.on('error', () => ok(false));
    req.end();
  });
}

describe('graceful shutdown (SIGTERM)', () => {
  it('finishes the in-flight request, refuses new connections, closes the driver and exits 0', async () => {
    const { child, port, logs, exited } = await startService({ SHUTDOWN_TIMEOUT_MS: '20000' });
    expect(await connects(port)).toBe(true);
    const slow = slowRequest(port);
    await untilInFlight(port);
    child.kill('SIGTERM');
    // The listener is closed in the same tick as this line is logged.
    await waitFor(() => logs.some((l) => /^shutting down/.test(l.msg ?? '')), 30_000, 25);
    expect(await connects(port)).toBe(false);
    expect(child.exitCode).toBeNull(); // still serving the request in flight
    slow.sendRest();
    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.system.version).toMatch(/\d+\.\d+\.\d+/);
    expect(await exited).toBe(0);
    const done = logs.find((l) => l.msg === 'shutdown complete');
    expect(done).toMatchObject({ outcome: 'drained', code: 0 });
    expect(logs.find((l) => l.msg === 'request' && l.operation === 'OpsShutdown')).toMatchObject({ status: 200 });
  });

  it('cuts what is still open at the deadline and says so with exit code 1', async () => {
    const { child, port, logs, exited } = await startService({ SHUTDOWN_TIMEOUT_MS: '500' });
    const slow = slowRequest(port);
    slow.response.catch(() => {});
    await untilInFlight(port);
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    await expect(slow.response).rejects.toThrow();
    expect(logs.find((l) => l.msg === 'shutdown complete')).toMatchObject({ outcome: 'deadline', code: 1 });
  });
});
