import type { FieldRef } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import {
  type ChangeValue,
  FACT_FIELD_NAMES,
  type FactField,
  factField,
  type MoneyValue,
  type PeriodValue,
  type QuantityValue,
} from '../../domain/facts/index.ts';
import type { RoleType } from '../../domain/format.ts';
import type { AssertionRow, EntityRow, RoleRow, SupportRow } from '../../domain/rows.ts';
import { confidenceList } from '../../domain/vocabulary.ts';
import { assertionConnection } from '../../queries/connections.ts';
import { builder, type FieldsOf, type Types } from '../builder.ts';
import { connectionOf, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import type { Context } from '../context.ts';
import { FACT_KIND_VALUES } from '../describe.ts';
import { existingKeyOrNull } from '../keys.ts';
import {
  entityPropsOfField,
  factPropsSelected,
  participantProps,
  reads,
  readsParticipants,
  supportSourceProps,
} from '../lookahead.ts';
import { normaliseMetric } from '../vocabulary.ts';
import { NodeRef } from './node.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';
import { ChangeRef, ModeEnum, MoneyRef, PeriodRef, PeriodTypeEnum, QuantityRef, RankEnum, RoleEnum } from './values.ts';

type FieldBuilder = FieldsOf<AssertionRow>;
/** A fact type's or the Assertion interface's field builder. */
type FactFieldBuilder = PothosSchemaTypes.FieldBuilder<Types, AssertionRow, 'Object' | 'Interface'>;

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const AssertionKindEnum = builder.enumType('AssertionKind', {
  description: 'The kinds of fact (reified assertion) the graph holds.',
  values: FACT_KIND_VALUES,
});

const SupportRef = builder.objectRef<SupportRow>('Support').implement({
  description: 'A source that supports a fact, with the verbatim snippet and where it sits in the source.',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      description: 'The source: an article, a dataset (its title, URL, licence and citation).',
      resolve: (s) => asSource(s.source),
    }),
    snippet: t.exposeString('snippet', { description: 'Verbatim text of the source.' }),
    start: t.exposeInt('start', { nullable: true, description: 'Offset of the snippet in the source text (UTF-16).' }),
    end: t.exposeInt('end', { nullable: true, description: 'End offset, exclusive.' }),
    locator: t.exposeString('locator', { nullable: true, description: 'Row or handle in a structured source.' }),
    verified: t.exposeBoolean('verified', {
      description:
        'True when the snippet was found verbatim in the source’s stored full text when it was written. False when ' +
        'the source has no stored text (see `Source.hasText`), so the snippet could not be checked. A snippet that a ' +
        'stored text does not contain is refused at write time, so false never means "contradicted".',
    }),
  }),
});

const ParticipantRef = builder.objectRef<RoleRow>('Participant').implement({
  description: 'An entity in a fact, with its role.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, description: 'The part it plays, e.g. SUBJECT.', resolve: (p) => p.role }),
    position: t.exposeInt('position', {
      description: 'Its place among the entities of the same role, from 0, as the source lists them.',
    }),
    entity: t.field({ type: EntityRef, description: 'The entity.', resolve: (p) => p.entity }),
  }),
});

const RetractionRef = builder.objectRef<{ reason: string; at: string }>('Retraction').implement({
  description: 'Why and when a fact was retracted (its rank became deprecated); the fact itself is kept.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Why it was retracted, as the curator gave it.' }),
    at: t.exposeString('at', { description: 'When (ISO 8601 date-time, UTC).' }),
  }),
});

/**
 * The GraphQL field of a fact field (src/domain/facts/fields.ts): its codec's API value, typed by its shape, and the
 * stored properties it reads (for the lookahead).
 */
export function factFieldOf(t: FactFieldBuilder, field: FactField) {
  const { codec, description } = factField(field);
  const options = { nullable: true, description, extensions: reads(...codec.reads) } as const;
  const api = (a: AssertionRow) => codec.api(a);
  switch (codec.shape) {
    case 'money':
      return t.field({ ...options, type: MoneyRef, resolve: (a) => api(a) as MoneyValue | null });
    case 'change':
      return t.field({ ...options, type: ChangeRef, resolve: (a) => api(a) as ChangeValue | null });
    case 'quantity':
      return t.field({ ...options, type: QuantityRef, resolve: (a) => api(a) as QuantityValue | null });
    case 'period':
      return t.field({ ...options, type: PeriodRef, resolve: (a) => api(a) as PeriodValue | null });
    case 'string':
      return t.string({ ...options, resolve: (a) => api(a) as string | null });
  }
}

/** The fact fields named by their API names: those every kind carries (`value: false`) or the value fields given. */
export function factFieldsOf(t: FactFieldBuilder, which: 'common' | readonly FactField[]) {
  const fields = which === 'common' ? FACT_FIELD_NAMES.filter((f) => !factField(f).value) : which;
  return Object.fromEntries(fields.map((f) => [factField(f).api, factFieldOf(t, f)]));
}

AssertionRef.implement({
  description:
    'A fact, reified so it can carry its sources: who/what it involves (participants), its period, how it is ' +
    'stated (mode) and its standing (rank). Every fact has at least one source with a verbatim snippet.',
  interfaces: [NodeRef],
  fields: (t) => ({
    key: t.string({
      description: 'Stable key, e.g. `fact:alibaba-capex-2024-h1`; look it up with assertion(key:).',
      extensions: reads('key'),
      resolve: (a) => a.key,
    }),
    kind: t.field({
      type: AssertionKindEnum,
      description: 'Its kind, the same as its GraphQL type, e.g. `FinancialFigure`.',
      extensions: reads('kind'),
      resolve: (a) => a.kind as never,
    }),
    summary: t.string({
      description: 'One line saying what the fact states, in this graph’s words (the source’s are in `sources`).',
      extensions: reads('summary'),
      resolve: (a) => a.summary,
    }),
    mode: t.field({
      type: ModeEnum,
      description: 'How the source states it: `reported`, `forecast` or `opinion`.',
      extensions: reads('mode'),
      resolve: (a) => a.mode as never,
    }),
    rank: t.field({
      type: RankEnum,
      description:
        'Its standing, as Wikidata ranks statements: `preferred` (chosen among facts of its statement group that ' +
        'disagree; it hides the normal ones from default reads), `normal`, or `deprecated` (retracted or set aside; ' +
        'kept for history, never shown by default). Why and by whom: `rankReason`; every change: `history`. In an ' +
        'as-of read, a fact retracted later shows the rank it had before.',
      extensions: reads('rank', 'deprecatedSince', 'rankBeforeRetraction'),
      resolve: (a) => a.rank as never,
    }),
    confidence: t.string({
      nullable: true,
      description: `The source’s own certainty, never upgraded: ${confidenceList()}; null when it states none.`,
      extensions: reads('confidence'),
      resolve: (a) => a.confidence,
    }),
    ...factFieldsOf(t, 'common'),
    retraction: t.field({
      type: RetractionRef,
      nullable: true,
      description:
        'Why and when it was retracted or set aside; null unless its rank is `deprecated` (in an as-of read: was ' +
        'deprecated then).',
      extensions: reads(
        'rank',
        'retractionReason',
        'retractedAt',
        'rankReason',
        'rankedAt',
        'deprecatedSince',
        'rankBeforeRetraction',
      ),
      resolve: (a) =>
        a.rank === 'deprecated'
          ? {
              reason: text(a.rankReason) ?? text(a.retractionReason) ?? '',
              at: text(a.rankedAt) ?? text(a.retractedAt) ?? '',
            }
          : null,
    }),
    firstSeen: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the graph learned this fact: the time of the first change-log entry that wrote it (its creation, an ' +
        'import line). Not the period it is about (see `period`). Null for facts written before the change log ' +
        'existed, until they are written again.',
      extensions: reads('firstSeen'),
      resolve: (a) => text(a.firstSeen),
    }),
    lastSeen: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'When the graph last wrote or confirmed this fact: the latest change-log entry that wrote it as content (a ' +
        're-import of the same line moves it, as does a retraction; a rank change does not). Null as for `firstSeen`.',
      extensions: reads('lastSeen'),
      resolve: (a) => text(a.lastSeen),
    }),
    sources: t.field({
      type: [SupportRef],
      description: 'Supporting sources with verbatim snippets.',
      extensions: reads(),
      resolve: (a, _args, ctx, info) => ctx.loaders.supports(a.key, supportSourceProps(info)),
    }),
    participants: t.field({
      type: [ParticipantRef],
      description: 'Entities involved, by role.',
      extensions: readsParticipants(['entity']),
      args: {
        role: t.arg({
          type: RoleEnum,
          required: false,
          description: 'Only this role, e.g. SPEAKER; default every role.',
        }),
      },
      resolve: async (a, { role }, ctx, info) => {
        const roles = await ctx.loaders.rolesWith(a.key, participantProps(info));
        return role ? roles.filter((r) => r.role === role) : roles;
      },
    }),
  }),
});

/** Entities in one role of a fact: a list, or the first one. */
export function roleField(
  t: FieldBuilder,
  role: RoleType,
  description: string,
  single: true,
): FieldRef<Types, EntityRow | null>;
export function roleField(
  t: FieldBuilder,
  role: RoleType,
  description: string,
  single?: false,
): FieldRef<Types, EntityRow[]>;
export function roleField(t: FieldBuilder, role: RoleType, description: string, single = false) {
  const load = async (a: AssertionRow, ctx: Context, info: GraphQLResolveInfo) =>
    (await ctx.loaders.rolesWith(a.key, entityPropsOfField(info))).filter((r) => r.role === role).map((r) => r.entity);
  return single
    ? t.field({
        type: EntityRef,
        nullable: true,
        description,
        extensions: readsParticipants(),
        resolve: async (a: AssertionRow, _x: unknown, ctx: Context, info: GraphQLResolveInfo) =>
          (await load(a, ctx, info))[0] ?? null,
      })
    : t.field({
        type: [EntityRef],
        description,
        extensions: readsParticipants(),
        resolve: (a: AssertionRow, _x: unknown, ctx: Context, info: GraphQLResolveInfo) => load(a, ctx, info),
      });
}

export const AssertionFilterInput = builder.inputType('AssertionFilter', {
  description:
    'Filters for fact connections; all given filters must hold. Best rank unless rank or ranks is given: deprecated ' +
    '(retracted) facts and normal facts outranked by a preferred one of their statement group are left out.',
  fields: (t) => ({
    kinds: t.field({
      type: [AssertionKindEnum],
      required: false,
      description:
        'Only these kinds, e.g. [FinancialFigure, GroupFigure]; a kind’s own connection (`claims` …) keeps its kind.',
    }),
    metric: t.string({
      required: false,
      description: 'Only this metric, e.g. capex (any case; `vocabulary { metrics }` lists them).',
    }),
    mode: t.field({ type: ModeEnum, required: false, description: 'Only this mode, e.g. `forecast`.' }),
    rank: t.field({
      type: RankEnum,
      required: false,
      description:
        'Only this rank, nothing hidden; give `deprecated` to see retracted facts (left out otherwise). Ignored when ' +
        'ranks is given.',
    }),
    ranks: t.field({
      type: [RankEnum],
      required: false,
      description:
        'Only facts of these ranks, nothing hidden ([preferred, normal, deprecated] for every fact). Default best ' +
        'rank: no deprecated fact, and no normal fact of a statement group (same kind, subject, metric and period) ' +
        'that has a preferred one.',
    }),
    periodYear: t.int({ required: false, description: 'Only facts of this period year, e.g. 2024.' }),
    periodType: t.field({ type: PeriodTypeEnum, required: false, description: 'Only this period type, e.g. `H1`.' }),
    entity: t.string({
      required: false,
      description:
        'Entity key taking part in the fact (any role); a merged-away key means the entity it was merged into. ' +
        'A key no entity has is a NOT_FOUND error with the nearest existing keys.',
    }),
    country: t.string({
      required: false,
      description:
        'Place key: facts about entities domiciled there or in its sub-places (merges followed; an unknown key is ' +
        'NOT_FOUND with suggestions).',
    }),
    textContains: t.string({ required: false, description: 'Substring of the quote/claim text or the summary.' }),
  }),
});

type FilterArg =
  | {
      kinds?: string[] | null;
      metric?: string | null;
      mode?: string | null;
      rank?: string | null;
      ranks?: string[] | null;
      periodYear?: number | null;
      periodType?: string | null;
      entity?: string | null;
      country?: string | null;
      textContains?: string | null;
    }
  | null
  | undefined;

/** The filter as the repository takes it; entity keys are resolved (merges followed, an unknown key is NOT_FOUND). */
const assertionFilter = async (ctx: Context, fixedKinds: string[] | null, f: FilterArg) => {
  // Both keys in one batch (one statement).
  const [entity, country] = await Promise.all([
    existingKeyOrNull(ctx, 'filter.entity', f?.entity),
    existingKeyOrNull(ctx, 'filter.country', f?.country),
  ]);
  return {
    kinds: fixedKinds ?? f?.kinds ?? null,
    metric: f?.metric ? normaliseMetric(f.metric) : null,
    mode: f?.mode ?? null,
    ranks: f?.ranks ?? (f?.rank ? [f.rank] : null),
    periodYear: f?.periodYear ?? null,
    periodType: f?.periodType ?? null,
    entity,
    country,
    textContains: f?.textContains ?? null,
  };
};

export function assertionConnectionField(
  name: string,
  connection: ReturnType<typeof connectionOf<AssertionRow>>,
  fixedKinds: string[] | null,
  description: string,
) {
  builder.queryField(name, (t) =>
    t.field({
      type: connection,
      description,
      args: {
        first: t.arg.int(PAGE_FIRST),
        after: t.arg.string(PAGE_AFTER),
        filter: t.arg({
          type: AssertionFilterInput,
          required: false,
          description: 'Only facts matching all given filters; default all facts but retracted ones.',
        }),
        asOf: t.arg({
          type: 'DateTime',
          required: false,
          description:
            'Answer as the graph stood at this instant (e.g. `2026-09-01`): facts first seen later are left out, facts ' +
            'retracted later are still current (with the rank they had; `filter.rank` is the rank then). Fact values ' +
            'and participants are today’s. Default now.',
        }),
      },
      resolve: async (_root, args, ctx, info) =>
        assertionConnection(
          ctx,
          { ...(await assertionFilter(ctx, fixedKinds, args.filter as FilterArg)), asOf: args.asOf ?? null },
          args,
          factPropsSelected(info, [['nodes'], ['edges', 'node']]),
        ),
    }),
  );
}

const AnyAssertionConnection = connectionOf<AssertionRow>('Assertion', AssertionRef);
assertionConnectionField(
  'assertions',
  AnyAssertionConnection,
  null,
  'All facts, filterable by kind, metric, entity, country, period, mode and rank; keyset-paged.',
);
