import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '../domain/errors.ts';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const BAD_BOOKMARK = new Set([
  'Neo.ClientError.Transaction.InvalidBookmark',
  'Neo.ClientError.Transaction.InvalidBookmarkMixture',
]);

/** The driver could not reach Neo4j at all (as opposed to Neo4j refusing one query). */
export function lostConnection(error: unknown): boolean {
  return error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired');
}

/** Turns driver and server errors into typed domain errors; the statement name helps the logs, not clients. */
export function toDomainError(error: unknown, statementName: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE.has(error.code) || /connect|ECONNREFUSED|socket/i.test(error.message)) {
      return new DomainError('DATABASE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.', {
        statement: statementName,
      });
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
      return new DomainError('QUERY_TIMEOUT', 'The query took too long and was stopped.', { statement: statementName });
    }
    if (BAD_BOOKMARK.has(error.code)) {
      return new DomainError('BAD_USER_INPUT', 'The x-neo4j-bookmarks header holds an invalid bookmark.', {
        statement: statementName,
      });
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new DomainError('CONFLICT', 'The write conflicts with existing data.', { statement: statementName });
    }
    // Called on the class: the driver's exported isRetriableError loses `this` and throws.
    if (Neo4jError.isRetryable(error)) {
      return new DomainError('DATABASE_UNAVAILABLE', 'The graph database is busy; try again shortly.', {
        statement: statementName,
      });
    }
  }
  const wrapped = new DomainError('DATABASE_ERROR', 'The graph database failed to answer.', {
    statement: statementName,
  });
  wrapped.cause = error;
  return wrapped;
}
