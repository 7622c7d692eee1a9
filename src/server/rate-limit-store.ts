import { Redis } from 'ioredis';
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

const CONNECT_TIMEOUT_MS = 2_000;

/** Check and count in one step, so concurrent requests on any replica can never overspend a budget together. */
const CONSUME = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if used + amount > tonumber(ARGV[2]) then return {0, used} end
used = redis.call('INCRBY', KEYS[1], amount)
if used == amount then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return {1, used}
`;

/**
 * Counters in Redis (REDIS_URL), shared by every replica. One key per budget and window, expiring with the window.
 * Redis being away never stops the API: the request is served uncounted and a warning is logged (at most one
 * every 10 s).
 */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis;
  private readonly logger: Logger;
  /** Settles at the first connection (true) or after the connect timeout (false): the first requests wait for it. */
  private readonly firstConnection: Promise<boolean>;
  private lastWarning = 0;

  constructor(url: string, logger: Logger) {
    this.logger = logger;
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('error', (error: Error) => this.warn(error));
    this.firstConnection = new Promise((ok) => {
      const timer = setTimeout(() => ok(false), CONNECT_TIMEOUT_MS);
      timer.unref();
      this.redis.once('ready', () => {
        clearTimeout(timer);
        ok(true);
      });
    });
  }

  async consume(key: string, windowStart: number, windowMs: number, amount: number, limit: number) {
    const ttl = Math.max(1, windowStart + windowMs - Date.now()) + 1_000;
    try {
      // Only the first requests wait for the connection; later, while Redis is away, commands fail at once.
      if (this.redis.status !== 'ready') await this.firstConnection;
      const [allowed, used] = (await this.redis.eval(
        CONSUME,
        1,
        `ratelimit:${key}:${windowStart}`,
        amount,
        limit,
        ttl,
      )) as [number, number];
      return { allowed: allowed === 1, used };
    } catch (error) {
      this.warn(error as Error);
      return { allowed: true, used: 0, uncounted: true };
    }
  }

  private warn(error: Error) {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err: error.message }, 'rate-limit counters unavailable (Redis): serving requests uncounted');
  }

  async close() {
    this.redis.disconnect();
  }
}

export function createCounterStore(redisUrl: string | undefined, logger: Logger): CounterStore {
  return redisUrl ? new RedisCounterStore(redisUrl, logger) : new MemoryCounterStore();
}
