import type { Logger } from './logger.ts';

/** What one budget says after a request asked it for `amount`. */
export interface Consumption {
  /** Whether the amount fit: it was then counted; a refused amount is not. */
  allowed: boolean;
  /** Counted in this window so far (after this amount, when allowed). */
  used: number;
  /** True when the counters could not be reached and the request was let through uncounted. */
  uncounted?: boolean;
}

/**
 * Fixed-window counters: a budget `key` may count up to `limit` within the window that `windowStart` names (the
 * window's start in ms since the epoch, so every replica names the same window).
 */
export interface CounterStore {
  consume(key: string, windowStart: number, windowMs: number, amount: number, limit: number): Promise<Consumption>;
  close(): Promise<void>;
}

/** Counters of this process only (the default): N replicas allow N times the budget. */
export class MemoryCounterStore implements CounterStore {
  private readonly counts = new Map<string, { windowStart: number; used: number }>();

  async consume(key: string, windowStart: number, _windowMs: number, amount: number, limit: number) {
    let entry = this.counts.get(key);
    if (!entry || entry.windowStart !== windowStart) {
      if (this.counts.size > 100_000) this.sweep(windowStart);
      entry = { windowStart, used: 0 };
      this.counts.set(key, entry);
    }
    if (entry.used + amount > limit) return { allowed: false, used: entry.used };
    entry.used += amount;
    return { allowed: true, used: entry.used };
  }

  /** Forgets the clients of past windows, so many distinct addresses cannot grow the map without end. */
  private sweep(current: number) {
    for (const [key, entry] of this.counts) if (entry.windowStart !== current) this.counts.delete(key);
  }

  async close() {}
}

/**
 * Counters in Redis when REDIS_URL is set (src/server/rate-limit-redis.ts), else this process's. The Redis client is
 * loaded only then: a server without Redis never loads it.
 */
export async function createCounterStore(redisUrl: string | undefined, logger: Logger): Promise<CounterStore> {
  if (!redisUrl) return new MemoryCounterStore();
  const { RedisCounterStore } = await import('./rate-limit-redis.ts');
  return new RedisCounterStore(redisUrl, logger);
}
