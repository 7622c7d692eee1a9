import { requireScope } from '../../domain/access.ts';
import { WriteRejected } from '../../domain/errors.ts';
import { nestedLimit } from '../../domain/limits.ts';
import { type Candidate, type CandidateReason, REASON_WEIGHTS } from '../../domain/resolution.ts';
import {
  CANDIDATE_SCAN,
  type CandidatePage,
  judgementConnection,
  resolutionCandidates,
} from '../../queries/resolution.ts';
import type { JudgementRow } from '../../repositories/judgements.ts';
import { judgeEntities, withdrawJudgement } from '../../services/judgements.ts';
import { builder } from '../builder.ts';
import { connectionOf, MAX_NESTED_LIST, nestedFirst, PAGE_AFTER, PAGE_FIRST, PageInfoRef } from '../connection.ts';
import { reads } from '../lookahead.ts';
import { EntityRef } from './refs.ts';

const VerdictEnum = builder.enumType('JudgementVerdict', {
  description: 'What a judgement says about two entity keys (or a dataset’s name and an entity key).',
  values: {
    positive: { description: 'The same entity: merged (mergeEntities), or a name an import maps to the entity.' },
    negative: { description: 'Not the same entity: a merge of the pair is refused until it is withdrawn.' },
    unsure: { description: 'Not known yet: recorded so the pair is not proposed again; a merge supersedes it.' },
  },
});

const StatusEnum = builder.enumType('JudgementStatus', {
  description: 'Whether a judgement stands.',
  values: {
    active: { description: 'It stands.' },
    withdrawn: {
      description: 'Withdrawn (a merge: un-merged) or superseded by a later judgement of the pair; kept as a record.',
    },
  },
});

export const JudgementRef = builder.objectRef<JudgementRow>('Judgement').implement({
  description:
    'An entity-resolution decision, recorded instead of applied silently: whether two entity keys name one thing ' +
    '(positive: merged; negative: not the same; unsure), or, from an import’s alias table, which entity a dataset’s ' +
    'name means — with who, when, why and, for an import, its source. Withdrawing a merge un-merges it.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'Stable key, e.g. judgement:3f1c…; pass it to withdrawJudgement.',
    }),
    verdict: t.field({ type: VerdictEnum, description: 'positive, negative or unsure.', resolve: (j) => j.verdict }),
    status: t.field({ type: StatusEnum, description: 'active or withdrawn.', resolve: (j) => j.status }),
    entity: t.exposeString('entity', {
      description:
        'The first entity key: for a merge the entity kept, for an alias-table row the entity the name means.',
    }),
    other: t.exposeString('other', {
      nullable: true,
      description:
        'The second entity key: for a merge the entity removed (its key now redirects to `entity`); null for a ' +
        'name.',
    }),
    name: t.exposeString('name', {
      nullable: true,
      description: 'For an alias-table row: the name as the dataset writes it, e.g. "DeepMind".',
    }),
    merged: t.boolean({
      description: 'True for a judgement that merged the two entities (mergeEntities), while and after it stood.',
      resolve: (j) => j.merged === true,
    }),
    reason: t.exposeString('reason', { description: 'Why, as the curator (or the import) gave it.' }),
    by: t.exposeString('by', {
      nullable: true,
      description: 'Who: the token name that wrote it, or epoch-import for the alias table.',
    }),
    at: t.exposeString('at', { description: 'When it was first recorded (ISO 8601).' }),
    source: t.exposeString('source', {
      nullable: true,
      description: 'For an import’s judgement: the file that holds the mapping, e.g. src/import/epoch/aliases.ts.',
    }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: 'Its row in that file, e.g. ORG_ALIASES["DeepMind"].',
    }),
    firstSeen: t.exposeString('firstSeen', {
      nullable: true,
      description:
        'For an import’s judgement: the first dataset cell that used it, e.g. "epoch_gpu_clusters.csv row 12, Owner".',
    }),
    occurrences: t.exposeInt('occurrences', {
      nullable: true,
      description: 'For an import’s judgement: how many dataset cells it resolved in the last import.',
    }),
    withdrawnAt: t.exposeString('withdrawnAt', { nullable: true, description: 'When it was withdrawn (ISO 8601).' }),
    withdrawnBy: t.exposeString('withdrawnBy', { nullable: true, description: 'Who withdrew it (token name).' }),
    withdrawalReason: t.exposeString('withdrawalReason', {
      nullable: true,
      description: 'Why it was withdrawn; "superseded by judgement:…" when a later judgement of the pair replaced it.',
    }),
    supersededBy: t.exposeString('supersededBy', {
      nullable: true,
      description: 'The key of the later judgement (or merge) of the pair that replaced it.',
    }),
  }),
});

builder.interfaceFields(EntityRef, (t) => ({
  judgements: t.field({
    type: [JudgementRef],
    description:
      'Entity-resolution judgements naming this entity’s key: merges into it (and out of it, once un-merged), ' +
      'negative and unsure ones, alias-table rows of imports; newest first.',
    args: { first: t.arg.int(nestedFirst(20)) },
    extensions: reads(),
    resolve: (e, args, ctx) => ctx.loaders.judgements(e.key, nestedLimit(args.first ?? 20, MAX_NESTED_LIST)),
  }),
}));

const JudgementConnection = connectionOf('Judgement', JudgementRef);

builder.queryField('judgements', (t) =>
  t.field({
    type: JudgementConnection,
    description: 'Every entity-resolution judgement, newest first, keyset-paged; optionally of one verdict or status.',
    args: {
      first: t.arg.int(PAGE_FIRST),
      after: t.arg.string(PAGE_AFTER),
      verdict: t.arg({ type: VerdictEnum, required: false, description: 'Only judgements with this verdict.' }),
      status: t.arg({ type: StatusEnum, required: false, description: 'Only active, or only withdrawn, ones.' }),
    },
    resolve: (_root, args, ctx) =>
      judgementConnection(ctx, { verdict: args.verdict ?? null, status: args.status ?? null }, args),
  }),
);

const ReasonCodeEnum = builder.enumType('CandidateReasonCode', {
  description: 'Why two entities look like one.',
  values: {
    same_wikidata: { description: `They carry the same Wikidata id (weight ${REASON_WEIGHTS.same_wikidata}).` },
    same_name: {
      description: `Their names are equal once normalised (NFKC, lower case) (weight ${REASON_WEIGHTS.same_name}).`,
    },
    name_is_alias: {
      description: `One’s name is an alias of the other (weight ${REASON_WEIGHTS.name_is_alias}).`,
    },
    shared_alias: {
      description: `They share an alias that is neither’s name (weight ${REASON_WEIGHTS.shared_alias}).`,
    },
  },
});

const CandidateReasonRef = builder.objectRef<CandidateReason>('CandidateReason').implement({
  description: 'One reason two entities look like one, with what they share.',
  fields: (t) => ({
    reason: t.field({ type: ReasonCodeEnum, description: 'Which rule.', resolve: (r) => r.reason }),
    detail: t.exposeString('detail', {
      description: 'What they share: the Wikidata id, the normalised name, which name is whose alias, the aliases.',
    }),
  }),
});

const CandidateRef = builder.objectRef<Candidate>('ResolutionCandidate').implement({
  description:
    'Two entities that look like one, for a curator to judge: mergeEntities (positive) or judgeEntities ' +
    '(negative, unsure). Nothing is merged by proposing it; a pair with an active judgement is not proposed.',
  fields: (t) => ({
    entity: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The entity with the smaller key (null only if it was merged away since this page was read).',
      resolve: (c, _args, ctx) => ctx.loaders.entity.load(c.entity.key),
    }),
    other: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The other entity (null only if it was merged away since this page was read).',
      resolve: (c, _args, ctx) => ctx.loaders.entity.load(c.other.key),
    }),
    entityKey: t.string({ description: 'The first entity’s key.', resolve: (c) => c.entity.key }),
    otherKey: t.string({ description: 'The other entity’s key.', resolve: (c) => c.other.key }),
    sameKind: t.boolean({
      description: 'False when their kinds differ: correct one with updateEntity before merging.',
      resolve: (c) => c.entity.kind === c.other.kind,
    }),
    score: t.float({
      description:
        'How likely they are one, 0 to 1: the reasons’ weights combined as independent evidence, 1 − Π(1 − weight), ' +
        'halved when their kinds differ; e.g. the same name alone 0.8, the same name and Wikidata id 0.99.',
      resolve: (c) => c.score,
    }),
    reasons: t.field({ type: [CandidateReasonRef], description: 'Why, strongest first.', resolve: (c) => c.reasons }),
  }),
});

const CandidateEdgeRef = builder.objectRef<{ cursor: string; node: Candidate }>('ResolutionCandidateEdge').implement({
  description: 'One proposed pair, with its cursor.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Keyset cursor of this pair: pass it as `after`.' }),
    node: t.field({ type: CandidateRef, description: 'The pair.', resolve: (e) => e.node }),
  }),
});

const CandidatePageRef = builder.objectRef<CandidatePage>('ResolutionCandidatePage').implement({
  description:
    `A page of proposed pairs in key order. A page examines at most ${CANDIDATE_SCAN} entities, so it may hold ` +
    'fewer than `first` pairs (even none) while `pageInfo.hasNextPage` is true: continue with `endCursor`.',
  fields: (t) => ({
    edges: t.field({
      type: [CandidateEdgeRef],
      description: 'The pairs, each with its cursor.',
      resolve: (p) => p.edges,
    }),
    nodes: t.field({
      type: [CandidateRef],
      description: 'The pairs of `edges`, for brevity.',
      resolve: (p) => p.nodes,
    }),
    pageInfo: t.field({
      type: PageInfoRef,
      description: 'Whether more may follow, and the cursor to continue with (after the last entity examined).',
      resolve: (p) => p.pageInfo,
    }),
    examined: t.exposeInt('examined', {
      description: `How many entities this page examined (at most ${CANDIDATE_SCAN}).`,
    }),
    examinedThrough: t.exposeString('examinedThrough', {
      nullable: true,
      description: 'The key of the last entity examined.',
    }),
  }),
});

builder.queryField('resolutionCandidates', (t) =>
  t.field({
    type: CandidatePageRef,
    description:
      'Likely duplicate entities for review: pairs with the same normalised name or alias, a shared Wikidata id, or ' +
      'one’s name among the other’s aliases, each with its reasons and a score; pairs with an active judgement are ' +
      `left out. It never merges. Pairs come in key order (each at its smaller key), ${CANDIDATE_SCAN} entities ` +
      'examined per page at most; sort a page by `score` to review the likeliest first.',
    args: { first: t.arg.int(PAGE_FIRST), after: t.arg.string(PAGE_AFTER) },
    resolve: (_root, args, ctx) => resolutionCandidates(ctx, args),
  }),
);

/** The result of a write: the judgement written, or a WriteRejected with a stable code. */
const rejectableJudgement = (what: string) => ({
  types: [WriteRejected],
  union: { description: `Either the ${what}, or why nothing was written.` },
  result: { description: `Success: \`data\` is the ${what} as stored.` },
  dataField: { description: `The ${what} as stored.` },
});

const JudgeVerdictEnum = builder.enumType('JudgeVerdict', {
  description: 'The verdicts judgeEntities records (a positive one is a merge: mergeEntities).',
  values: {
    negative: { description: 'Not the same entity: blocks mergeEntities of the pair until withdrawn.' },
    unsure: { description: 'Not known yet; the pair is no longer proposed by resolutionCandidates.' },
  },
});

builder.mutationFields((t) => ({
  judgeEntities: t.field({
    type: JudgementRef,
    description:
      'Record that two entities are not the same (negative) or that it is not known (unsure), with a reason. A ' +
      'negative judgement makes mergeEntities of the pair answer CONFLICT until it is withdrawn. A pair has one ' +
      'active judgement: a new one supersedes an active negative or unsure one; a merged pair answers CONFLICT ' +
      '(withdraw the merge first). Both keys must be existing entities (NOT_FOUND).',
    errors: rejectableJudgement('judgement'),
    args: {
      entity: t.arg.string({ required: true, description: 'One entity key, e.g. `company:alibaba`.' }),
      other: t.arg.string({ required: true, description: 'The other entity key, e.g. `company:alibaba-cloud`.' }),
      verdict: t.arg({ type: JudgeVerdictEnum, required: true, description: 'negative or unsure.' }),
      reason: t.arg.string({ required: true, description: 'Why (at least 3 characters), kept with the judgement.' }),
    },
    resolve: (_root, args, ctx) => {
      requireScope(ctx, 'write');
      return judgeEntities(ctx.db, args, ctx.auth.principal);
    },
  }),
  withdrawJudgement: t.field({
    type: JudgementRef,
    description:
      'Withdraw a judgement, with a reason; it is kept, marked withdrawn. Withdrawing a merge un-merges: the ' +
      'removed entity comes back exactly as it was (key, names, kind, properties, its facts’ roles, links, ' +
      'publishers, the redirects that pointed to it), the names the merge gave the kept entity are taken off it, ' +
      'and facts added to the kept entity since stay with it. CONFLICT when the kept entity, or an entity the ' +
      'removed one was linked to, was merged away since (un-merge that first), and for an import’s alias-table ' +
      'judgement (change the table and import again).',
    errors: rejectableJudgement('withdrawn judgement'),
    args: {
      key: t.arg.string({
        required: true,
        description: 'The judgement’s key, e.g. from `entity { judgements { key } }`.',
      }),
      reason: t.arg.string({ required: true, description: 'Why (at least 3 characters), kept with the judgement.' }),
    },
    resolve: (_root, { key, reason }, ctx) => {
      requireScope(ctx, 'write');
      return withdrawJudgement(ctx.db, key, reason, ctx.auth.principal);
    },
  }),
}));
