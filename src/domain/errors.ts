/**
 * Typed domain errors. Each carries a stable `code` that reaches clients as
 * `extensions.code`; anything that is not a DomainError is masked by the server.
 */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_ID'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'DATABASE_UNAVAILABLE'
  /** This process is saturated (write budget or connection pool); retry after `retryAfterSeconds`. */
  | 'BUSY'
  | 'QUERY_TIMEOUT'
  | 'DATABASE_ERROR'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  /** Subscriptions: one client holds SUBSCRIPTION_MAX_PER_CLIENT streams on this replica already. */
  | 'TOO_MANY_SUBSCRIPTIONS'
  /** Subscriptions: the stream fell SUBSCRIPTION_QUEUE_SIZE events behind and was ended; resume from its last id. */
  | 'SUBSCRIBER_TOO_SLOW'
  /** Subscriptions: the replica is shutting down; resume from the last id (on another replica). */
  | 'SHUTTING_DOWN';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} not found: ${id}`, { id });
export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, details);
export const invalidId = (id: string, why: string) =>
  new DomainError('INVALID_ID', `Invalid id "${id}": ${why}`, { id });

/**
 * An expected rejection of a write (bad input, unknown key, conflict). Mutations return it as a
 * typed result instead of a top-level error; access errors stay top-level (HTTP 401/403).
 */
export class WriteRejected extends DomainError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'WriteRejected';
  }
}

/** An argument or filter names a key no entity has: NOT_FOUND, with the nearest existing keys. */
export function unknownKey(
  argument: string,
  key: string,
  suggestions: { key: string; name: string }[],
  ambiguous = false,
) {
  const listed = suggestions.map((s) => `${s.key} (${s.name})`).join(', ');
  const hint = ambiguous
    ? `; it is the name or an alias of several: ${listed} — give one of their keys`
    : suggestions.length
      ? `; did you mean ${suggestions.map((s) => `${s.key} (${s.name})`).join(', ')}?`
      : '; no similar key exists';
  const shown = key.length > 100 ? `${key.slice(0, 100)}…` : key;
  return new DomainError('NOT_FOUND', `No entity has the key "${shown}" (${argument})${hint}`, {
    id: key,
    argument,
    ...(ambiguous ? { ambiguous: true } : {}),
    suggestions: suggestions.map((s) => s.key),
  });
}
