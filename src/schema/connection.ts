import { loadConfig } from '../config/index.ts';
import { type Capped, pageSize } from '../domain/limits.ts';
import type { Connection, PageInfo } from '../queries/keyset.ts';
import { builder, type OutputOf } from './builder.ts';
import type { Context } from './context.ts';

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
export function connectionOf<T>(name: string, nodeRef: OutputOf<T>) {
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

/**
 * `${name}List`: a capped research view — at most `limit` rows (the field's `first`), and `truncated` when more
 * matched (narrow the arguments to see the rest).
 */
export function cappedListOf<T>(name: string, rowRef: OutputOf<T>, what: string) {
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
