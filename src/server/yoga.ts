import { GraphQLError, Kind } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import {
  type AppsConfig,
  type AuthConfig,
  type Config,
  type ExecutionConfig,
  type ExportsConfig,
  type LimitsConfig,
  type LiveConfig,
  loadConfig,
} from '../config/index.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import { createLoaders } from '../loaders/index.ts';
import { createRepositories } from '../repositories/index.ts';
import type { Context } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import type { LiveChanges } from '../services/live-changes.ts';
import { authOf, useAuth } from './auth.ts';
import { useCompiledQueries } from './compiled-execution.ts';
import { corsOption, useCorsVary } from './cors.ts';
import { exampleQueries } from './examples.ts';
import { useExplorePage } from './explore.ts';
import { useExports } from './exports.ts';
import { graphSizes } from './graph-size.ts';
import { renderGraphiQL, useGraphiQLAssets } from './graphiql.ts';
import { useHttpCache } from './http-cache.ts';
import { batchingOption, useBatchLimit, useBodyLimit, useQueryCost, useQueryLimits } from './limits.ts';
import { useLiveStreams } from './live-sse.ts';
import type { Logger } from './logger.ts';
import { useRequestLogging, yogaLogger } from './logging.ts';
import { createMetrics } from './metrics.ts';
import { type CounterStore, MemoryCounterStore } from './rate-limit-store.ts';
import { clientKey, useRateLimits } from './rate-limits.ts';
import { useReadiness } from './readiness.ts';
import { clientBookmarks, requestInfo, useRequestTracking } from './request-info.ts';
import { useMalformedParams } from './request-shape.ts';
import type { ResponseCache } from './response-cache.ts';
import { loadManifest, useTrustedDocuments } from './trusted-documents.ts';

export interface ServerDeps {
  database: Database;
  logger: Logger;
  /**
   * The composition root passes the loaded config (createApp); what a caller leaves out is the documented default
   * (never the environment: only src/config reads it, once, in src/index.ts).
   */
  limits?: LimitsConfig;
  /** Queries compiled by graphql-jit (GRAPHQL_JIT) or interpreted by graphql-js. */
  execution?: ExecutionConfig;
  auth?: AuthConfig;
  ops?: OpsConfig;
  /** CORS, trusted documents, rate limits and HTTP caching for the apps that consume the API. */
  apps?: AppsConfig;
  /** GET /export/…: how many stream at once, how long one may stall. */
  exports?: ExportsConfig;
  /** Rate-limit counters (Redis when REDIS_URL is set; the composition root closes them); default: this process's. */
  counters?: CounterStore;
  /** True once graceful shutdown began (/ready then says 503). */
  stopping?: () => boolean;
  /** The change-log tailer that feeds subscriptions (createApp makes one per process); without it they are refused. */
  live?: LiveChanges;
  liveConfig?: LiveConfig;
  /** Extra plugins from the composition root (e.g. OpenTelemetry tracing). */
  extraPlugins?: Plugin[];
  /** RESPONSE_CACHE (createApp starts it, since it follows the change log); absent: every query runs. */
  responseCache?: ResponseCache;
}

type OpsConfig = Config['ops'];

/** The documented defaults (an empty environment), for callers that pass only part of the config. */
const DEFAULTS = loadConfig({});

const HTTP_STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BUSY: 429,
  TOO_MANY_SUBSCRIPTIONS: 429,
  SHUTTING_DOWN: 503,
};

/** BUSY says when to come back: `extensions.retryAfterSeconds` and the HTTP `Retry-After` header. */
function retryAfterOf(error: DomainError) {
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

/** Expected failures keep their message and a stable extensions.code; the rest are masked. */
function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    const status = HTTP_STATUS[original.code];
    const suggestions = original.details.suggestions;
    const retryAfter = retryAfterOf(original);
    const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) };
    return new GraphQLError(original.message, {
      extensions: {
        code: original.code,
        ...(suggestions ? { suggestions } : {}),
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
        ...(status ? { http: { status, ...(headers ? { headers } : {}) } } : {}),
      },
    });
  }
  // graphql-js's own request errors (a null or mistyped variable, wrapped around the scalar's error; an
  // unsupported operation) carry no code: give them one so every error has a stable extensions.code.
  if (error instanceof GraphQLError && (!error.originalError || original instanceof GraphQLError)) {
    // graphql-jit's errors carry no extensions object at all.
    if (error.extensions?.code && !error.originalError) return error;
    const variable = error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: variable ? 'BAD_USER_INPUT' : 'BAD_REQUEST', ...error.extensions },
    });
  }
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Adds how many Cypher statements a request ran to the response extensions. */
function useQueryStats(): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const ctx = args.contextValue as Context;
          if (!('data' in result) && !('errors' in result)) return;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              requestId: ctx.requestId,
              ...(ctx.notFound?.length ? { notFound: ctx.notFound } : {}),
              cypher: { statements: ctx.db.stats.statements, ms: Math.round(ctx.db.stats.totalMs * 10) / 10 },
            },
          });
        },
      };
    },
  };
}

export function buildYoga(deps: ServerDeps) {
  const { database, logger, stopping, live, extraPlugins = [], responseCache } = deps;
  const liveConfig = deps.liveConfig ?? DEFAULTS.live;
  const { limits = DEFAULTS.limits, auth = DEFAULTS.auth, ops = DEFAULTS.ops, apps = DEFAULTS.apps } = deps;
  const execution = deps.execution ?? DEFAULTS.execution;
  const exports = deps.exports ?? DEFAULTS.exports;
  const counters = deps.counters ?? new MemoryCounterStore();
  const sizes = graphSizes(database);
  const metrics = createMetrics(database);
  const manifest = loadManifest(apps.trustedDocuments.manifest, schema);
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: yogaLogger(logger),
    maskedErrors: { maskError },
    graphiql: {
      title: 'AI-infrastructure knowledge graph',
      defaultTabs: exampleQueries().map(({ query }) => ({ query })),
    },
    renderGraphiQL,
    batching: batchingOption(limits),
    maxRequestBodySize: false,
    cors: corsOption(apps.cors),
    context: (initial) => {
      const { request } = initial;
      const requestId = requestInfo(request).id;
      const db = database.scope(requestId, undefined, clientBookmarks(request));
      const repos = createRepositories(db);
      const context: Context = {
        requestId,
        db,
        repos,
        loaders: createLoaders(repos, metrics.onBatch),
        auth: authOf(request, auth),
        limits,
      };
      if (live) {
        context.live = {
          hub: live,
          client: clientKey(request, initial, apps.rateLimits.clientIpHeader, auth),
          lastEventId: request.headers.get('last-event-id'),
          signal: request.signal,
          renewLoaders: () => {
            context.loaders = createLoaders(repos, metrics.onBatch);
          },
        };
      }
      return context;
    },
    plugins: [
      useRequestTracking(),
      useCorsVary(apps.cors),
      ops.metricsEnabled ? metrics.plugin : {},
      useRequestLogging(logger, database),
      useAuth(auth, '/graphql'),
      useExports({ database, logger, config: exports, observer: metrics.exports }),
      useTrustedDocuments(apps.trustedDocuments, auth, manifest),
      useBodyLimit(limits.maxBodyBytes),
      useMalformedParams(),
      useBatchLimit(limits),
      useQueryLimits(limits),
      useQueryCost(limits, sizes),
      useRateLimits(apps.rateLimits, auth, limits, counters, '/graphql', sizes),
      useHttpCache(apps, auth, database, manifest, '/graphql'),
      useGraphiQLAssets(),
      useExplorePage(),
      useQueryStats(),
      useCompiledQueries(execution, schema),
      useLiveStreams(live, liveConfig.heartbeatMs),
      useReadiness({ database, timeoutMs: ops.readyTimeoutMs, stopping }),
      ...extraPlugins,
      // Last: on a miss it runs the execute function the plugins before it set.
      ...(responseCache?.plugins() ?? []),
    ],
  });
}

export type Yoga = ReturnType<typeof buildYoga>;
