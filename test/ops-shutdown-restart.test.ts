import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/devdb/local-neo4j.ts';
import { NODE, post, ROOT, slowRequest, startService } from './helpers/service.ts';
import { sleep, waitFor } from './helpers/wait.ts';

/**
 * The README's recovery path for `npm start` on the local Neo4j: the Neo4j it started dies by a signal, the
 * operator runs `npm run neo4j:start` on the same data and port, and the service carries on. A later SIGTERM must
 * still end the way shutdown promises (exit 1 when requests were cut, and the "shutdown complete" line).
 */
const dir = mkdtempSync(join(tmpdir(), 'ops-restart-'));
const localEnv = (port: number) => ({
  NEO4J_LOCAL_DIR: join(dir, 'data'),
  NEO4J_LOCAL_PORT: String(port),
  NEO4J_PASSWORD: 'restart-test-password',
});

/** `npm run neo4j:start|stop` with this test's data directory and port. */
function neo4jLocal(command: 'start' | 'stop', port: number) {
  return execFileSync(NODE, ['scripts/neo4j-local.ts', command], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...localEnv(port) },
    encoding: 'utf8',
    timeout: 200_000,
  });
}

/** The pids of a process's children (Linux). */
const childrenOf = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);

let neo4jPort = 0;
afterAll(() => {
  if (neo4jPort) neo4jLocal('stop', neo4jPort);
  rmSync(dir, { recursive: true, force: true });
});

describe('shutdown after the local Neo4j was killed and started again by hand', () => {
  it('exits 1 and logs "shutdown complete" when SIGTERM cuts a request', async () => {
    neo4jPort = await freePort();
    const service = await startService(
      { ...localEnv(neo4jPort), SHUTDOWN_TIMEOUT_MS: '500' },
      { localNeo4j: true, startTimeoutMs: 200_000 },
    );
    const [java] = childrenOf(service.child.pid!);
    expect(java).toBeGreaterThan(0);
    process.kill(java!, 'SIGKILL');
    await waitFor(() => service.logs.some((l) => /neo4j unreachable/.test(l.msg ?? '')), 30_000, 50);

    expect(neo4jLocal('start', neo4jPort)).toMatch(/NEO4J_URI=bolt:\/\/127\.0\.0\.1:/);
    // The service finds the restarted Neo4j by itself and answers again.
    await waitFor(() => service.logs.some((l) => /neo4j reachable again/.test(l.msg ?? '')), 60_000, 50);
    const answer = await post(service.port, '{ system { version neo4jVersion } }');
    expect(answer.body.data.system.neo4jVersion).toMatch(/^5\.26\./);

    const slow = slowRequest(service.port);
    slow.response.catch(() => {});
    await sleep(300);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(1);
    expect(service.logs.find((l) => l.msg === 'shutdown complete')).toMatchObject({ outcome: 'deadline', code: 1 });
  }, 400_000);
});
