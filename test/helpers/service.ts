import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from '../../src/devdb/local-neo4j.ts';
import { neo4jEnv } from './app.ts';
import { waitFor } from './wait.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const NODE = resolve(ROOT, 'node_modules/.bin/node');

export interface LogLine {
  msg?: string;
  level?: number;
  [field: string]: unknown;
}

export interface Service {
  child: ChildProcess;
  port: number;
  logs: LogLine[];
  exited: Promise<number | null>;
}

/**
 * The real entry point (src/index.ts, or `entry`, e.g. src/start.ts or the production build) as a child process. By
 * default against the run's Neo4j; with `localNeo4j` NEO4J_URI is left unset, so the service starts its own local
 * Neo4j (NEO4J_LOCAL_DIR/PORT in `env`). Resolves once a log line's msg matches `ready` (default: the listening line).
 */
export async function startService(
  env: Record<string, string>,
  options: { localNeo4j?: boolean; startTimeoutMs?: number; entry?: string; ready?: RegExp } = {},
): Promise<Service> {
  const port = await freePort();
  const ready = options.ready ?? /GraphQL and GraphiQL on/;
  const child = spawn(NODE, [options.entry ?? 'src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(options.localNeo4j ? {} : neo4jEnv()),
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
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
    () => logs.some((l) => ready.test(l.msg ?? '')) || child.exitCode !== null,
    options.startTimeoutMs ?? 60_000,
    25,
  );
  if (child.exitCode !== null) throw new Error(`service exited early: ${stderr}`);
  return { child, port, logs, exited };
}

/** A GraphQL POST whose body is sent in two halves, so the request is in flight for as long as we like. */
export function slowRequest(port: number, operation = 'OpsShutdown') {
  const body = JSON.stringify({ query: `query ${operation} { system { version } }` });
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

/** POSTs a GraphQL query to a running service. */
export async function post(port: number, query: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}
