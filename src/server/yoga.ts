import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Database } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import { createLoaders } from '../loaders/index.ts';
import { createRepositories } from '../repositories/index.ts';
import type { Context } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import { renderGraphiQL, useGraphiQLAssets } from './graphiql.ts';
import type { Logger } from './logger.ts';

export interface ServerDeps {
  database: Database;
  logger: Logger;
}

/** Expected failures keep their message and a stable extensions.code; the rest are masked. */
function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, { extensions: { code: original.code } });
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

export function buildYoga({ database, logger }: ServerDeps) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: logger,
    maskedErrors: { maskError },
    graphiql: { title: 'AI-infrastructure knowledge graph' },
    renderGraphiQL,
    context: ({ request }) => {
      const requestId = request.headers.get('x-request-id')?.slice(0, 100) || randomUUID();
      const db = database.scope(requestId);
      const repos = createRepositories(db);
      return { requestId, db, repos, loaders: createLoaders(repos) };
    },
    plugins: [
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
