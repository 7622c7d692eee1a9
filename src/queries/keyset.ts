import { encodeCursor } from '../domain/cursor.ts';

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/**
 * Forward keyset pagination: rows come ordered, the cursor holds the ordering values of a row.
 * The page and the count are fetched only if the query asks for them (a totalCount-only query
 * runs one statement).
 */
export interface Connection<T> {
  page: () => Promise<Page<T>>;
  totalCount: () => Promise<number>;
}

/** A connection whose page is fetched once, on first use, with limit = size + 1 (the extra row tells hasNextPage). */
export function keysetConnection<T>(
  size: number,
  fetchRows: (limit: number) => Promise<T[]>,
  cursorValues: (row: T) => string[],
  totalCount: () => Promise<number>,
): Connection<T> {
  let page: Promise<Page<T>> | undefined;
  const load = async (): Promise<Page<T>> => {
    const rows = size === 0 ? [] : await fetchRows(size + 1);
    const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor(cursorValues(node)) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > size,
        hasPreviousPage: false,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  };
  return {
    page: () => {
      page ??= load();
      return page;
    },
    totalCount,
  };
}
