import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from './helpers/prometheus.ts';
import { slowRequest, startService } from './helpers/service.ts';
import { sleep, waitFor } from './helpers/wait.ts';

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
