import { GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Database } from '../db/database.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from './logger.ts';
import { requestInfo } from './request-info.ts';

const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One JSON line per request (request id, operation, status, duration, Cypher statements, error
 * codes), a debug line per Cypher statement with the same request id (which also travels to
 * Neo4j as transaction metadata), and a line when the database goes down or comes back.
 */
export function useRequestLogging(logger: Logger, database: Database): Plugin {
  database.observe(({ name, ms, ok, requestId }) => {
    if (!ok) logger.warn({ requestId, statement: name, ms: round(ms) }, 'cypher statement failed');
    else logger.debug({ requestId, statement: name, ms: round(ms) }, 'cypher statement');
  });
  database.availability.onChange((up, reason) => {
    if (up) logger.info({ reason }, 'neo4j reachable again');
    else logger.error({ reason }, 'neo4j unreachable: failing requests fast until it answers');
  });
  return {
    onResponse({ request, response }) {
      const path = new URL(request.url).pathname;
      const info = requestInfo(request);
      const line = {
        requestId: info.id,
        method: request.method,
        path,
        status: response.status,
        ms: round(performance.now() - info.started),
        operation: info.operation,
        operationType: info.operationType,
        cypher: info.db ? { statements: info.db.stats.statements, ms: round(info.db.stats.totalMs) } : undefined,
        errors: info.errorCodes.length ? info.errorCodes : undefined,
      };
      if (QUIET_PATHS.has(path)) logger.debug(line, 'request');
      else if (response.status >= 500 || info.errorCodes.includes('INTERNAL_SERVER_ERROR'))
        logger.error(line, 'request');
      else logger.info(line, 'request');
    },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Errors a client caused (bad input, an unknown key, a bad cursor, auth, a query limit): no bug, no stack. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'INVALID_ID',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'TOO_MANY_DIRECTIVES',
  'PAYLOAD_TOO_LARGE',
  'BATCHING_LIMIT',
]);
/** The database being away, slow or saturated (BUSY): worth a warning, not a stack trace. */
const OPERATIONAL_CODES = new Set(['DATABASE_UNAVAILABLE', 'BUSY', 'QUERY_TIMEOUT']);

function codeOf(error: unknown): string | null {
  if (error instanceof DomainError) return error.code;
  if (error instanceof GraphQLError) {
    if (error.originalError && error.originalError !== error) return codeOf(error.originalError);
    return typeof error.extensions.code === 'string' ? error.extensions.code : null;
  }
  return null;
}

/**
 * Yoga's logger. Yoga logs every error it masks at `error`; here a client's error is an `info` line with its code
 * and message, a database outage a `warn` line, and only an unexpected error keeps `error` level and its stack.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  return {
    debug: (...args: unknown[]) => logger.debug({ yoga: args.map(String) }, String(args[0] ?? '')),
    info: (...args: unknown[]) => logger.info({ yoga: args.map(String) }, String(args[0] ?? '')),
    warn: (...args: unknown[]) => logger.warn({ yoga: args.map(String) }, String(args[0] ?? '')),
    error: (...args: unknown[]) => {
      for (const arg of args) {
        const code = codeOf(arg);
        const message = arg instanceof Error ? arg.message : String(arg);
        if (code && CLIENT_CODES.has(code)) logger.info({ code, error: message }, 'client error');
        else if (code && OPERATIONAL_CODES.has(code)) logger.warn({ code, error: message }, 'database error');
        else logger.error({ err: arg }, 'unexpected error');
      }
    },
  };
}
