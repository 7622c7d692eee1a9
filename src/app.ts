import { resolve } from 'node:path';
import type { Config } from './config/index.ts';
import { Database } from './db/database.ts';
import { type LocalNeo4j, startLocalNeo4j } from './devdb/local-neo4j.ts';
import { createLogger, type Logger } from './server/logger.ts';
import { createCounterStore } from './server/rate-limit-store.ts';
import { ResponseCache } from './server/response-cache.ts';
import { buildYoga } from './server/yoga.ts';
import { LiveChanges } from './services/live-changes.ts';
import { MigrationError } from './services/migrations.ts';
import { prepareDatabase } from './services/seed.ts';

/** Where the Neo4j comes from: NEO4J_URI if set, else the local Neo4j Community from Maven Central. */
export async function resolveNeo4jUri(config: Config, logger: Logger): Promise<{ uri: string; local?: LocalNeo4j }> {
  if (config.neo4j.uri) return { uri: config.neo4j.uri };
  logger.info('NEO4J_URI is not set: starting the local Neo4j Community');
  const local = await startLocalNeo4j({
    dataDir: resolve(config.neo4j.localDir),
    port: config.neo4j.localPort,
    password: config.neo4j.password,
    log: (line) => logger.info(line),
  });
  return { uri: local.uri, local };
}

/** Composition root: database, migrations, schema and seed, then the Yoga server. */
export async function createApp(config: Config) {
  const logger = createLogger(config.logLevel);
  const { uri, local } = await resolveNeo4jUri(config, logger);
  const database = new Database({ ...config.neo4j, uri });
  let seeded: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    await database.verify();
    seeded = await prepareDatabase(database.scope('startup'), {
      seedWhenEmpty: config.seedOnStart,
      migrations: config.migrations,
      log: (message, fields) => logger.info(fields ?? {}, message),
    });
  } catch (error) {
    // Nothing listens yet: a refused or failed migration stops the start (src/index.ts exits 1 on it).
    if (error instanceof MigrationError) logger.fatal({ err: error }, error.message);
    await database.close();
    await local?.stop();
    throw error;
  }
  if (seeded) logger.info({ ...seeded.counts }, 'seed dataset loaded into an empty graph');
  let stopping = false;
  // OpenTelemetry and the Redis client are loaded only when configured (TRACING, REDIS_URL).
  const tracing =
    config.tracing.exporter === 'off'
      ? null
      : (await import('./server/tracing.ts')).createTracing(config.tracing, database);
  const counters = await createCounterStore(config.apps.rateLimits.redisUrl, logger);
  // One change-log tailer per process feeds every subscription served here.
  const live = new LiveChanges(() => database.scope('change-log-tailer'), config.live, logger);
  // The response cache empties on every change the tailer reads, whichever process wrote it.
  const responseCache = config.apps.responseCache.enabled
    ? await ResponseCache.start(config.apps.responseCache, live, config.live.pollIntervalMs)
    : undefined;
  if (responseCache) {
    logger.info(
      { maxMb: config.apps.responseCache.maxBytes / 2 ** 20, staleAfterMs: responseCache.staleAfterMs },
      'response cache on (RESPONSE_CACHE)',
    );
  }
  const yoga = buildYoga({
    database,
    logger,
    limits: config.limits,
    execution: config.execution,
    auth: config.auth,
    ops: config.ops,
    apps: config.apps,
    exports: config.exports,
    counters,
    live,
    liveConfig: config.live,
    stopping: () => stopping,
    extraPlugins: tracing ? [tracing.plugin] : [],
    responseCache,
  });
  return {
    yoga,
    database,
    logger,
    live,
    responseCache,
    /** Graceful shutdown begins: /ready turns 503 and every subscription stream ends (SHUTTING_DOWN, complete). */
    markStopping() {
      stopping = true;
      responseCache?.close();
      live.close();
    },
    async close() {
      responseCache?.close();
      live.close();
      await tracing?.shutdown();
      await counters.close();
      await database.close();
      await local?.stop();
    },
  };
}
