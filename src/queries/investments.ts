import { decodeCursor } from '../domain/cursor.ts';
import { pageSize } from '../domain/limits.ts';
import type { AssertionRow } from '../domain/rows.ts';
import type { InvestmentFilter } from '../repositories/investments.ts';
import type { PageArgs, QueryScope } from './connections.ts';
import { type Connection, keysetConnection } from './keyset.ts';

/** A page of Investment facts by key; `props` are the properties the selection reads (null: all). */
export function investmentConnection(
  scope: QueryScope,
  filter: InvestmentFilter,
  args: PageArgs,
  props: string[] | null,
): Connection<AssertionRow> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 1)[0]! : null;
  return keysetConnection(
    size,
    async (limit) => {
      const rows = await scope.repos.investments.page(filter, after, limit, props);
      // Only whole facts may serve later loads by key.
      if (props === null) for (const row of rows) scope.loaders.assertion.prime(row.key, row);
      return rows;
    },
    (r) => [r.key],
    () => scope.repos.investments.count(filter),
  );
}
