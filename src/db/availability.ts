import { DomainError } from '../domain/errors.ts';

export type AvailabilityListener = (up: boolean, reason: string) => void;

export const unavailable = (reason: string) =>
  new DomainError('DATABASE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.', { reason });

/** Rejects after `ms` unless the promise settles first; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(unavailable(`${what} gave no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A circuit breaker around Neo4j. A background probe (and any request that loses its
 * connection) marks the database down; while it is down requests fail at once with
 * DATABASE_UNAVAILABLE instead of waiting out the driver's retries, and the same probe closes
 * the breaker as soon as Neo4j answers again, so the service recovers without a restart.
 */
export class Availability {
  private up = true;
  private timer: NodeJS.Timeout | undefined;
  private probing = false;
  private readonly listeners = new Set<AvailabilityListener>();
  private readonly probe: () => Promise<void>;
  private readonly intervalMs: number;
  /** When the current state began (ms since epoch); exported as a metric. */
  changedAt = Date.now();

  constructor(probe: () => Promise<void>, intervalMs: number) {
    this.probe = probe;
    this.intervalMs = intervalMs;
  }

  get isUp() {
    return this.up;
  }

  onChange(listener: AvailabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A promise that rejects with DATABASE_UNAVAILABLE the moment the breaker opens. */
  whenDown(): { promise: Promise<never>; cancel: () => void } {
    let cancel = () => {};
    const promise = new Promise<never>((_, fail) => {
      cancel = this.onChange((up, reason) => {
        if (!up) fail(unavailable(reason));
      });
    });
    promise.catch(() => {});
    return { promise, cancel };
  }

  markDown(reason: string) {
    this.set(false, reason);
  }

  markUp(reason: string) {
    this.set(true, reason);
  }

  /**
   * Probes now (one at a time); the result sets the state. Slowness alone does not open the
   * breaker (a busy Neo4j is not a missing one): only an error, or no answer for `timeoutMs`.
   */
  async check(timeoutMs = 10_000): Promise<boolean> {
    if (this.probing) return this.up;
    this.probing = true;
    try {
      await withTimeout(this.probe(), timeoutMs, 'Neo4j probe');
      this.markUp('probe answered');
    } catch (error) {
      this.markDown(`probe failed: ${(error as Error).message}`);
    } finally {
      this.probing = false;
    }
    return this.up;
  }

  /** Probes every interval while up, and twice as often while down. */
  start() {
    if (this.timer) return;
    const tick = async () => {
      await this.check();
      if (!this.timer) return;
      this.timer = setTimeout(tick, this.up ? this.intervalMs : Math.max(100, this.intervalMs / 2));
      this.timer.unref();
    };
    this.timer = setTimeout(tick, this.intervalMs);
    this.timer.unref();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(up: boolean, reason: string) {
    if (this.up === up) return;
    this.up = up;
    this.changedAt = Date.now();
    for (const listener of this.listeners) listener(up, reason);
  }
}
