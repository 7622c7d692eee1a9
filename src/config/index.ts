import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../paths.ts';

/**
 * The only reader of the environment. Validated once; a bad value stops the process
 * with a message naming the variable and what it must be.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A path given in the environment; a relative one is taken from the working directory, like any CLI path. */
const filePath = z
  .string()
  .min(1)
  .transform((p) => resolve(p));

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /**
   * Service processes behind the one port (src/start.ts, node:cluster): a number, or `auto` for one per core. 1 runs
   * the service in the started process itself, as src/index.ts does.
   */
  WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)], {
      error: 'must be a number from 1 to 64, or auto (one per core)',
    })
    .default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/.+/, 'must be a neo4j:// or bolt:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(1).default('local-dev-password'),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'must be a Neo4j database name')
    .default('neo4j'),
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  NEO4J_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /** How long managed transactions retry transient errors before giving up. */
  NEO4J_MAX_RETRY_MS: z.coerce.number().int().min(0).max(120_000).default(5_000),
  /**
   * The write budget: write transactions holding a pooled connection at once (default: a quarter of the pool). Must
   * stay below NEO4J_MAX_POOL_SIZE so writers can never take every connection from readers.
   */
  NEO4J_MAX_CONCURRENT_WRITES: z.coerce.number().int().min(1).max(999).optional(),
  /** How long a write waits for a write slot before it is answered BUSY (HTTP 429, Retry-After). */
  NEO4J_WRITE_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(30_000),
  /** How often the service probes Neo4j (fail fast while it is down, recover when it returns). */
  NEO4J_HEALTH_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),

  /** Upper bound for one /ready answer; past it /ready says 503. */
  READY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1_500),
  /** On SIGTERM/SIGINT, how long in-flight requests get before connections are cut. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  METRICS_ENABLED: bool.default(true),
  /** OpenTelemetry traces of GraphQL operations and Cypher statements: off, console (stdout) or otlp (HTTP). */
  TRACING: z.enum(['off', 'console', 'otlp']).default('off'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Run queries through code compiled per document (graphql-jit, src/server/compiled-execution.ts) instead of
   * graphql-js's interpreter; mutations and subscriptions always take graphql-js.
   */
  GRAPHQL_JIT: bool.default(true),

  /** Where the local Neo4j (used when NEO4J_URI is unset) keeps its data, and its Bolt port. */
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j/dev'),
  NEO4J_LOCAL_PORT: z.coerce.number().int().min(1).max(65535).default(7687),

  SEED_ON_START: bool.default(true),
  /** Apply pending migrations (cypher/migrations) at start; false: refuse to start while any is pending. */
  MIGRATE_ON_START: bool.default(true),
  /** How long a start (or `npm run migrate`) waits while another replica holds the migration lock. */
  MIGRATION_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** Epoch AI's CSV exports (npm run import:epoch; see docs/epoch-import.md). */
  EPOCH_DATA_DIR: filePath.default(join(REPO_ROOT, 'data', 'epoch')),

  /** Limits against hostile or careless queries (src/server/limits.ts). */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  /** The most values an answer may hold, each list counted at its cap (src/server/query-cost.ts). */
  MAX_QUERY_COST: z.coerce.number().int().min(1).max(10_000_000).default(25_000),
  MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  MAX_TOKENS: z.coerce.number().int().min(10).max(1_000_000).default(2000),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(100_000_000).default(100_000),
  /** 0 disables batched requests (a JSON array of operations); n > 0 allows at most n per request. */
  MAX_BATCH_OPERATIONS: z.coerce.number().int().min(0).max(100).default(0),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),

  /** Access control (src/server/auth.ts): reads open unless true; writes always need the `write` scope. */
  READS_REQUIRE_TOKEN: bool.default(false),
  /** Comma-separated `name:scope1+scope2:sha256hex` entries; `npm run token:hash -- TOKEN` prints one. */
  API_TOKENS: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9_.-]+:[a-z]+(\+[a-z]+)*:[0-9a-f]{64}\s*(,\s*[A-Za-z0-9_.-]+:[a-z]+(\+[a-z]+)*:[0-9a-f]{64}\s*)*$/,
      'must be comma-separated name:scope1+scope2:sha256hex entries (npm run token:hash -- TOKEN)',
    )
    .optional(),

  /**
   * Browser apps on other origins (src/server/cors.ts): comma-separated origins allowed to call the API (exact
   * `scheme://host[:port]`, or `*` for any); unset, no cross-origin access.
   */
  CORS_ORIGINS: z
    .string()
    .regex(
      /^\s*(\*|https?:\/\/[^\s,/]+)\s*(,\s*(\*|https?:\/\/[^\s,/]+)\s*)*$/i,
      'must be comma-separated origins such as https://app.example.org (scheme, host and port; no path), or *',
    )
    .optional(),
  /** Send Access-Control-Allow-Credentials (cookies, TLS client certificates) to the allowed origins. */
  CORS_CREDENTIALS: bool.default(false),

  /**
   * Trusted documents (src/server/trusted-documents.ts): the manifest of sha256 id → document (npm run app:codegen
   * writes it from examples/app), and whether other documents are refused for tokens without the research scope.
   */
  TRUSTED_DOCUMENTS: filePath.default(join(REPO_ROOT, 'schema', 'trusted-documents.json')),
  TRUSTED_DOCUMENTS_ONLY: bool.default(false),

  /**
   * Rate limits and demand control (src/server/rate-limits.ts): per window, each token and each anonymous client
   * address may send so many GraphQL requests and spend so much query cost; 0 turns a budget off.
   */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RATE_LIMIT_TOKEN_REQUESTS: z.coerce.number().int().min(0).max(100_000_000).default(0),
  RATE_LIMIT_TOKEN_COST: z.coerce.number().int().min(0).max(1_000_000_000_000).default(0),
  RATE_LIMIT_ANONYMOUS_REQUESTS: z.coerce.number().int().min(0).max(100_000_000).default(0),
  RATE_LIMIT_ANONYMOUS_COST: z.coerce.number().int().min(0).max(1_000_000_000_000).default(0),
  /** Behind a proxy: the header carrying the client's address (its last entry); unset, the connection's address. */
  CLIENT_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name, e.g. x-forwarded-for')
    .optional(),
  /** Keep the rate-limit counters in Redis (shared by every replica) instead of in each process. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),

  /** HTTP caching of GET reads (src/server/http-cache.ts): ETag from the data's last change, 304 on If-None-Match. */
  HTTP_CACHE: bool.default(true),
  /** How long a client or shared cache may reuse a GET answer without asking (0: revalidate every time). */
  HTTP_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
  /**
   * The in-process response cache of reads by callers without the write scope (src/server/response-cache.ts): off by
   * default; its memory budget (answers counted by their JSON length) and the longest an answer is kept.
   */
  RESPONSE_CACHE: bool.default(false),
  RESPONSE_CACHE_MAX_MB: z.coerce.number().int().min(1).max(4096).default(32),
  RESPONSE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),

  /**
   * Subscriptions over SSE (src/services/live-changes.ts): how often each replica reads the change log while it has
   * subscribers, how many subscriptions one client (token, else address) may hold open on a replica, how many events
   * may wait for a slow subscriber before it is dropped, and how often an idle stream sends a heartbeat comment.
   */
  SUBSCRIPTION_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  SUBSCRIPTION_MAX_PER_CLIENT: z.coerce.number().int().min(0).max(10_000).default(10),
  SUBSCRIPTION_QUEUE_SIZE: z.coerce.number().int().min(1).max(100_000).default(100),
  SUBSCRIPTION_HEARTBEAT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),

  /**
   * Exports (src/server/exports.ts): how many GET /export/… may stream at once (each holds at most one pooled
   * connection, and only while it reads a page), and how long one may wait for its client to read on.
   */
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).optional(),
  EXPORT_STALL_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),

  /** Tests only: the Chromium the GraphiQL page test drives (else one on PATH, else @sparticuz/chromium). */
  CHROMIUM_PATH: filePath.optional(),
  /** Tests only: where the page tests write their screenshots (`npm run screenshots` sets docs/screenshots). */
  SCREENSHOT_DIR: filePath.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Service processes behind the port (1: this process serves; more: src/start.ts forks them). */
  workers: number;
  logLevel: Env['LOG_LEVEL'];
  neo4j: {
    /** Undefined means: start the local Neo4j Community from Maven Central. */
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    maxPoolSize: number;
    queryTimeoutMs: number;
    connectionTimeoutMs: number;
    maxRetryMs: number;
    healthIntervalMs: number;
    maxConcurrentWrites: number;
    writeQueueTimeoutMs: number;
    localDir: string;
    localPort: number;
  };
  seedOnStart: boolean;
  migrations: MigrationsConfig;
  /** Absolute paths. */
  epochDataDir: string;
  ops: { readyTimeoutMs: number; shutdownTimeoutMs: number; metricsEnabled: boolean };
  tracing: { exporter: 'off' | 'console' | 'otlp'; otlpEndpoint: string | undefined };
  execution: ExecutionConfig;
  limits: LimitsConfig;
  auth: AuthConfig;
  apps: AppsConfig;
  live: LiveConfig;
  exports: ExportsConfig;
  tests: { chromiumPath: string | undefined; screenshotDir: string | undefined };
}

/** Migrations of the stored data (src/services/migrations.ts). */
export interface MigrationsConfig {
  /** Apply pending migrations at start; otherwise a pending one stops the start. */
  onStart: boolean;
  lockTimeoutMs: number;
}

/** How GraphQL operations are executed (src/server/compiled-execution.ts). */
export interface ExecutionConfig {
  /** Queries run as code compiled once per document (graphql-jit); false: graphql-js for every operation. */
  jit: boolean;
}

export interface LimitsConfig {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxBodyBytes: number;
  maxBatchOperations: number;
  maxPageSize: number;
}

/** GET /export/… (src/server/exports.ts). */
export interface ExportsConfig {
  /** Exports streaming at once; one more is answered BUSY (429). */
  maxConcurrent: number;
  /** An export whose client has not read for this long is cut, and its slot freed. */
  stallTimeoutMs: number;
}

/** What browser and mobile apps meet around the endpoint (src/server/cors.ts, …). */
export interface AppsConfig {
  cors: CorsConfig;
  trustedDocuments: TrustedDocumentsConfig;
  rateLimits: RateLimitsConfig;
  httpCache: HttpCacheConfig;
  responseCache: ResponseCacheConfig;
}

/** The in-process response cache (src/server/response-cache.ts). */
export interface ResponseCacheConfig {
  enabled: boolean;
  /** Budget of the cached answers, counted by their JSON length. */
  maxBytes: number;
  /** The longest an answer is kept (writes outside the change log are seen within this). */
  ttlMs: number;
}

/** Subscriptions over SSE: the change-log tailer of each replica and the limits of its streams. */
export interface LiveConfig {
  pollIntervalMs: number;
  /** Open subscriptions per client (token, else address) on one replica; 0 turns subscriptions off. */
  maxPerClient: number;
  /** Events that may wait for one subscriber; one more and it is dropped with SUBSCRIBER_TOO_SLOW. */
  queueSize: number;
  heartbeatMs: number;
}

export interface HttpCacheConfig {
  enabled: boolean;
  maxAgeSeconds: number;
}

export interface RateLimitsConfig {
  windowSeconds: number;
  /** Per token; 0 = no limit. */
  token: { requests: number; cost: number };
  /** Per anonymous client address; 0 = no limit. */
  anonymous: { requests: number; cost: number };
  clientIpHeader: string | undefined;
  /** Counters in Redis when set, else in each process. */
  redisUrl: string | undefined;
}

export interface TrustedDocumentsConfig {
  /** Absolute path of the manifest. */
  manifest: string;
  /** Refuse documents sent as text unless the token has the `research` scope. */
  only: boolean;
}

export interface CorsConfig {
  /** Allowed origins, lower-cased; ['*'] allows any; empty allows none. */
  origins: string[];
  credentials: boolean;
}

export interface ApiToken {
  name: string;
  scopes: string[];
  /** sha256 of the token, hex; the token itself is never configured. */
  sha256: string;
}

export interface AuthConfig {
  readsRequireToken: boolean;
  tokens: ApiToken[];
}

function parseTokens(value: string | undefined): ApiToken[] {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [name = '', scopes = '', sha256 = ''] = entry.trim().split(':');
    return { name, scopes: scopes.split('+'), sha256 };
  });
}

function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const maxConcurrentWrites = e.NEO4J_MAX_CONCURRENT_WRITES ?? Math.max(1, Math.floor(e.NEO4J_MAX_POOL_SIZE / 4));
  if (e.NEO4J_MAX_POOL_SIZE > 1 && maxConcurrentWrites >= e.NEO4J_MAX_POOL_SIZE) {
    throw new ConfigError(
      `Invalid configuration:\n  NEO4J_MAX_CONCURRENT_WRITES: must be below NEO4J_MAX_POOL_SIZE (${e.NEO4J_MAX_POOL_SIZE}) so readers keep connections`,
    );
  }
  const corsOrigins = parseList(e.CORS_ORIGINS).map((o) => o.toLowerCase());
  if (e.CORS_CREDENTIALS && corsOrigins.includes('*')) {
    throw new ConfigError(
      'Invalid configuration:\n  CORS_CREDENTIALS: cannot be true with CORS_ORIGINS=* (list the origins that may send credentials)',
    );
  }
  for (const name of ['RATE_LIMIT_TOKEN_COST', 'RATE_LIMIT_ANONYMOUS_COST'] as const) {
    if (e[name] > 0 && e[name] < e.MAX_QUERY_COST) {
      throw new ConfigError(
        `Invalid configuration:\n  ${name}: must be 0 or at least MAX_QUERY_COST (${e.MAX_QUERY_COST}), or an operation the limits accept could never run`,
      );
    }
  }
  // Unset: a twelfth of the pool, 1 to 4 (4 of 50); set, it must leave readers connections beside the write budget.
  const maxConcurrentExports =
    e.EXPORT_MAX_CONCURRENT ?? Math.min(4, Math.max(1, Math.floor(e.NEO4J_MAX_POOL_SIZE / 12)));
  if (e.EXPORT_MAX_CONCURRENT !== undefined && maxConcurrentWrites + maxConcurrentExports >= e.NEO4J_MAX_POOL_SIZE) {
    throw new ConfigError(
      `Invalid configuration:\n  EXPORT_MAX_CONCURRENT: with the write budget (${maxConcurrentWrites}) it must stay below NEO4J_MAX_POOL_SIZE (${e.NEO4J_MAX_POOL_SIZE}) so GraphQL reads keep connections`,
    );
  }
  if (e.TRACING === 'otlp' && !e.OTEL_EXPORTER_OTLP_ENDPOINT) {
    throw new ConfigError('Invalid configuration:\n  OTEL_EXPORTER_OTLP_ENDPOINT: required when TRACING=otlp');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    workers: e.WORKERS === 'auto' ? availableParallelism() : e.WORKERS,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      maxRetryMs: e.NEO4J_MAX_RETRY_MS,
      healthIntervalMs: e.NEO4J_HEALTH_INTERVAL_MS,
      maxConcurrentWrites,
      writeQueueTimeoutMs: e.NEO4J_WRITE_QUEUE_TIMEOUT_MS,
      localDir: e.NEO4J_LOCAL_DIR,
      localPort: e.NEO4J_LOCAL_PORT,
    },
    seedOnStart: e.SEED_ON_START,
    migrations: { onStart: e.MIGRATE_ON_START, lockTimeoutMs: e.MIGRATION_LOCK_TIMEOUT_MS },
    epochDataDir: e.EPOCH_DATA_DIR,
    ops: {
      readyTimeoutMs: e.READY_TIMEOUT_MS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      metricsEnabled: e.METRICS_ENABLED,
    },
    tracing: { exporter: e.TRACING, otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT },
    execution: { jit: e.GRAPHQL_JIT },
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxCost: e.MAX_QUERY_COST,
      maxAliases: e.MAX_ALIASES,
      maxTokens: e.MAX_TOKENS,
      maxDirectives: e.MAX_DIRECTIVES,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxBatchOperations: e.MAX_BATCH_OPERATIONS,
      maxPageSize: e.MAX_PAGE_SIZE,
    },
    auth: { readsRequireToken: e.READS_REQUIRE_TOKEN, tokens: parseTokens(e.API_TOKENS) },
    apps: {
      cors: { origins: corsOrigins, credentials: e.CORS_CREDENTIALS },
      trustedDocuments: { manifest: e.TRUSTED_DOCUMENTS, only: e.TRUSTED_DOCUMENTS_ONLY },
      rateLimits: {
        windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
        token: { requests: e.RATE_LIMIT_TOKEN_REQUESTS, cost: e.RATE_LIMIT_TOKEN_COST },
        anonymous: { requests: e.RATE_LIMIT_ANONYMOUS_REQUESTS, cost: e.RATE_LIMIT_ANONYMOUS_COST },
        clientIpHeader: e.CLIENT_IP_HEADER?.toLowerCase(),
        redisUrl: e.REDIS_URL,
      },
      httpCache: { enabled: e.HTTP_CACHE, maxAgeSeconds: e.HTTP_CACHE_MAX_AGE_SECONDS },
      responseCache: {
        enabled: e.RESPONSE_CACHE,
        maxBytes: e.RESPONSE_CACHE_MAX_MB * 1024 * 1024,
        ttlMs: e.RESPONSE_CACHE_TTL_SECONDS * 1000,
      },
    },
    live: {
      pollIntervalMs: e.SUBSCRIPTION_POLL_INTERVAL_MS,
      maxPerClient: e.SUBSCRIPTION_MAX_PER_CLIENT,
      queueSize: e.SUBSCRIPTION_QUEUE_SIZE,
      heartbeatMs: e.SUBSCRIPTION_HEARTBEAT_MS,
    },
    exports: { maxConcurrent: maxConcurrentExports, stallTimeoutMs: e.EXPORT_STALL_TIMEOUT_MS },
    tests: { chromiumPath: e.CHROMIUM_PATH, screenshotDir: e.SCREENSHOT_DIR },
  };
}

/** Names of every variable the config module reads (the schema's keys; zod drops any other); docker-compose and the README are checked against it. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);

/** Each variable's value when unset: its default (an absolute path for files), or undefined when it has none. */
export const CONFIG_DEFAULTS: Readonly<Record<string, unknown>> = EnvSchema.parse({});
