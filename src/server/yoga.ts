import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { type AuthConfig, type LimitsConfig, loadConfig } from '../config/index.ts';
import type { Database } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import { createLoaders } from '../loaders/index.ts';
import { createRepositories } from '../repositories/index.ts';
import type { Context } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import { authOf, useAuth } from './auth.ts';
import { renderGraphiQL, useGraphiQLAssets } from './graphiql.ts';
import { batchingOption, useBatchLimit, useBodyLimit, useQueryLimits } from './limits.ts';
import type { Logger } from './logger.ts';

export interface ServerDeps {
  database: Database;
  logger: Logger;
  /** Default: from the environment (src/config). */
  limits?: LimitsConfig;
  auth?: AuthConfig;
}

const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** Expected failures keep their message and a stable extensions.code; the rest are masked. */
function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    const status = HTTP_STATUS[original.code];
    return new GraphQLError(original.message, {
      extensions: { code: original.code, ...(status ? { http: { status } } : {}) },
    });
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
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
              cypher: { statements: ctx.db.stats.statements, ms: Math.round(ctx.db.stats.totalMs * 10) / 10 },
            },
          });
        },
      };
    },
  };
}

export function buildYoga({ database, logger, limits = loadConfig().limits, auth = loadConfig().auth }: ServerDeps) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger,
    maskedErrors: { maskError },
    graphiql: { title: 'AI-infrastructure knowledge graph' },
    renderGraphiQL,
    batching: batchingOption(limits),
    maxRequestBodySize: false,
    context: ({ request }) => {
      const requestId = request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
      const db = database.scope(requestId);
      const repos = createRepositories(db);
      return { requestId, db, repos, loaders: createLoaders(repos), auth: authOf(request, auth) };
    },
    plugins: [
      useAuth(auth, '/graphql'),
      useBodyLimit(limits.maxBodyBytes),
      useBatchLimit(limits),
      useQueryLimits(limits),
      useGraphiQLAssets(),
      useQueryStats(),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await database.verify();
        },
      }),
    ],
  });
}

export type Yoga = ReturnType<typeof buildYoga>;
