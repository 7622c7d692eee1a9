import { badInput } from '../../domain/errors.ts';
import { ASSERTION_KINDS, ENTITY_KINDS } from '../../domain/format.ts';
import { decodeGlobalId, encodeGlobalId } from '../../domain/global-id.ts';
import type { AssertionRow, EntityRow, SourceRow } from '../../domain/rows.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { reads } from '../lookahead.ts';

export type NodeRow = EntityRow | AssertionRow | (SourceRow & { __source: true });

/**
 * Every type that implements Node: entity and assertion kinds map one to one onto object types of the same name.
 * src/schema/index.ts checks at start that the schema has exactly these.
 */
export const NODE_TYPES: ReadonlySet<string> = new Set<string>(['Source', ...ENTITY_KINDS, ...ASSERTION_KINDS]);

/** The GraphQL type of a row: the kind stored on it. */
export function typenameOf(row: NodeRow): string {
  return '__source' in row ? 'Source' : row.kind;
}

/** isTypeOf of an entity or fact type: the row's kind, and a field only that family has (name / summary). */
export function isRowOf(row: unknown, kind: string, field: 'name' | 'summary'): boolean {
  if (typeof row !== 'object' || row === null) return false;
  const values = row as Record<string, unknown>;
  return values.kind === kind && typeof values[field] === 'string';
}

export const NodeRef = builder.interfaceRef<NodeRow>('Node').implement({
  description: 'Anything with a global id (Relay). Ids are opaque and stable: built from our keys.',
  resolveType: (row) => typenameOf(row),
  fields: (t) => ({
    id: t.id({
      description: 'Opaque global id; pass it to node(id).',
      extensions: reads('key', 'kind'),
      resolve: (row) => encodeGlobalId(typenameOf(row), row.key),
    }),
  }),
});

/** Loads a node by typename and key through the per-request loaders, checking it is of that type. */
export async function loadNode(ctx: Context, typename: string, key: string): Promise<NodeRow | null> {
  if (typename === 'Source') {
    const source = await ctx.loaders.source.load(key);
    return source ? { ...source, __source: true } : null;
  }
  const row = (await ctx.loaders.entity.load(key)) ?? (await ctx.loaders.assertion.load(key));
  return row && typenameOf(row) === typename ? row : null;
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'Any node by global id; null when nothing has it. A malformed or foreign id is an INVALID_ID error.',
    args: {
      id: t.arg.id({
        required: true,
        description: 'A global id from any `id` field (opaque; never build one by hand).',
      }),
    },
    resolve: (_root, { id }, ctx) => {
      const { typename, key } = decodeGlobalId(String(id), NODE_TYPES);
      return loadNode(ctx, typename, key);
    },
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: 'Several nodes by global id, in the order asked (null where missing); at most 100.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Global ids from `id` fields, at most 100 (more is a BAD_USER_INPUT error).',
      }),
    },
    resolve: (_root, { ids }, ctx) => {
      // Refused rather than cut: a silently shorter list would misalign with the ids asked.
      if (ids.length > 100) throw badInput(`nodes takes at most 100 ids, got ${ids.length}`, { limit: 'nodes' });
      return Promise.all<NodeRow | null>(
        ids.map((id) => {
          const { typename, key } = decodeGlobalId(String(id), NODE_TYPES);
          return loadNode(ctx, typename, key);
        }),
      );
    },
  }),
}));
