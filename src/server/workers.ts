import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger.ts';
import { SHUTDOWN_MESSAGE } from './shutdown.ts';

export interface WorkerPoolOptions {
  /** Service processes to keep running. */
  count: number;
  /** The module each worker runs (src/index.ts: it listens; node:cluster shares the port). */
  exec: string;
  /** Added to each worker's environment. */
  env: Record<string, string>;
  logger: Logger;
  /** The workers' own drain deadline (SHUTDOWN_TIMEOUT_MS); a worker still running this + 5 s later is killed. */
  shutdownTimeoutMs: number;
  /** Restart delays: the first, the most, and how long a worker must have run for its slot's delay to start over. */
  backoff?: { firstMs: number; maxMs: number; resetAfterMs: number };
}

const DEFAULT_BACKOFF = { firstMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };
const KILL_GRACE_MS = 5_000;

interface Slot {
  number: number;
  worker: Worker | undefined;
  startedAt: number;
  /** Restarts since the slot last ran for backoff.resetAfterMs. */
  failures: number;
  restart: NodeJS.Timeout | undefined;
}

/**
 * The primary of WORKERS > 1: forks one worker first (it applies migrations and loads the seed into an empty graph)
 * and the others once it listens, restarts a worker that dies with a growing delay (1 s, 2 s, 4 s … 30 s; back to 1 s
 * after a minute up), and on SIGTERM/SIGINT asks every worker to drain (over IPC: a signal to the primary reaches no
 * worker) and waits for them. Resolves with the exit code: 0 when every worker drained, else 1 — also when the first
 * worker fails before it listens (a refused migration, Neo4j unreachable), since a restart would fail the same way.
 */
export function superviseWorkers(options: WorkerPoolOptions): Promise<number> {
  const { count, logger, env } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const slots: Slot[] = Array.from({ length: count }, (_, i) => ({
    number: i + 1,
    worker: undefined,
    startedAt: 0,
    failures: 0,
    restart: undefined,
  }));
  let everListened = false;
  let stopping = false;
  let failed = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((ok) => (finish = ok));

  cluster.setupPrimary({ exec: options.exec });

  const fork = (slot: Slot) => {
    slot.restart = undefined;
    slot.startedAt = Date.now();
    const worker = cluster.fork(env);
    slot.worker = worker;
    worker.once('listening', (address) => {
      // A worker asked to stop while it was still starting had no handler for the message yet: ask again.
      if (stopping) return void worker.send({ type: SHUTDOWN_MESSAGE, signal: 'stopping' });
      logger.info({ slot: slot.number, worker: worker.id, pid: worker.process.pid }, 'worker listening');
      if (everListened) return;
      everListened = true;
      for (const other of slots) if (!other.worker && !stopping) fork(other);
      logger.info(
        { workers: count, port: address.port },
        `${count} workers serve http://${address.address}:${address.port}/graphql`,
      );
    });
    worker.once('exit', (code, signal) => {
      slot.worker = undefined;
      const clean = code === 0 && !signal;
      if (stopping) {
        if (!clean) failed = true;
        logger.info({ slot: slot.number, worker: worker.id, pid: worker.process.pid, code, signal }, 'worker stopped');
        if (slots.every((s) => !s.worker)) finish(failed ? 1 : 0);
        return;
      }
      if (!everListened) {
        logger.fatal(
          { slot: slot.number, worker: worker.id, code, signal },
          'the first worker exited before it listened: not starting',
        );
        failed = true;
        stop('startup failure');
        return;
      }
      const upMs = Date.now() - slot.startedAt;
      if (upMs >= backoff.resetAfterMs) slot.failures = 0;
      const delayMs = Math.min(backoff.maxMs, backoff.firstMs * 2 ** slot.failures);
      slot.failures += 1;
      logger.error(
        { slot: slot.number, worker: worker.id, pid: worker.process.pid, code, signal, upMs, restartInMs: delayMs },
        'worker died: restarting it',
      );
      slot.restart = setTimeout(() => fork(slot), delayMs);
    });
  };

  let killer: NodeJS.Timeout | undefined;
  function stop(reason: string) {
    stopping = true;
    for (const slot of slots) clearTimeout(slot.restart);
    const running = slots.flatMap((s) => (s.worker ? [s.worker] : []));
    logger.info({ reason, workers: running.length }, 'stopping: every worker drains its requests');
    if (running.length === 0) return finish(failed ? 1 : 0);
    for (const worker of running) {
      if (worker.isConnected()) worker.send({ type: SHUTDOWN_MESSAGE, signal: reason });
      else worker.process.kill('SIGTERM');
    }
    killer = setTimeout(() => {
      logger.error({ afterMs: options.shutdownTimeoutMs + KILL_GRACE_MS }, 'workers still running: killing them');
      failed = true;
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
    }, options.shutdownTimeoutMs + KILL_GRACE_MS);
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) return stop(signal);
    // A second signal: each worker takes it as its own second signal and exits at once (code 1).
    logger.warn({ signal }, 'second signal during shutdown: workers exit now');
    failed = true;
    for (const slot of slots) slot.worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const first = slots[0];
  if (first) fork(first);
  return done.finally(() => {
    clearTimeout(killer);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  });
}
