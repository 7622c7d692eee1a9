import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { Logger } from './logger.ts';

/** What the primary of WORKERS > 1 sends a worker to make it drain and exit (src/server/workers.ts). */
export const SHUTDOWN_MESSAGE = 'ai-infra-graph:shutdown';

const isShutdownMessage = (message: unknown): message is { signal?: unknown } =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SHUTDOWN_MESSAGE;

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** How long in-flight requests get before their connections are cut. */
  deadlineMs: number;
  /** Flags the service as stopping (/ready → 503) before anything closes. */
  markStopping: () => void;
  /** Closes what the app holds (the Neo4j driver, a local Neo4j). */
  close: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish (closing each
 * keep-alive connection as soon as it goes idle), cut what is left at the deadline, close the
 * driver, exit 0 — or 1 when requests had to be cut. A second signal exits at once.
 */
export function installShutdown(options: ShutdownOptions) {
  const { server, logger, deadlineMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started: Promise<number> | undefined;

  async function shutdown(signal: string): Promise<number> {
    const t0 = performance.now();
    options.markStopping();
    logger.info({ signal, deadlineMs }, 'shutting down: no new connections, finishing in-flight requests');
    const drained = new Promise<void>((ok) => server.close(() => ok()));
    server.closeIdleConnections();
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((ok) => {
      timer = setTimeout(() => ok('deadline'), deadlineMs);
    });
    const outcome = await Promise.race([drained.then(() => 'drained' as const), deadline]);
    clearInterval(sweeper);
    clearTimeout(timer);
    if (outcome === 'deadline') {
      logger.warn({ deadlineMs }, 'shutdown deadline reached: cutting the remaining connections');
      server.closeAllConnections();
    }
    try {
      await options.close();
    } catch (error) {
      logger.error({ err: error }, 'error while closing the database');
    }
    const code = outcome === 'drained' ? 0 : 1;
    logger.info({ ms: Math.round(performance.now() - t0), outcome, code }, 'shutdown complete');
    return code;
  }

  // A cluster worker drains when its primary asks (a signal to the primary reaches no worker). A terminal's Ctrl-C
  // reaches the primary and every worker at once: whichever of the SIGINT and the primary's message comes second is
  // the same request, not a second signal (the primary turns a real second one into SIGTERM for its workers).
  let sigintExpected = false;
  if (cluster.isWorker) {
    process.on('message', (message: unknown) => {
      if (!isShutdownMessage(message) || started) return;
      sigintExpected = message.signal === 'SIGINT';
      started = shutdown(typeof message.signal === 'string' ? message.signal : 'primary');
      started.then(exit, () => exit(1));
    });
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (started && signal === 'SIGINT' && sigintExpected) {
        sigintExpected = false;
        return;
      }
      if (started) {
        logger.warn({ signal }, 'second signal during shutdown: exiting now');
        exit(1);
        return;
      }
      started = shutdown(signal);
      started.then(exit, () => exit(1));
    });
  }
  return { shutdown: (signal = 'manual') => (started ??= shutdown(signal)) };
}
