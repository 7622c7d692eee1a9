import type { Plugin } from 'graphql-yoga';
import type { Database } from '../db/database.ts';
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
