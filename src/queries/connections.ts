import type { LimitsConfig } from '../config/index.ts';
import { decodeCursor } from '../domain/cursor.ts';
import { pageSize } from '../domain/limits.ts';
import type { AssertionRow, EntityRow, SourceRow } from '../domain/rows.ts';
import type { Loaders } from '../loaders/index.ts';
import type { AssertionFilter, InvolvementQuery } from '../repositories/assertions.ts';
import type { EntityFilter } from '../repositories/entities.ts';
import type { Repositories } from '../repositories/index.ts';
import type { Props } from '../repositories/projection.ts';
import type { ConflictFilter, ConflictRow } from '../repositories/ranks.ts';
import { type Connection, keysetConnection } from './keyset.ts';

/** What the root connections read through: the request's repositories and loaders, and the server's limits. */
export interface QueryScope {
  repos: Repositories;
  loaders: Loaders;
  limits: LimitsConfig;
}

/** The arguments every root connection takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * A read filtered by a country key as given, resolved only when it finds nothing: finding anything proves the key is
 * an existing place's, which is what resolving it answers (an exact key names itself), so the usual request runs no
 * statement to resolve it. Found nothing: `resolve` answers the entity the key names (a name or alias, a merged-away
 * key) and the read runs again with it, or throws (an unknown key: NOT_FOUND with suggestions).
 */
async function byCountryAsGiven<T>(
  given: string | null,
  read: (country: string | null) => Promise<T>,
  found: (result: T) => boolean,
  resolve: (key: string) => Promise<string>,
): Promise<T> {
  const first = await read(given);
  if (given === null || found(first)) return first;
  const resolved = await resolve(given);
  return resolved === given ? first : read(resolved);
}

/**
 * A page of entities of one kind by name; `facts` are read with each entity and prime the loaders. The filter's
 * country key is taken as given and resolved with `resolveCountry` only when the page or count finds nothing.
 * `props` are the entity properties the selection reads (null: all; only whole entities prime the entity loader).
 */
export function entityConnection(
  scope: QueryScope,
  filter: EntityFilter,
  args: PageArgs & { descending: boolean },
  facts: readonly InvolvementQuery[],
  props: Props,
  resolveCountry: (key: string) => Promise<string>,
): Connection<EntityRow> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 2) : null;
  return keysetConnection(
    size,
    async (limit) => {
      const rows = await byCountryAsGiven(
        filter.country,
        (country) =>
          scope.repos.entities.page({
            ...filter,
            country,
            descending: args.descending,
            after: after ? { name: after[0]!, key: after[1]! } : null,
            limit,
            facts,
            props,
          }),
        (found) => found.length > 0,
        resolveCountry,
      );
      return scope.loaders.withFacts(facts, rows, props);
    },
    (r) => [r.name, r.key],
    () =>
      byCountryAsGiven(
        filter.country,
        (country) => scope.repos.entities.count({ ...filter, country }),
        (total) => total > 0,
        resolveCountry,
      ),
  );
}

/** Where a fact connection reads its pages and its total (one repository method pair, its filter bound). */
export interface FactPages {
  page(after: string | null, limit: number, props: string[] | null): Promise<AssertionRow[]>;
  count(): Promise<number>;
}

/** A page of facts by key from `source`; `props` are the properties the selection reads (null: all). */
export function factConnection(
  scope: QueryScope,
  source: FactPages,
  args: PageArgs,
  props: string[] | null,
  asOf: string | null = null,
): Connection<AssertionRow> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 1)[0]! : null;
  return keysetConnection(
    size,
    async (limit) => {
      const rows = await source.page(after, limit, props);
      // Only whole facts as they are now may serve later loads by key.
      if (props === null && !asOf) for (const row of rows) scope.loaders.assertion.prime(row.key, row);
      return rows;
    },
    (r) => [r.key],
    () => source.count(),
  );
}

/** A page of facts by key; `props` are the properties the selection reads (null: all). */
export const assertionConnection = (
  scope: QueryScope,
  filter: AssertionFilter,
  args: PageArgs,
  props: string[] | null,
): Connection<AssertionRow> =>
  factConnection(
    scope,
    {
      page: (after, limit, read) => scope.repos.assertions.page(filter, after, limit, read),
      count: () => scope.repos.assertions.count(filter),
    },
    args,
    props,
    filter.asOf ?? null,
  );

/** A page of sources by key, optionally by a substring of the title; `props`: what the selection reads (null: all). */
export function sourceConnection<T extends { key: string }>(
  scope: QueryScope,
  titleContains: string | null,
  args: PageArgs,
  shape: (row: SourceRow) => T,
  props: Props = null,
): Connection<T> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 1)[0]! : null;
  return keysetConnection(
    size,
    async (limit) => (await scope.repos.sources.page(titleContains, after, limit, props)).map(shape),
    (r) => [r.key],
    () => scope.repos.sources.count(titleContains),
  );
}

/** A page of conflicts (statement groups whose facts disagree) in group order. */
export function conflictConnection(scope: QueryScope, filter: ConflictFilter, args: PageArgs): Connection<ConflictRow> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 1)[0]! : null;
  return keysetConnection(
    size,
    (limit) => scope.repos.ranks.conflicts(filter, after, limit),
    (r) => [r.groupKey],
    () => scope.repos.ranks.conflictCount(filter),
  );
}
