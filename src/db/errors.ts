import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '../domain/errors.ts';
import { busy } from './write-gate.ts';

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);
const BAD_BOOKMARK = new Set([
  'Neo.ClientError.Transaction.InvalidBookmark',
  'Neo.ClientError.Transaction.InvalidBookmarkMixture',
]);

/** The driver could not reach Neo4j at all (as opposed to Neo4j refusing one query). */
export function lostConnection(error: unknown): boolean {
  return error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired');
}

/**
 * The driver's own pool had no free connection within the acquisition timeout: this process is saturated, Neo4j is
 * not down (the error's code is 'N/A' and its message says "Connection acquisition timed out").
 */
export function poolExhausted(error: unknown): boolean {
  return error instanceof Neo4jError && /connection acquisition timed out/i.test(error.message);
}

/** A uniqueness constraint refused the write (another node already holds the key or URL). */
export function isConstraintViolation(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
}

/**
 * A `CREATE … IF NOT EXISTS` that lost a race: another session (another replica starting at the same moment) created
 * the same index or constraint between the check and the creation. What the statement asked for exists.
 */
export function schemaRuleExisted(error: unknown): boolean {
  const e = error instanceof DomainError && error.cause !== undefined ? error.cause : error;
  return e instanceof Neo4jError && e.code === 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';
}

/** Turns driver and server errors into typed domain errors; the statement name helps the logs, not clients. */
export function toDomainError(error: unknown, statementName: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof Neo4jError) {
    if (poolExhausted(error)) {
      return busy('The service is busy (no free database connection); try again shortly.', {
        statement: statementName,
      });
    }
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
    // Called on the class: the driver's exported isRetriableError loses `this` and throws. A transient error that
    // outlived the retries (lock contention, deadlocks) comes from a healthy, busy database: BUSY, not UNAVAILABLE.
    if (Neo4jError.isRetryable(error)) {
      return busy('The graph database is busy; try again shortly.', { statement: statementName });
    }
  }
  const wrapped = new DomainError('DATABASE_ERROR', 'The graph database failed to answer.', {
    statement: statementName,
  });
  wrapped.cause = error;
  return wrapped;
}
