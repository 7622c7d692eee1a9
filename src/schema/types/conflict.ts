import { requireScope } from '../../domain/access.ts';
import { GROUPED_KINDS } from '../../domain/facts/index.ts';
import { nestedLimit } from '../../domain/limits.ts';
import type { AssertionRow, EntityRow } from '../../domain/rows.ts';
import { conflictConnection } from '../../queries/connections.ts';
import { type ConflictRow, type CorroborationRow, MAX_LISTED } from '../../repositories/ranks.ts';
import { MAX_REVISIONS } from '../../repositories/revisions.ts';
import { resolveConflict, setRank } from '../../services/ranks.ts';
import { builder } from '../builder.ts';
import { connectionOf, nestedFirst, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKeyOrNull } from '../keys.ts';
import { reads } from '../lookahead.ts';
import { normaliseMetric } from '../vocabulary.ts';
import { AssertionKindEnum } from './assertion.ts';
import { rejectable } from './mutations.ts';
import { AssertionRef, EntityRef } from './refs.ts';
import { RevisionRef } from './revision.ts';
import { RankEnum } from './values.ts';

/**
 * Ranks, conflicts and corroboration (docs/data-model.md "Ranks, conflicts and corroboration"): why a fact has its
 * rank, how many independent sources support it, the `conflicts` view of statement groups whose facts disagree, and
 * the rank mutations that resolve them (kept in `history`, undone with setRank).
 */

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

const RankReasonRef = builder
  .objectRef<{ rank: string; reason: string | null; at: string | null; by: string | null }>('RankReason')
  .implement({
    description: 'Who gave a fact its rank, when and why (setRank, resolveConflict or retractAssertion).',
    fields: (t) => ({
      rank: t.field({ type: RankEnum, description: 'The rank given.', resolve: (r) => r.rank as never }),
      reason: t.exposeString('reason', { nullable: true, description: 'Why, as the curator gave it.' }),
      at: t.exposeString('at', { nullable: true, description: 'When (ISO 8601, UTC).' }),
      by: t.exposeString('by', { nullable: true, description: 'The token name that set it.' }),
    }),
  });

const CorroborationRef = builder.objectRef<CorroborationRow>('Corroboration').implement({
  description:
    'How many independent sources support a fact: the sources citing it or a fact of its statement group that ' +
    'agrees with it (no value disagrees and at least one compares equal; deprecated facts never count), counted by ' +
    'origin — a source’s publisher, or the source itself when it names none. Two snippets of one article, or two ' +
    'articles of one publisher, are one origin.',
  fields: (t) => ({
    independentSources: t.int({
      description: 'Distinct origins (publishers; a source without a publisher counts as its own origin).',
      resolve: (c) => c.origins,
    }),
    sources: t.exposeInt('sources', { description: 'Distinct Source nodes among them (articles, datasets).' }),
    publishers: t.field({
      type: [EntityRef],
      description: `The publishers among them, by key (at most ${MAX_LISTED} are read).`,
      args: { first: t.arg.int(nestedFirst(20)) },
      resolve: (c, { first }) =>
        [...c.publishers].sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, nestedLimit(first ?? 20, MAX_LISTED)),
    }),
    agreeingFacts: t.field({
      type: [AssertionRef],
      description: 'The other facts of its statement group that agree with it (their sources are counted), by key.',
      args: { first: t.arg.int(nestedFirst(20)) },
      resolve: async (c, { first }, ctx) =>
        (await ctx.loaders.assertion.loadMany(c.agreeing.slice(0, nestedLimit(first ?? 20, MAX_LISTED)))).filter(
          (a): a is AssertionRow => a !== null && !(a instanceof Error),
        ),
    }),
    agreeingFactCount: t.exposeInt('agreeingCount', {
      description: 'How many other facts of its statement group agree with it.',
    }),
  }),
});

const noCorroboration = (key: string): CorroborationRow => ({
  key,
  agreeing: [],
  agreeingCount: 0,
  sources: 0,
  origins: 0,
  publishers: [],
});

builder.interfaceFields(AssertionRef, (t) => ({
  rankReason: t.field({
    type: RankReasonRef,
    nullable: true,
    description:
      'Who set its rank, when and why; null for a rank that came with the fact from its import or addAssertion.',
    extensions: reads('rank', 'rankReason', 'rankedAt', 'rankedBy', 'retractionReason', 'retractedAt', 'retractedBy'),
    resolve: (a) => {
      const at = text(a.rankedAt) ?? text(a.retractedAt);
      if (!at) return null;
      return {
        rank: a.rank,
        reason: text(a.rankReason) ?? text(a.retractionReason),
        at,
        by: text(a.rankedBy) ?? text(a.retractedBy),
      };
    },
  }),
  outranked: t.boolean({
    description:
      'True when it is normal and its statement group has a preferred fact: default (best-rank) reads leave it out.',
    extensions: reads('outranked'),
    resolve: (a) => a.outranked === true,
  }),
  statementGroup: t.string({
    nullable: true,
    description:
      'The statement group it belongs to — kind | subject | metric | period — the facts it is ranked against and ' +
      `compared with; null for kinds that form none (only ${GROUPED_KINDS.join(', ')} do).`,
    extensions: reads('statementGroup'),
    resolve: (a) => text(a.statementGroup),
  }),
  corroboration: t.field({
    type: CorroborationRef,
    description: 'How many independent sources support it (distinct publishers; see Corroboration).',
    extensions: reads(),
    resolve: async (a, _args, ctx) => (await ctx.loaders.corroboration.load(a.key)) ?? noCorroboration(a.key),
  }),
  history: t.field({
    type: [RevisionRef],
    description: `Its rank changes (field rank), newest first (at most ${MAX_REVISIONS}), with reason, who and when.`,
    extensions: reads(),
    resolve: (a, _args, ctx) => ctx.loaders.revisions.load(a.key),
  }),
}));

const DisagreementEnum = builder.enumType('Disagreement', {
  description: 'What the facts of a conflict disagree on.',
  values: {
    amount: {
      description:
        'Amounts whose intervals do not overlap (± half the stated precision, a range’s bounds widened the same way, ' +
        'open above for more_than/at_least, below for less_than), in one currency and price basis or through the ' +
        'source’s own conversion; amounts in other currencies without one are not compared.',
    },
    change: { description: 'Changes of one basis (yoy, qoq …) whose intervals do not overlap.' },
    value: { description: 'A link’s value: a different target entity (e.g. another country of domicile) or status.' },
  },
});

const ConflictRef = builder.objectRef<ConflictRow>('Conflict').implement({
  description:
    'A statement group — facts of one kind about the same subject, metric and period — whose facts disagree, side ' +
    'by side with their ranks and sources. Resolve it with resolveConflict (or setRank).',
  fields: (t) => ({
    group: t.exposeString('groupKey', { description: 'The statement group, as `Assertion.statementGroup` names it.' }),
    kind: t.field({
      type: AssertionKindEnum,
      description: 'The kind of its facts.',
      resolve: (c) => c.facts[0]!.kind as never,
    }),
    metric: t.string({
      nullable: true,
      description: 'The metric, e.g. capex.',
      resolve: (c) => text(c.facts[0]!.metric),
    }),
    subjects: t.field({
      type: [EntityRef],
      description: 'What the statements are about: the entities in the roles that name the group’s subject.',
      resolve: async (c, _args, ctx) => subjectsOf(c, ctx),
    }),
    disagreeOn: t.field({
      type: [DisagreementEnum],
      description: 'What its facts disagree on.',
      resolve: (c) => c.disagreeOn as never,
    }),
    resolved: t.exposeBoolean('resolved', {
      description: 'True when one of its facts is preferred (the default reads answer that one).',
    }),
    preferred: t.field({
      type: AssertionRef,
      nullable: true,
      description: 'Its preferred fact, when resolved.',
      resolve: (c) => c.facts.find((f) => f.rank === 'preferred') ?? null,
    }),
    facts: t.field({
      type: [AssertionRef],
      description:
        'The facts of the group, of every rank: preferred first, then normal, then deprecated, then by key. Ask ' +
        `each for \`rank\`, \`rankReason\`, \`sources\` and \`corroboration\`. At most ${MAX_LISTED}; \`factCount\` says how many.`,
      args: { first: t.arg.int(nestedFirst(20)) },
      resolve: (c, { first }) => c.facts.slice(0, nestedLimit(first ?? 20, MAX_LISTED)),
    }),
    factCount: t.exposeInt('factCount', { description: 'How many facts the group has, of every rank.' }),
  }),
});

/** The subject roles' entities of the group's first fact (all facts of a group share them). */
async function subjectsOf(c: ConflictRow, ctx: Context): Promise<EntityRow[]> {
  const roles = await ctx.loaders.roles.load(c.facts[0]!.key);
  const subjectRoles = c.groupKey.split('|')[1]!.split(',').filter(Boolean);
  return roles.filter((r) => subjectRoles.includes(`${r.role}:${r.entity.key}`)).map((r) => r.entity);
}

const ConflictFilterInput = builder.inputType('ConflictFilter', {
  description: 'Filters for `conflicts`; all given must hold.',
  fields: (t) => ({
    kinds: t.field({ type: [AssertionKindEnum], required: false, description: 'Only these fact kinds.' }),
    metric: t.string({ required: false, description: 'Only this metric, e.g. capex (any case).' }),
    entity: t.string({
      required: false,
      description: 'Only groups with a fact naming this entity in any role (merges followed; unknown: NOT_FOUND).',
    }),
    resolved: t.boolean({
      required: false,
      description: 'true: only resolved conflicts (one fact preferred); false: only unresolved; default both.',
    }),
  }),
});

const ConflictConnection = connectionOf<ConflictRow>('Conflict', ConflictRef);

builder.queryField('conflicts', (t) =>
  t.field({
    type: ConflictConnection,
    description:
      'Statement groups whose sources disagree — on an amount or a change of the same metric and period, or on a ' +
      'link’s target — with every fact side by side (rank, sources, corroboration), in group order, keyset-paged. ' +
      'What counts as disagreeing: `Disagreement`; values in different currencies are not compared. Read from the ' +
      'facts that share a statement group with another, never the whole graph.',
    args: {
      first: t.arg.int(PAGE_FIRST),
      after: t.arg.string(PAGE_AFTER),
      filter: t.arg({ type: ConflictFilterInput, required: false, description: 'Narrow the conflicts; default all.' }),
    },
    resolve: async (_root, args, ctx) =>
      conflictConnection(
        ctx,
        {
          kinds: args.filter?.kinds ?? null,
          metric: args.filter?.metric ? normaliseMetric(args.filter.metric) : null,
          entity: await existingKeyOrNull(ctx, 'filter.entity', args.filter?.entity),
          resolved: args.filter?.resolved ?? null,
        },
        args,
      ),
  }),
);

builder.mutationFields((t) => ({
  setRank: t.field({
    type: AssertionRef,
    description:
      'Set one fact’s rank with a reason (kept in its `history` with the old rank, who and when; undo by setting the ' +
      'old rank back). Runs after any concurrent rank change of its statement group, never beside it.',
    errors: rejectable('fact'),
    args: {
      key: t.arg.string({ required: true, description: 'The fact’s key, e.g. `fact:alibaba-capex-2024-h1`.' }),
      rank: t.arg({ type: RankEnum, required: true, description: 'The new rank.' }),
      reason: t.arg.string({ required: true, description: 'Why (at least 3 characters), kept in `history`.' }),
      expectedRank: t.arg({
        type: RankEnum,
        required: false,
        description:
          'The rank you saw: when the stored rank differs (changed meanwhile), CONFLICT and nothing changes.',
      }),
    },
    resolve: (_root, args, ctx) => {
      requireScope(ctx, 'write');
      return setRank(ctx.db, args, ctx.auth.principal);
    },
  }),
  resolveConflict: t.field({
    type: AssertionRef,
    description:
      'Resolve a conflict by rank: `preferred` becomes preferred and the other facts of its statement group that are ' +
      'not deprecated become `others` (normal, the default, or deprecated), all with the reason, kept in `history`. ' +
      'Of concurrent resolutions of one conflict exactly one succeeds; the others answer CONFLICT naming the ' +
      'preferred fact and who chose it. Undo with setRank.',
    errors: rejectable('preferred fact'),
    args: {
      preferred: t.arg.string({ required: true, description: 'The key of the fact to prefer.' }),
      others: t.arg({
        type: RankEnum,
        required: false,
        description: 'The rank the group’s other facts get: normal (default) or deprecated.',
      }),
      reason: t.arg.string({ required: true, description: 'Why (at least 3 characters), kept in `history`.' }),
    },
    resolve: (_root, args, ctx) => {
      requireScope(ctx, 'write');
      return resolveConflict(ctx.db, args, ctx.auth.principal);
    },
  }),
}));
