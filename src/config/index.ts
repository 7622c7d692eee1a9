import { z } from 'zod';

/**
 * The only reader of the environment. Validated once; a bad value stops the process
 * with a message naming the variable and what it must be.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
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

  /** Where the local Neo4j (used when NEO4J_URI is unset) keeps its data, and its Bolt port. */
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j/dev'),
  NEO4J_LOCAL_PORT: z.coerce.number().int().min(1).max(65535).default(7687),

  SEED_ON_START: bool.default(true),
  SEED_ARTICLE_PATH: z.string().min(1).default('../shared/seed/article.txt'),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
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
    localDir: string;
    localPort: number;
  };
  seedOnStart: boolean;
  seedArticlePath: string;
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
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
      queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
      connectionTimeoutMs: e.NEO4J_CONNECTION_TIMEOUT_MS,
      localDir: e.NEO4J_LOCAL_DIR,
      localPort: e.NEO4J_LOCAL_PORT,
    },
    seedOnStart: e.SEED_ON_START,
    seedArticlePath: e.SEED_ARTICLE_PATH,
  };
}

/** Names of every variable the config module reads; docker-compose is checked against it. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.shape);
