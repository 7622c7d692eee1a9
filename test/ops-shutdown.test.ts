import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { slowRequest, startService } from './helpers/service.ts';
import { sleep, waitFor } from './helpers/wait.ts';

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
    await sleep(300);
    child.kill('SIGTERM');
    await waitFor(() => logs.some((l) => /^shutting down/.test(l.msg ?? '')), 10_000, 25);
    await sleep(200);
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
    await sleep(300);
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    await expect(slow.response).rejects.toThrow();
    expect(logs.find((l) => l.msg === 'shutdown complete')).toMatchObject({ outcome: 'deadline', code: 1 });
  });
});
