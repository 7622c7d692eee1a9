import type { AssertionRow } from '../domain/rows.ts';
import type { InvestmentFilter } from '../repositories/investments.ts';
import { factConnection, type PageArgs, type QueryScope } from './connections.ts';
import type { Connection } from './keyset.ts';

/** A page of Investment facts by key; `props` are the properties the selection reads (null: all). */
export const investmentConnection = (
  scope: QueryScope,
  filter: InvestmentFilter,
  args: PageArgs,
  props: string[] | null,
): Connection<AssertionRow> =>
  factConnection(
    scope,
    {
      page: (after, limit, read) => scope.repos.investments.page(filter, after, limit, read),
      count: () => scope.repos.investments.count(filter),
    },
    args,
    props,
  );
