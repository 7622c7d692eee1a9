import { DomainError } from '../domain/errors.ts';

/** How long a client told BUSY should wait before trying again (the Retry-After header). */
export const BUSY_RETRY_AFTER_SECONDS = 1;

export const busy = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BUSY', message, { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS, ...details });

/**
 * The write budget: at most `slots` write transactions hold a pooled connection at once, so writers can never take
 * the whole pool from readers. Others wait in a FIFO queue; one that waited `queueTimeoutMs` is answered BUSY
 * (nothing was written), never DATABASE_UNAVAILABLE — the database is healthy, only this process is saturated.
 */
export class WriteGate {
  private active = 0;
  private readonly queue: { grant: () => void; timer: NodeJS.Timeout }[] = [];
  readonly slots: number;
  private readonly queueTimeoutMs: number;

  constructor(slots: number, queueTimeoutMs: number) {
    this.slots = slots;
    this.queueTimeoutMs = queueTimeoutMs;
  }

  get inUse() {
    return this.active;
  }

  get waiting() {
    return this.queue.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.slots) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.queue.indexOf(entry);
          if (at >= 0) this.queue.splice(at, 1);
          reject(
            busy(`Too many writes at once; waited ${this.queueTimeoutMs} ms for a write slot. Nothing was written.`, {
              writeSlots: this.slots,
            }),
          );
        }, this.queueTimeoutMs),
      };
      entry.timer.unref();
      this.queue.push(entry);
    });
  }

  /** The slot passes straight to the next waiter, so `active` never drops below what is in use. */
  private release() {
    const next = this.queue.shift();
    if (next) next.grant();
    else this.active -= 1;
  }
}
