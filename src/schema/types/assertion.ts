import type { FieldRef } from '@pothos/core';
import { ASSERTION_KIND_VALUES, ASSERTION_KINDS, type AssertionKind, type RoleType } from '../../domain/format.ts';
import type { AssertionRow, EntityRow, RoleRow, SupportRow } from '../../domain/rows.ts';
import { changeOf, moneyOf } from '../../domain/values.ts';
import { confidenceList } from '../../domain/vocabulary.ts';
import { assertionConnection } from '../../queries/connections.ts';
import { builder, type FieldsOf, type Types } from '../builder.ts';
import { connectionOf, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKeyOrNull } from '../keys.ts';
import { factPropsSelected, reads } from '../lookahead.ts';
import { NodeRef } from './node.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';
import {
  ChangeRef,
  ModeEnum,
  MoneyRef,
  PeriodRef,
  PeriodTypeEnum,
  type PeriodValue,
  QuantityRef,
  RankEnum,
  RoleEnum,
} from './values.ts';

type FieldBuilder = FieldsOf<AssertionRow>;

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

export const AssertionKindEnum = builder.enumType('AssertionKind', {
  description: 'The kinds of fact (reified assertion) the graph holds.',
  values: ASSERTION_KINDS,
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

const PERIOD_PROPS = [
  'periodType',
  'periodLabel',
  'periodYear',
  'periodBasis',
  'periodYearInferred',
  'periodInference',
];

export function periodOf(row: AssertionRow): PeriodValue | null {
  if (!row.periodType) return null;
  return {
    label: String(row.periodLabel ?? ''),
    type: String(row.periodType),
    year: row.periodYear === null || row.periodYear === undefined ? null : Number(row.periodYear),
    basis: String(row.periodBasis ?? 'calendar'),
    yearInferred: Boolean(row.periodYearInferred),
    inference: text(row.periodInference),
  };
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
      description: 'Its standing: `normal`, `preferred`, or `deprecated` when retracted.',
      extensions: reads('rank'),
      resolve: (a) => a.rank as never,
    }),
    confidence: t.string({
      nullable: true,
      description: `The source’s own certainty, never upgraded: ${confidenceList()}; null when it states none.`,
      extensions: reads('confidence'),
      resolve: (a) => a.confidence,
    }),
    attribution: t.string({
      nullable: true,
      description: 'Who the source credits when not an entity.',
      extensions: reads('attribution'),
      resolve: (a) => text(a.attribution),
    }),
    note: t.string({ nullable: true, extensions: reads('note'), resolve: (a) => text(a.note) }),
    period: t.field({ type: PeriodRef, nullable: true, extensions: reads(...PERIOD_PROPS), resolve: periodOf }),
    retraction: t.field({
      type: RetractionRef,
      nullable: true,
      description: 'Why and when it was retracted; null unless its rank is `deprecated`.',
      extensions: reads('rank', 'retractionReason', 'retractedAt'),
      resolve: (a) =>
        a.rank === 'deprecated' ? { reason: text(a.retractionReason) ?? '', at: text(a.retractedAt) ?? '' } : null,
    }),
    sources: t.field({
      type: [SupportRef],
      description: 'Supporting sources with verbatim snippets.',
      extensions: reads(),
      resolve: (a, _args, ctx) => ctx.loaders.supports.load(a.key),
    }),
    participants: t.field({
      type: [ParticipantRef],
      description: 'Entities involved, by role.',
      extensions: reads(),
      args: {
        role: t.arg({
          type: RoleEnum,
          required: false,
          description: 'Only this role, e.g. SPEAKER; default every role.',
        }),
      },
      resolve: async (a, { role }, ctx) => {
        const roles = await ctx.loaders.roles.load(a.key);
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
  const load = async (a: AssertionRow, ctx: Context) =>
    (await ctx.loaders.roles.load(a.key)).filter((r) => r.role === role).map((r) => r.entity);
  return single
    ? t.field({
        type: EntityRef,
        nullable: true,
        description,
        extensions: reads(),
        resolve: async (a: AssertionRow, _x: unknown, ctx: Context) => (await load(a, ctx))[0] ?? null,
      })
    : t.field({
        type: [EntityRef],
        description,
        extensions: reads(),
        resolve: (a: AssertionRow, _x: unknown, ctx: Context) => load(a, ctx),
      });
}

/** Value fields shared by the kinds that carry them. */
export const valueFields = {
  metric: (t: FieldBuilder) =>
    t.string({
      nullable: true,
      description: 'e.g. capex, cloud_revenue, cash_reserves.',
      extensions: reads('metric'),
      resolve: (a: AssertionRow) => a.metric,
    }),
  amount: (t: FieldBuilder) =>
    t.field({ type: MoneyRef, nullable: true, resolve: (a: AssertionRow) => moneyOf(a, 'amount') }),
  reportedConversion: (t: FieldBuilder) =>
    t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The source’s own conversion of the amount (e.g. "$7 billion"), stored as reported.',
      resolve: (a: AssertionRow) => moneyOf(a, 'conversion'),
    }),
  change: (t: FieldBuilder) => t.field({ type: ChangeRef, nullable: true, resolve: (a: AssertionRow) => changeOf(a) }),
  quantity: (t: FieldBuilder) =>
    t.field({
      type: QuantityRef,
      nullable: true,
      resolve: (a: AssertionRow) =>
        a.quantity === null || a.quantity === undefined
          ? null
          : {
              value: String(a.quantity),
              unit: String(a.quantityUnit ?? ''),
              asReported: text(a.quantityAsReported),
              qualifier: String(a.quantityQualifier ?? 'exact'),
            },
    }),
  unitPrice: (t: FieldBuilder) =>
    t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Price per unit.',
      resolve: (a: AssertionRow) => moneyOf(a, 'price'),
    }),
  text: (t: FieldBuilder) => t.string({ nullable: true, resolve: (a: AssertionRow) => text(a.text) }),
  role: (t: FieldBuilder) =>
    t.string({ nullable: true, description: 'Title or role as reported.', resolve: (a: AssertionRow) => text(a.role) }),
  status: (t: FieldBuilder) => t.string({ nullable: true, resolve: (a: AssertionRow) => text(a.status) }),
};

export const AssertionFilterInput = builder.inputType('AssertionFilter', {
  description:
    'Filters for fact connections; all given filters must hold. Retracted facts are left out unless rank is given.',
  fields: (t) => ({
    kinds: t.field({
      type: [AssertionKindEnum],
      required: false,
      description:
        'Only these kinds, e.g. [FinancialFigure, GroupFigure]; a kind’s own connection (`claims` …) keeps its kind.',
    }),
    metric: t.string({ required: false, description: 'Only this metric, e.g. `capex`, `cloud_revenue`.' }),
    mode: t.field({ type: ModeEnum, required: false, description: 'Only this mode, e.g. `forecast`.' }),
    rank: t.field({
      type: RankEnum,
      required: false,
      description: 'Only this rank; give `deprecated` to see retracted facts (left out otherwise).',
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
    metric: f?.metric ?? null,
    mode: f?.mode ?? null,
    rank: f?.rank ?? null,
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
      },
      resolve: async (_root, args, ctx, info) =>
        assertionConnection(
          ctx,
          await assertionFilter(ctx, fixedKinds, args.filter as FilterArg),
          args,
          factPropsSelected(info, [['nodes'], ['edges', 'node']]),
        ),
    }),
  );
}

/** The value fields a kind carries, from the same table the import format checks (`money` is exposed as `amount`). */
function valueFieldsOf(kind: AssertionKind, t: FieldBuilder) {
  return Object.fromEntries(
    ASSERTION_KIND_VALUES[kind].map((field) => {
      const name = field === 'money' ? 'amount' : field;
      return [name, valueFields[name](t)];
    }),
  );
}

/**
 * An assertion object type (implements Node and Assertion), optionally with its own root connection.
 * Its value fields (amount, quantity, text …) come from ASSERTION_KIND_VALUES; `fields` adds the rest.
 */
export function defineAssertionType(
  kind: AssertionKind,
  options: { description: string; plural?: string; fields?: (t: FieldBuilder) => Record<string, any> },
) {
  const ref = builder.objectRef<AssertionRow>(kind).implement({
    description: options.description,
    interfaces: [NodeRef, AssertionRef],
    isTypeOf: (row: any) => row?.kind === kind && typeof row?.summary === 'string',
    fields: (t) => ({
      ...valueFieldsOf(kind, t as FieldBuilder),
      ...(options.fields ? options.fields(t as FieldBuilder) : {}),
    }),
  });
  if (options.plural) {
    assertionConnectionField(
      options.plural,
      connectionOf<AssertionRow>(kind, ref),
      [kind],
      `${kind} facts, by key, keyset-paged.`,
    );
  }
  return ref;
}

const AnyAssertionConnection = connectionOf<AssertionRow>('Assertion', AssertionRef);
assertionConnectionField(
  'assertions',
  AnyAssertionConnection,
  null,
  'All facts, filterable by kind, metric, entity, country, period, mode and rank; keyset-paged.',
);
