import type { LimitsConfig } from '../config/index.ts';
import type { DbScope } from '../db/database.ts';
import type { Auth } from '../domain/access.ts';
import type { Loaders } from '../loaders/index.ts';
import type { Repositories } from '../repositories/index.ts';
import type { LiveChanges } from '../services/live-changes.ts';

/** One per request: Pothos and the loaders cache on it, so it is never shared. */
export interface Context {
  requestId: string;
  db: DbScope;
  repos: Repositories;
  loaders: Loaders;
  /** Who is asking (src/server/auth.ts); writes call requireScope(ctx, 'write'). */
  auth: Auth;
  /** The server's limits (src/config), passed down by buildYoga: page sizes are checked against them. */
  limits: LimitsConfig;
  /**
   * Lookups that answered null because nothing has the key (entity(key:)), with the nearest keys: sent as
   * `extensions.notFound`, so a null still says why without failing a query that asks for several things.
   */
  notFound?: NotFoundNotice[];
  /** Subscriptions (factChanged, entityChanged): absent where the server runs no change-log tailer. */
  live?: LiveRequest;
}

/** What a subscription request knows besides the usual context. */
export interface LiveRequest {
  hub: LiveChanges;
  /** Who holds the stream, for SUBSCRIPTION_MAX_PER_CLIENT: `token:<name>` or `ip:<address>`. */
  client: string;
  /** The Last-Event-ID header (an EventSource reconnecting), raw; it wins over an `after` argument. */
  lastEventId: string | null;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** The seq of the event being resolved (sent as its SSE id and `extensions.seq`). */
  eventSeq?: number;
  /** The subscribed entity's key as resolved (entityChanged). */
  entityKey?: string;
  /** Fresh DataLoaders for the next event: a stream lives long, and each event must read the graph as it is. */
  renewLoaders(): void;
}

export interface NotFoundNotice {
  field: string;
  key: string;
  message: string;
  suggestions: string[];
}
