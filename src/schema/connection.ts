import { encodeCursor } from '../domain/cursor.ts';
import type { Capped } from '../domain/limits.ts';

export { pageSize } from '../domain/limits.ts';

import { builder } from './builder.ts';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Page<T> {
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

export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  description: 'Relay page information. Cursors are keyset cursors: any page costs what the first page costs.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Always false: pagination is forward only.' }),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'Pass as `after` for the next page.' }),
  }),
});

/** `${name}Connection` and `${name}Edge` types for a node type. */
export function connectionOf<T>(name: string, nodeRef: any) {
  const edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.field({ type: nodeRef, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description: `A page of ${name} nodes.`,
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: async (c) => (await c.page()).edges }),
      nodes: t.field({
        type: [nodeRef],
        description: 'The nodes of `edges`, for brevity.',
        resolve: async (c) => (await c.page()).edges.map((e) => e.node) as never,
      }),
      pageInfo: t.field({ type: PageInfoRef, resolve: async (c) => (await c.page()).pageInfo }),
      totalCount: t.int({
        description: 'How many match the filter in all pages (one extra count query, only when asked).',
        resolve: (c) => c.totalCount(),
      }),
    }),
  });
}

/** Nested lists (a company's figures, a chip's buyers …) are bounded too. */
export const MAX_NESTED_LIST = 100;

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

/**
 * `${name}List`: a capped research view — at most `limit` rows (the field's `first`), and `truncated` when more
 * matched (narrow the arguments to see the rest).
 */
export function cappedListOf<T>(name: string, rowRef: any, what: string) {
  return builder.objectRef<Capped<T>>(`${name}List`).implement({
    description: `At most \`limit\` ${what}; \`truncated\` says whether more matched.`,
    fields: (t) => ({
      rows: t.field({ type: [rowRef], resolve: (c) => c.rows as never }),
      truncated: t.exposeBoolean('truncated', {
        description: 'True when more rows matched than `limit`: narrow the arguments (period, country …) to see them.',
      }),
      limit: t.exposeInt('limit', { description: 'The cap applied (the field’s `first`).' }),
    }),
  });
}
