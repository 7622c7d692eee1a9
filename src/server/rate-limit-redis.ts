import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';
import type { CounterStore } from './rate-limit-store.ts';

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
