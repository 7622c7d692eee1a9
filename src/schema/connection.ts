import { loadConfig } from '../config/index.ts';
import { type Capped, pageSize } from '../domain/limits.ts';
import type { Connection, PageInfo } from '../queries/keyset.ts';
import { builder, type OutputOf } from './builder.ts';
import type { Context } from './context.ts';

export const PageInfoRef = builder.objectRef<PageInfo>('PageInfo').implement({
  description: 'Relay page information. Cursors are keyset cursors: any page costs what the first page costs.',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', {
      description: 'True when more nodes follow: ask again with `after` set to `endCursor`.',
    }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Always false: pagination is forward only.' }),
    startCursor: t.exposeString('startCursor', {
      nullable: true,
      description: 'Cursor of the first node of this page; null when the page is empty.',
    }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Cursor of the last node of this page: pass it as `after` for the next page; null when empty.',
    }),
  }),
});

/** `${name}Connection` and `${name}Edge` types for a node type. */
export function connectionOf<T>(name: string, nodeRef: OutputOf<T>) {
  const edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    description: `One ${name} of a page, with its cursor.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description: 'Opaque keyset cursor of this node: pass it as `after` to continue after it.',
      }),
      node: t.field({ type: nodeRef, description: `The ${name}.`, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description: `A page of ${name} nodes.`,
    fields: (t) => ({
      edges: t.field({
        type: [edge],
        description: 'The page’s nodes, each with its cursor, in the connection’s order.',
        resolve: async (c) => (await c.page()).edges,
      }),
      nodes: t.field({
        type: [nodeRef],
        description: 'The nodes of `edges`, for brevity.',
        resolve: async (c) => (await c.page()).edges.map((e) => e.node) as never,
      }),
      pageInfo: t.field({
        type: PageInfoRef,
        description: 'Whether more nodes follow, and the cursor to ask for them with.',
        resolve: async (c) => (await c.page()).pageInfo,
      }),
      totalCount: t.int({
        description: 'How many match the filter in all pages (one extra count query, only when asked).',
        resolve: (c) => c.totalCount(),
      }),
    }),
  });
}

/**
 * MAX_PAGE_SIZE's documented default, for descriptions only: the printed schema must not depend on the environment.
 * Requests are checked against the server's own limit (ctx.limits.maxPageSize).
 */
export const DOCUMENTED_MAX_PAGE_SIZE = loadConfig({}).limits.maxPageSize;

/** The `first` argument of a root connection: 0..MAX_PAGE_SIZE, missing means the maximum (the one page-size rule). */
export const PAGE_FIRST = {
  required: false,
  description:
    `At most this many nodes, 0 to ${DOCUMENTED_MAX_PAGE_SIZE} (MAX_PAGE_SIZE; more is a BAD_USER_INPUT error, never ` +
    'cut silently); default the maximum. `pageInfo.hasNextPage` says whether more matched.',
} as const;

/** The `first` argument of a capped view: 1..MAX_PAGE_SIZE, missing means the maximum (the one page-size rule). */
export const CAPPED_FIRST = {
  required: false,
  description:
    `At most this many rows, 1 to ${DOCUMENTED_MAX_PAGE_SIZE} (MAX_PAGE_SIZE; more is a BAD_USER_INPUT error, never ` +
    'cut silently); default the maximum. `truncated` says whether more matched.',
} as const;

/** The rows a capped view may answer: its `first`, checked against the server's limit. */
export const cappedRows = (ctx: Context, first: number | null | undefined) =>
  pageSize(first, ctx.limits.maxPageSize, 1);

/** Nested lists (a company's figures, a chip's buyers …) are bounded too. */
export const MAX_NESTED_LIST = 100;

/** The `after` argument of a root connection. */
export const PAGE_AFTER = {
  required: false,
  description:
    'Continue after this cursor: the previous page’s `pageInfo.endCursor` (or an edge’s `cursor`); omit for the ' +
    'first page. A cursor this API did not return is a BAD_USER_INPUT error.',
} as const;

/** The `first` argument of a nested fact list: 0..MAX_NESTED_LIST, with the list's default. */
export const nestedFirst = (fallback: number) =>
  ({
    required: false,
    defaultValue: fallback,
    description: `At most this many, 0 to ${MAX_NESTED_LIST} (more is an error); default ${fallback}.`,
  }) as const;

/**
 * `${name}List`: a capped research view — at most `limit` rows (the field's `first`), and `truncated` when more
 * matched (narrow the arguments to see the rest).
 */
export function cappedListOf<T>(name: string, rowRef: OutputOf<T>, what: string) {
  return builder.objectRef<Capped<T>>(`${name}List`).implement({
    description: `At most \`limit\` ${what}; \`truncated\` says whether more matched.`,
    fields: (t) => ({
      rows: t.field({
        type: [rowRef],
        description: `The ${what}, in the view’s order.`,
        resolve: (c) => c.rows as never,
      }),
      truncated: t.exposeBoolean('truncated', {
        description: 'True when more rows matched than `limit`: narrow the arguments (period, country …) to see them.',
      }),
      limit: t.exposeInt('limit', { description: 'The cap applied (the field’s `first`).' }),
    }),
  });
}
