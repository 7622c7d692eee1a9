import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.ts';

/**
 * Neo4j Community 5.26 from Maven Central, embedded in a tiny Java launcher with only Bolt on
 * 127.0.0.1. The fallback when neither NEO4J_URI nor a Docker engine is available.
 */
/**
 * How long a local Neo4j may take to answer. A quiet 2-core machine needs 15–30 s; the same machine shared by eight
 * test runs took 90–165 s and, at a load average of 40, more than 180 s. Past this, start fails loudly.
 */
const START_TIMEOUT_MS = 600_000;
export const NEO4J_LOCAL_HOME = resolve(REPO_ROOT, 'neo4j-local');
const LIB_DIR = resolve(NEO4J_LOCAL_HOME, 'lib');
export const NEO4J_VERSION = '5.26.19';

const HOW_TO_GET_ONE = [
  'How to get a Neo4j for this project:',
  '  - set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to a running Neo4j 5.26, or',
  '  - start a Docker engine (tests then use Testcontainers with neo4j:5.26-community), or',
  '  - install a JDK 17+ and Maven 3.8+ (apt-get install openjdk-17-jdk-headless maven) so that',
  '    `npm run neo4j:fetch` can take Neo4j Community from Maven Central.',
].join('\n');

export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(`${message}\n${HOW_TO_GET_ONE}`);
    this.name = 'LocalNeo4jError';
  }
}

function hasTool(cmd: string, args: string[]) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function jarsPresent(): boolean {
  return existsSync(LIB_DIR) && readdirSync(LIB_DIR).includes(`neo4j-${NEO4J_VERSION}.jar`);
}

/** Copies the pinned Neo4j jars from Maven Central into neo4j-local/lib (once; cached by ~/.m2). */
export function ensureNeo4jJars(log: (line: string) => void = () => {}): void {
  if (jarsPresent()) return;
  if (!hasTool('java', ['-version'])) throw new LocalNeo4jError('No Neo4j: `java` was not found.');
  if (!hasTool('mvn', ['-v'])) throw new LocalNeo4jError('No Neo4j: `mvn` was not found.');
  log(`Fetching Neo4j Community ${NEO4J_VERSION} from Maven Central …`);
  try {
    execFileSync(
      'mvn',
      ['-B', '-q', 'dependency:copy-dependencies', '-DoutputDirectory=lib', '-DincludeScope=runtime'],
      { cwd: NEO4J_LOCAL_HOME, stdio: ['ignore', 'inherit', 'inherit'] },
    );
  } catch (error) {
    throw new LocalNeo4jError(`No Neo4j: Maven could not fetch org.neo4j:neo4j:${NEO4J_VERSION} (${error}).`);
  }
  if (!jarsPresent()) throw new LocalNeo4jError('No Neo4j: Maven ran but the Neo4j jar is missing.');
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface LocalNeo4j {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const JAVA_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Xms256m',
  '-Xmx1g',
];

export interface StartOptions {
  dataDir: string;
  port: number;
  password: string;
  detached?: boolean;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Starts the launcher and resolves once it prints its ready line. */
export async function startLocalNeo4j(options: StartOptions): Promise<LocalNeo4j> {
  const log = options.log ?? (() => {});
  ensureNeo4jJars(log);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      ...JAVA_FLAGS,
      '-cp',
      `${LIB_DIR}/*`,
      resolve(NEO4J_LOCAL_HOME, 'Launcher.java'),
      dataDir,
      String(options.port),
      options.password,
      // An attached Neo4j ends with us (its stdin closes); a detached one (npm run neo4j:start) lives on.
      ...(options.detached ? [] : ['--exit-with-parent']),
    ],
    { stdio: [options.detached ? 'ignore' : 'pipe', 'pipe', 'pipe'], detached: options.detached ?? false },
  );
  let output = '';
  const ready = new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () =>
        fail(
          new LocalNeo4jError(
            `Local Neo4j did not start within ${options.timeoutMs ?? START_TIMEOUT_MS} ms.\n${output.slice(-2000)}`,
          ),
        ),
      options.timeoutMs ?? START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /NEO4J_READY (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new LocalNeo4jError(`Local Neo4j exited with code ${code} before it was ready.\n${output.slice(-2000)}`));
    });
  });
  const uri = await ready;
  child.removeAllListeners('exit');
  // Settles whenever the process ends, also by a signal (then exitCode stays null and signalCode is set) and also
  // when that happened long before stop() is called (e.g. the Neo4j was SIGKILLed and started again by hand).
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  log(`Local Neo4j ${NEO4J_VERSION} ready at ${uri} (data in ${dataDir})`);
  return {
    uri,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
      force.unref();
      await exited;
      clearTimeout(force);
    },
  };
}
