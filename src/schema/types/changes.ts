import {
  CHANGE_OP_MEANINGS,
  CHANGE_OPS,
  CHANGE_TARGETS,
  type ChangeRow,
  type ChangeTarget,
} from '../../domain/changes.ts';
import { type ChangeFeedPage, changeFeed } from '../../queries/changes.ts';
import { MAX_CHANGE_SCAN } from '../../repositories/changes.ts';
import { builder } from '../builder.ts';
import { DOCUMENTED_MAX_PAGE_SIZE } from '../connection.ts';
import { reads } from '../lookahead.ts';
import { AssertionRef, EntityRef, SourceRef } from './refs.ts';

const ChangeOpEnum = builder.enumType('ChangeOp', {
  description: 'What a write did, as the change log records it.',
  values: Object.fromEntries(CHANGE_OPS.map((op) => [op, { description: `${CHANGE_OP_MEANINGS[op]}.` }])),
});

const TARGET_MEANINGS: Record<ChangeTarget, string> = {
  fact: 'a fact (assertion); `key` is its key, `kind` its fact kind',
  entity: 'an entity; `key` is its key, `kind` its entity kind',
  source: 'a source; `key` is its key, `kind` is `Source`',
  link: 'a timeless link between two entities; `key` is `from TYPE to`, `kind` the link type',
  judgement: 'an entity-resolution judgement; `key` is its key, `kind` is `Judgement`',
};

const ChangeTargetEnum = builder.enumType('ChangeTarget', {
  description: 'What kind of thing a change-log entry is about.',
  values: Object.fromEntries(CHANGE_TARGETS.map((t) => [t, { description: `${TARGET_MEANINGS[t]}.` }])),
});

export const ChangeLogEntryRef = builder.objectRef<ChangeRow>('ChangeLogEntry').implement({
  description:
    'One entry of the change log: something a write changed, recorded in the same transaction as the change. ' +
    'Entries are numbered by `seq` with no gaps, in commit order.',
  fields: (t) => ({
    seq: t.exposeInt('seq', {
      description: 'Its number in the log: 1, 2, 3 … in commit order, no gaps, never reused.',
    }),
    at: t.field({
      type: 'DateTime',
      description: 'When it was committed (UTC); never earlier than the entry before it.',
      resolve: (c) => c.at,
    }),
    actor: t.exposeString('actor', {
      nullable: true,
      description:
        'Who wrote it: the token name of a mutation, `seed`, `import` or `import:epoch` for command-line imports.',
    }),
    op: t.field({ type: ChangeOpEnum, description: 'What the write did.', resolve: (c) => c.op as never }),
    target: t.field({
      type: ChangeTargetEnum,
      description: 'What kind of thing changed: a fact, an entity, a source or a link.',
      resolve: (c) => c.target as never,
    }),
    key: t.exposeString('key', {
      description: 'The key of what changed, e.g. `fact:baidu-capex-2024-h1`; a link’s is `from TYPE to`.',
    }),
    kind: t.exposeString('kind', {
      description: 'Its kind: a fact kind (FinancialFigure), an entity kind (Company), `Source`, or a link type.',
    }),
    entities: t.exposeStringList('entities', {
      description:
        'Keys of the entities it concerns: a fact’s participants, the entity itself, a link’s two ends, both sides ' +
        'of a merge (as they were when it was written).',
    }),
    sources: t.exposeStringList('sources', {
      description: 'Keys of the sources it concerns: the sources a fact cites, or the source itself.',
    }),
    fields: t.exposeStringList('fields', {
      description: 'The fields an update changed (op `update`), e.g. ["name"]; empty otherwise.',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description: 'The reason given with a retraction, merge or update; null otherwise.',
    }),
    fact: t.field({
      type: AssertionRef,
      nullable: true,
      description: 'The fact as it is now, when the entry is about a fact (null otherwise).',
      resolve: (c, _args, ctx) => (c.target === 'fact' ? ctx.loaders.assertion.load(c.key) : null),
    }),
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description:
        'The entity as it is now, when the entry is about an entity (null otherwise); a key merged away since gives ' +
        'the entity it was merged into.',
      resolve: (c, _args, ctx) => (c.target === 'entity' ? ctx.loaders.entity.load(c.key) : null),
    }),
  }),
});

const ChangeLogEdgeRef = builder.objectRef<ChangeFeedPage['edges'][number]>('ChangeLogEdge').implement({
  description: 'One entry of a page of the change feed, with its cursor.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Resume after this entry: pass it as `after`.' }),
    node: t.field({ type: ChangeLogEntryRef, description: 'The entry.', resolve: (e) => e.node }),
  }),
});

const ChangeFeedRef = builder.objectRef<ChangeFeedPage>('ChangeFeed').implement({
  description:
    'A page of the change log, oldest first. Keep `endCursor` and ask again with `after: endCursor` to get what ' +
    'changed since: nothing is skipped and nothing comes twice, across restarts and replicas (the log is in the graph).',
  fields: (t) => ({
    edges: t.field({
      type: [ChangeLogEdgeRef],
      description: 'The entries, each with its cursor, in `seq` order.',
      resolve: (p) => p.edges,
    }),
    nodes: t.field({
      type: [ChangeLogEntryRef],
      description: 'The entries of `edges`, for brevity.',
      resolve: (p) => p.edges.map((e) => e.node),
    }),
    endCursor: t.exposeString('endCursor', {
      description:
        'Where to resume, never null: after the last entry of the page, or — when a filter matched fewer entries than ' +
        `\`first\` among the ${MAX_CHANGE_SCAN} entries one read looks through — after those. With no \`after\`, ` +
        'the feed starts at the beginning of the log.',
    }),
    hasNextPage: t.exposeBoolean('hasNextPage', {
      description: 'True when the log holds entries after `endCursor` (they may not match the filter).',
    }),
    lastSeq: t.exposeInt('lastSeq', { description: 'The `seq` of the log’s last entry when this page was read.' }),
  }),
});

const ChangeFilterInput = builder.inputType('ChangeFilter', {
  description: 'Which entries of the change log to return; all given filters must hold.',
  fields: (t) => ({
    entity: t.string({
      required: false,
      description:
        'Only entries concerning this entity key (as written in the log: a merged-away key matches entries from ' +
        'before the merge, and the merge itself), e.g. `company:baidu`.',
    }),
    kinds: t.stringList({
      required: false,
      description:
        'Only entries of these kinds: fact kinds (`FinancialFigure`), entity kinds (`Company`), `Source`, link types ' +
        '(`PART_OF`). An unknown kind is BAD_USER_INPUT naming the nearest.',
    }),
    source: t.string({
      required: false,
      description: 'Only entries concerning this source key (facts citing it, and the source itself).',
    }),
  }),
});

builder.queryField('changes', (t) =>
  t.field({
    type: ChangeFeedRef,
    description:
      'The change feed: what every write changed (facts, entities, sources, links; by mutations and imports), oldest ' +
      'first, as a keyset page over the change log. For polling clients and sync jobs: keep `endCursor`, ask again ' +
      'with `after` later. See README "Following changes".',
    args: {
      after: t.arg.string({
        required: false,
        description:
          'Resume after this cursor (a previous page’s `endCursor` or an edge’s `cursor`); omit to start at the ' +
          'beginning of the log. A cursor this API did not return is a BAD_USER_INPUT error.',
      }),
      first: t.arg.int({
        required: false,
        description: `At most this many entries, 0 to ${DOCUMENTED_MAX_PAGE_SIZE} (MAX_PAGE_SIZE); default the maximum.`,
      }),
      filter: t.arg({
        type: ChangeFilterInput,
        required: false,
        description: 'Only entries matching all given filters; default every entry.',
      }),
    },
    resolve: (_root, args, ctx) => changeFeed(ctx, args),
  }),
);

const stamp = (v: unknown) => (typeof v === 'string' ? v : null);
const FIRST_SEEN =
  'When the graph learned of it: the time of the first change-log entry that wrote it. Null when it was written ' +
  'before the change log existed (until it is written again).';
const LAST_SEEN =
  'When the graph last wrote or confirmed it: its latest change-log entry that wrote it as content (a re-import of ' +
  'the same line moves it; a judgement does not). Null as for `firstSeen`.';

builder.interfaceFields(EntityRef, (t) => ({
  firstSeen: t.field({
    type: 'DateTime',
    nullable: true,
    description: FIRST_SEEN,
    extensions: reads('firstSeen'),
    resolve: (e) => stamp(e.firstSeen),
  }),
  lastSeen: t.field({
    type: 'DateTime',
    nullable: true,
    description: LAST_SEEN,
    extensions: reads('lastSeen'),
    resolve: (e) => stamp(e.lastSeen),
  }),
}));

builder.objectFields(SourceRef, (t) => ({
  firstSeen: t.field({
    type: 'DateTime',
    nullable: true,
    description: FIRST_SEEN,
    extensions: reads('firstSeen'),
    resolve: (s) => stamp(s.firstSeen),
  }),
  lastSeen: t.field({
    type: 'DateTime',
    nullable: true,
    description: LAST_SEEN,
    extensions: reads('lastSeen'),
    resolve: (s) => stamp(s.lastSeen),
  }),
}));
