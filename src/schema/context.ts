import type { LimitsConfig } from '../config/index.ts';
import type { DbScope } from '../db/database.ts';
import type { Auth } from '../domain/access.ts';
import type { Loaders } from '../loaders/index.ts';
import type { Repositories } from '../repositories/index.ts';

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
}

export interface NotFoundNotice {
  field: string;
  key: string;
  message: string;
  suggestions: string[];
}
