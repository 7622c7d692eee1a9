import { badInput } from '../../domain/errors.ts';
import { ALL_KINDS } from '../../domain/format.ts';
import { decodeGlobalId, encodeGlobalId } from '../../domain/global-id.ts';
import { listSize } from '../../domain/limits.ts';
import type { GraphEdgeRow, GraphNodeRow } from '../../domain/rows.ts';
import { toLuceneQuery } from '../../domain/search.ts';
import { NEIGHBORHOOD_FANOUT } from '../../repositories/graph.ts';
import { builder } from '../builder.ts';
import { existingKey } from '../keys.ts';
import { NODE_TYPES, NodeRef, typenameOf } from './node.ts';

const SearchTypeEnum = builder.enumType('SearchType', {
  description: 'Entity and fact kinds to search in.',
  values: ALL_KINDS,
});

const SearchHitRef = builder.objectRef<{ node: GraphNodeRow; score: number }>('SearchHit').implement({
  description: 'A full-text match with its relevance score (higher is better).',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description: 'Lucene relevance, higher is better; comparable only within one search, e.g. 4.99.',
    }),
    node: t.field({ type: NodeRef, description: 'The entity or fact that matched.', resolve: (h) => h.node }),
  }),
});

const EdgeRef = builder.objectRef<GraphEdgeRow & { nodes: Map<string, GraphNodeRow> }>('GraphEdge').implement({
  description: 'A directed relationship between two nodes, by type (SUBJECT, OBJECT, MEMBER, PART_OF, MADE_BY …).',
  fields: (t) => ({
    type: t.exposeString('type', {
      description:
        'The relationship type: a role of an entity in a fact (SUBJECT, OBJECT, MEMBER, SPEAKER, CONCERNS) or a ' +
        'timeless link (PART_OF, MADE_BY, LOCATED_IN, UNIT_OF).',
    }),
    fromKey: t.exposeString('from', {
      description: 'Key of the node it starts at, e.g. `fact:bytedance-cash-reserves`.',
    }),
    toKey: t.exposeString('to', { description: 'Key of the node it points to, e.g. `company:bytedance`.' }),
    fromId: t.id({ description: 'Global id of the node it starts at.', resolve: (e) => idOfKey(e.nodes, e.from) }),
    toId: t.id({ description: 'Global id of the node it points to.', resolve: (e) => idOfKey(e.nodes, e.to) }),
  }),
});

const idOfKey = (nodes: Map<string, GraphNodeRow>, key: string) => {
  const node = nodes.get(key);
  return node ? encodeGlobalId(typenameOf(node), key) : key;
};

interface Slice {
  nodes: GraphNodeRow[];
  relationships: GraphEdgeRow[];
  truncated?: boolean;
}

const withIndex = (s: Slice) => {
  const index = new Map(s.nodes.map((n) => [n.key, n]));
  return {
    nodes: s.nodes,
    relationships: s.relationships.map((r) => ({ ...r, nodes: index })),
    truncated: s.truncated ?? false,
  };
};

const PathRef = builder.objectRef<ReturnType<typeof withIndex>>('GraphPath').implement({
  description: 'An ordered path: nodes[i] and nodes[i+1] are joined by relationships[i] (in either direction).',
  fields: (t) => ({
    length: t.int({ description: 'Number of relationships (hops), e.g. 2.', resolve: (p) => p.relationships.length }),
    nodes: t.field({
      type: [NodeRef],
      description: 'Entities and facts along the path, from `from` to `to`.',
      resolve: (p) => p.nodes,
    }),
    relationships: t.field({
      type: [EdgeRef],
      description: 'The relationships joining them, in path order (each keeps its own direction).',
      resolve: (p) => p.relationships,
    }),
  }),
});

const SubgraphRef = builder.objectRef<ReturnType<typeof withIndex>>('Subgraph').implement({
  description: 'Nodes and the relationships among them, ready to draw.',
  fields: (t) => ({
    truncated: t.exposeBoolean('truncated', {
      description:
        `True when a cap cut the neighbourhood: more than \`limit\` nodes, or a node with more than ` +
        `${NEIGHBORHOOD_FANOUT} neighbours (each node contributes at most ${NEIGHBORHOOD_FANOUT} to the next hop).`,
    }),
    nodes: t.field({
      type: [NodeRef],
      description: 'The start entity first, then the nodes reached, nearer hops first.',
      resolve: (g) => g.nodes,
    }),
    relationships: t.field({
      type: [EdgeRef],
      description: 'Every relationship among the returned nodes.',
      resolve: (g) => g.relationships,
    }),
  }),
});

const bounded = (name: string, value: number, min: number, max: number) => listSize(name, value, max, { min });

const entityKey = (id: string | null | undefined, key: string | null | undefined) => {
  if (key) return key;
  if (id) return decodeGlobalId(id, NODE_TYPES).key;
  throw badInput('give an entity `key` or a global `id`');
};

builder.queryFields((t) => ({
  search: t.field({
    type: [SearchHitRef],
    description:
      'Full-text search over entity names and aliases (native scripts too), fact summaries, quote and claim text. ' +
      'Every word must match, as a word or a prefix; ranked by score; the best `first` (1 to 100).',
    args: {
      query: t.arg.string({
        required: true,
        description:
          'Words to find, any script, e.g. "Johor" or "字节跳动": 1 to 16 words, at most 200 characters; each must ' +
          'match as a word or a prefix. Operators and Lucene syntax are taken as plain text.',
      }),
      types: t.arg({
        type: [SearchTypeEnum],
        required: false,
        description: 'Only these entity and fact kinds, e.g. [Company, Place]; default every kind.',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 10,
        description: 'At most this many hits, 1 to 100 (more is an error); default 10.',
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.repos.graph.search(toLuceneQuery(args.query), args.types ?? null, bounded('first', args.first ?? 10, 1, 100)),
  }),
  paths: t.field({
    type: [PathRef],
    description:
      'Shortest paths between two entities through facts and timeless links (never through sources), e.g. ' +
      'ByteDance → a Procurement fact → Nvidia H20 → MADE_BY → Nvidia. At most `first` (1 to 25) paths of at most ' +
      '`maxHops` (1 to 8). An unknown key is NOT_FOUND with the nearest existing keys.',
    args: {
      from: t.arg.string({ required: true, description: 'Key of the entity to start at, e.g. `company:bytedance`.' }),
      to: t.arg.string({ required: true, description: 'Key of the entity to reach, e.g. `company:nvidia`.' }),
      maxHops: t.arg.int({
        required: false,
        defaultValue: 6,
        description: 'Longest path, in relationships: 1 to 8 (more is an error); default 6.',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 5,
        description: 'At most this many paths of the shortest length, 1 to 25 (more is an error); default 5.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      // Both keys in one batch (one statement), then the paths.
      const [from, to] = await Promise.all([existingKey(ctx, 'from', args.from), existingKey(ctx, 'to', args.to)]);
      const paths = await ctx.repos.graph.shortestPaths(
        from,
        to,
        bounded('maxHops', args.maxHops ?? 6, 1, 8),
        bounded('first', args.first ?? 5, 1, 25),
      );
      return paths.map(withIndex);
    },
  }),
  neighborhood: t.field({
    type: SubgraphRef,
    nullable: true,
    description:
      'Nodes within `depth` hops of an entity (facts and timeless links, no sources) and the edges among them; at ' +
      'most `limit` nodes besides the start, nearer hops first (`truncated` says a cap cut it). An unknown key is ' +
      'NOT_FOUND with the nearest existing keys; a merged-away key means the entity it was merged into.',
    args: {
      key: t.arg.string({
        required: false,
        description: 'Key of the start entity, e.g. `place:my-johor`; give `key` or `id`.',
      }),
      id: t.arg.id({ required: false, description: 'Global id of the start entity, instead of `key`.' }),
      depth: t.arg.int({
        required: false,
        defaultValue: 2,
        description: 'Hops from the start, 1 to 3 (more is an error); default 2.',
      }),
      limit: t.arg.int({
        required: false,
        defaultValue: 50,
        description: 'At most this many nodes besides the start, 1 to 300 (more is an error); default 50.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const slice = await ctx.repos.graph.neighborhood(
        await existingKey(ctx, args.id ? 'id' : 'key', entityKey(args.id ? String(args.id) : null, args.key)),
        bounded('depth', args.depth ?? 2, 1, 3),
        bounded('limit', args.limit ?? 50, 1, 300),
      );
      return slice ? withIndex(slice) : null;
    },
  }),
}));
