import { badInput } from '../../domain/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../../domain/global-id.ts';
import { listSize } from '../../domain/limits.ts';
import type { GraphEdgeRow, GraphNodeRow } from '../../domain/rows.ts';
import { highlightsOf, type SearchHighlight } from '../../domain/search-highlight.ts';
import { LINK_MEANINGS, ROLE_MEANINGS } from '../../domain/vocabulary.ts';
import { graphQueries } from '../../queries/views.ts';
import { NEIGHBORHOOD_FANOUT, PATH_RELATIONSHIPS, type SearchRow } from '../../repositories/graph.ts';
import { builder } from '../builder.ts';
import { ALL_KIND_VALUES, describedValues } from '../describe.ts';
import { existingKey } from '../keys.ts';
import { AssertionKindEnum } from './assertion.ts';
import { NODE_TYPES, NodeRef, typenameOf } from './node.ts';
import { AssertionRef } from './refs.ts';

const SearchTypeEnum = builder.enumType('SearchType', {
  description: 'Entity and fact kinds to search in.',
  values: ALL_KIND_VALUES,
});

const TextRangeRef = builder.objectRef<{ start: number; end: number }>('TextRange').implement({
  description: 'A stretch of a text: from `start` to `end` (exclusive), in UTF-16 code units (JavaScript offsets).',
  fields: (t) => ({
    start: t.exposeInt('start', { description: 'Offset of the first character, from 0.' }),
    end: t.exposeInt('end', { description: 'Offset just after the last character.' }),
  }),
});

const SearchHighlightRef = builder.objectRef<SearchHighlight>('SearchHighlight').implement({
  description: 'Where a hit matched: a text of the hit with the matched words marked.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description:
        'name, alias, summary, text (quote or claim), snippet (a source’s verbatim words), description, ' +
        'amountAsReported, conversionAsReported, priceAsReported, changeAsReported, quantityAsReported or attribution.',
    }),
    text: t.exposeString('text', {
      description: 'The field’s text, or a window of about 240 characters around the first match (… where cut).',
    }),
    matches: t.field({ type: [TextRangeRef], description: 'The matched words in `text`.', resolve: (h) => h.matches }),
    marked: t.exposeString('marked', { description: '`text`, HTML-escaped, each match wrapped in <mark></mark>.' }),
  }),
});

type Hit = SearchRow & { terms: string[][] };

const SearchHitRef = builder.objectRef<Hit>('SearchHit').implement({
  description: 'A full-text match with its relevance score (higher is better) and where it matched.',
  fields: (t) => ({
    score: t.exposeFloat('score', {
      description: 'Lucene relevance (its own text plus its snippets; doubled for a kind the query names).',
    }),
    node: t.field({ type: NodeRef, description: 'The entity or fact that matched.', resolve: (h) => h.node }),
    exactMatch: t.exposeBoolean('exact', { description: 'Its name or an alias is exactly the query (case aside).' }),
    matchedAllWords: t.exposeBoolean('allWords', {
      description: 'Every word of the query matched. False only when no hit had them all and any word was enough.',
    }),
    highlights: t.field({
      type: [SearchHighlightRef],
      description: 'Up to three of its texts that contain the query’s words, matches marked.',
      resolve: (h) => highlightsOf({ ...h.node, snippets: h.snippets }, h.terms),
    }),
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
  evidence?: number;
}

const withIndex = (s: Slice) => {
  const index = new Map(s.nodes.map((n) => [n.key, n]));
  return {
    nodes: s.nodes,
    relationships: s.relationships.map((r) => ({ ...r, nodes: index })),
    truncated: s.truncated ?? false,
    evidence: s.evidence ?? 0,
  };
};

const PathRef = builder.objectRef<ReturnType<typeof withIndex>>('GraphPath').implement({
  description: 'An ordered path: nodes[i] and nodes[i+1] are joined by relationships[i] (in either direction).',
  fields: (t) => ({
    length: t.int({ description: 'Number of relationships (hops), e.g. 2.', resolve: (p) => p.relationships.length }),
    evidence: t.exposeInt('evidence', {
      description: 'How many source snippets support the facts on the path (more is better attested).',
    }),
    facts: t.field({
      type: [AssertionRef],
      description: 'The facts on the path, in path order; each with its `sources` and their verbatim snippets.',
      resolve: (p) => p.nodes.filter((n) => n._label === 'Assertion'),
    }),
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
      description:
        'Every relationship among the returned nodes, in the order of the nodes they start at, then by type and target key.',
      resolve: (g) => g.relationships,
    }),
  }),
});

const PathSearchEnum = builder.enumType('PathSearch', {
  description: 'Which paths `paths` returns.',
  values: {
    SHORTEST: { description: 'All paths of the shortest length (up to `first`).' },
    RANKED: {
      description:
        'Up to `first` simple paths (no node twice) of any length up to `maxHops`, shortest first, then the ' +
        'best attested (most source snippets behind their facts).',
    },
  },
});

const PathRelationshipEnum = builder.enumType('PathRelationship', {
  description: 'Relationships a path may use: a fact’s roles and the timeless links between entities.',
  values: describedValues(
    Object.fromEntries(
      PATH_RELATIONSHIPS.map((rel) => [
        rel,
        rel in ROLE_MEANINGS
          ? `A fact’s role: ${ROLE_MEANINGS[rel as keyof typeof ROLE_MEANINGS]}`
          : `A timeless link: ${LINK_MEANINGS[rel as keyof typeof LINK_MEANINGS]}`,
      ]),
    ) as Record<(typeof PATH_RELATIONSHIPS)[number], string>,
  ),
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
      'Full-text search over entity names, aliases (native scripts too) and descriptions, fact summaries, quote and ' +
      'claim text, the source’s own words for amounts ("50 billion yuan") and the verbatim snippets citing each fact. ' +
      'English stemming (centres, centre), spelling and unit variants (centre/center, yuan/CNY, billion/bn), ' +
      'prefixes (alibab), "quoted phrases". Every word must match; only when no hit has them all, any word may ' +
      '(`matchedAllWords` false). Order: exact name or alias matches first (search "Alibaba" → Alibaba Group), then ' +
      'the kinds the query names ("Malaysia data centres" → DataCenter), then entities before facts, then score. ' +
      'At most `first` (1 to 100) hits, each with highlighted matches.',
    args: {
      query: t.arg.string({
        required: true,
        description: 'Words to find, any script, e.g. "Johor" or "字节跳动": 1 to 16 words, at most 200 characters.',
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
    resolve: async (_root, args, ctx) => {
      return graphQueries.search(ctx, args.query, args.types ?? null, bounded('first', args.first ?? 10, 1, 100));
    },
  }),
  paths: t.field({
    type: [PathRef],
    description:
      'Paths between two entities through facts and timeless links (never through sources). By default the ' +
      'shortest ones (ByteDance → a Forecast fact → Nvidia); `search: RANKED` adds longer simple paths, shortest ' +
      'first, then best attested — e.g. ByteDance → a Procurement fact → Nvidia H20 → MADE_BY → Nvidia ' +
      '(`paths(from: "bytedance", to: "nvidia", search: RANKED, throughFactKinds: [Procurement])`). `facts` on each ' +
      'path carry their sources. At most `first` (1 to 25) paths of at most `maxHops` (1 to 8). Keys may be a ' +
      'unique name or alias; an unknown key is NOT_FOUND with the nearest existing keys. One entity at both ends: no ' +
      'paths.',
    args: {
      from: t.arg.string({
        required: true,
        description: 'Entity to start at: its key, e.g. `company:bytedance`, or a unique exact name or alias.',
      }),
      to: t.arg.string({
        required: true,
        description: 'Entity to reach: its key, e.g. `company:nvidia`, or a unique exact name or alias.',
      }),
      search: t.arg({
        type: PathSearchEnum,
        required: false,
        defaultValue: 'SHORTEST',
        description: 'SHORTEST (default) or RANKED.',
      }),
      throughFactKinds: t.arg({
        type: [AssertionKindEnum],
        required: false,
        description: 'Each path passes through at least one fact of these kinds.',
      }),
      relationshipTypes: t.arg({
        type: [PathRelationshipEnum],
        required: false,
        description: 'Paths use only these relationships (default: all of them).',
      }),
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
      const q = {
        ranked: args.search === 'RANKED',
        maxHops: bounded('maxHops', args.maxHops ?? 6, 1, 8),
        first: bounded('first', args.first ?? 5, 1, 25),
        relationshipTypes: args.relationshipTypes ?? null,
        throughFactKinds: args.throughFactKinds ?? null,
      };
      // Two entity keys as they are: one statement. Otherwise both keys in one batch (one statement), then the paths.
      const direct = await graphQueries.paths(ctx, args.from, args.to, q, false);
      if (direct) return direct.map(withIndex);
      const [from, to] = await Promise.all([existingKey(ctx, 'from', args.from), existingKey(ctx, 'to', args.to)]);
      return ((await graphQueries.paths(ctx, from, to, q, true)) ?? []).map(withIndex);
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
      const slice = await graphQueries.neighborhood(
        ctx,
        await existingKey(ctx, args.id ? 'id' : 'key', entityKey(args.id ? String(args.id) : null, args.key)),
        bounded('depth', args.depth ?? 2, 1, 3),
        bounded('limit', args.limit ?? 50, 1, 300),
      );
      return slice ? withIndex(slice) : null;
    },
  }),
}));
