import type { GraphQLResolveInfo } from 'graphql';
import { type GroupCheck, impliedPrior } from '../../domain/research.ts';
import type { AssertionRow } from '../../domain/rows.ts';
import { derivedMoney, summedMoney } from '../../domain/values.ts';
import { researchViews } from '../../queries/views.ts';
import type { CountryTotalParts, CountryTotalRow } from '../../repositories/research.ts';
import { builder } from '../builder.ts';
import {
  CAPPED_FIRST,
  cappedListOf,
  cappedRows,
  MAX_NESTED_LIST,
  DOCUMENTED_MAX_PAGE_SIZE as MAX_PAGE_SIZE,
} from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKeyOrNull } from '../keys.ts';
import { entityPropsSelected, selectsField } from '../lookahead.ts';
import { checkMetricWhenNothingMatched, normaliseMetric } from '../vocabulary.ts';
import { factType } from './facts.ts';

import { EntityRef } from './refs.ts';
import { MoneyRef, PeriodTypeEnum } from './values.ts';

const FinancialFigureRef = factType('FinancialFigure');
const GroupFigureRef = factType('GroupFigure');

interface CompanyMetric {
  figure: AssertionRow;
  companyKey: string;
  countryKey: string | null;
  growthRank: number | null;
}

const CompanyMetricRef = builder.objectRef<CompanyMetric>('CompanyMetric').implement({
  description: 'One company’s reported figure for a metric and period, with derived comparisons.',
  fields: (t) => ({
    company: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The company the figure belongs to.',
      resolve: (r, _a, ctx) => ctx.loaders.entity.load(r.companyKey),
    }),
    country: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Where the company is based (from Domicile facts).',
      resolve: (r, _a, ctx) => (r.countryKey ? ctx.loaders.entity.load(r.countryKey) : null),
    }),
    figure: t.field({
      type: FinancialFigureRef,
      description: 'The reported fact, with its sources.',
      resolve: (r) => r.figure,
    }),
    growthRank: t.exposeInt('growthRank', {
      nullable: true,
      description:
        '1 = fastest reported growth among the figures of the same period that match the arguments (derived; rows ' +
        'come fastest first within a period, so a capped answer holds the top of each period it reaches).',
    }),
    impliedPriorAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Amount a year earlier implied by the reported amount and its yoy change (derived, approx): amount ÷ (1 + ' +
        'change), e.g. 23 billion yuan after "a 123% increase" is about 10.31 billion, `interval` 10.07–10.56 ' +
        'billion (both figures as precise as stated). A basis the source does not state is named in `assumptions`.',
      resolve: (r) => impliedPrior(r.figure),
    }),
  }),
});

/** The fields of a total (Money) that show how exact the sum is: only these need its exactness and interval. */
export const SPREAD_FIELDS = ['qualifier', 'interval', 'converted'] as const;

/**
 * What a metricByCountry selection shows beyond the sums (through fragments and aliases): the statement computes
 * only that (research/metric-by-country reads no figure property for a part not asked for).
 */
const countryTotalParts = (info: GraphQLResolveInfo): CountryTotalParts => ({
  companies: selectsField(info, 'companies', ['rows']),
  figures: selectsField(info, 'figures', ['rows']),
  spread: SPREAD_FIELDS.some((field) => selectsField(info, field, ['rows', 'total'])),
});

const CountryTotalRef = builder.objectRef<CountryTotalRow>('CountryTotal').implement({
  description: 'Sum of the reported figures of companies based in a country, per period and currency (derived).',
  fields: (t) => ({
    country: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The country the companies are based in (from Domicile facts).',
      resolve: (r) => r.country,
    }),
    periodYear: t.exposeInt('periodYear', { description: 'The figures’ year, e.g. 2024.' }),
    periodType: t.exposeString('periodType', { description: 'The figures’ period type, e.g. `H1` (see PeriodType).' }),
    total: t.field({
      type: MoneyRef,
      description:
        'Derived sum; currencies are never mixed. Its `interval` adds up the figures’ own (± half the precision ' +
        'each is stated to): 23 + 23 + 4.2 billion yuan is 50.2 billion, 49.15–51.25 billion.',
      resolve: (r) =>
        r.spread
          ? summedMoney({ totalMinor: r.totalMinor, ...r.spread }, r.currency, {
              qualifier: r.spread.exact ? 'exact' : 'approx',
            })
          : // Read without its spread: the selection shows none of SPREAD_FIELDS (see countryTotalParts).
            derivedMoney(BigInt(r.totalMinor), r.currency),
    }),
    companies: t.exposeInt('companies', { description: 'How many companies’ figures were summed.' }),
    figureCount: t.exposeInt('figureCount', { description: 'How many reported figures were summed.' }),
    figures: t.field({
      type: [FinancialFigureRef],
      description: `The reported figures summed, by key: the first ${MAX_NESTED_LIST} (figureCount says how many).`,
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.assertion.loadMany([...r.figureKeys].sort())).filter(
          (f): f is AssertionRow => !!f && !(f instanceof Error),
        ),
    }),
  }),
});

const GroupCheckRef = builder.objectRef<GroupCheck>('GroupFigureCheck').implement({
  description:
    'A reported group figure beside what its members’ own figures give: the sum of their same-period amounts and ' +
    'the amount implied by their next-year growth rates. Reported values stay as reported; the rest is derived.',
  fields: (t) => ({
    group: t.field({ type: GroupFigureRef, description: 'The reported group figure.', resolve: (c) => c.group }),
    reported: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Its amount as reported, e.g. 50 000 000 000 CNY for "50 billion yuan".',
      resolve: (c) => c.reported,
    }),
    memberFigures: t.field({
      type: [FinancialFigureRef],
      description: 'The members’ own figures for the same metric and period.',
      resolve: (c) => c.memberFigures,
    }),
    missingMembers: t.field({
      type: [EntityRef],
      description: `Members with no figure of their own for the period (of the first ${MAX_NESTED_LIST} members).`,
      resolve: async (c, _a, ctx) =>
        (await ctx.loaders.entity.loadMany(c.missingMembers)).filter((e) => e && !(e instanceof Error)) as never,
    }),
    computedFromMembers: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Sum of memberFigures (derived); null when a member has no figure for the period or their currencies differ.',
      resolve: (c) => c.computedFromMembers,
    }),
    differenceFromMembers: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'computedFromMembers − reported.',
      resolve: (c) => c.differenceFromMembers,
    }),
    impliedByNextYearGrowth: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Σ members’ next-year amount ÷ (1 + their yoy change), with the interval and the assumptions (a year-on-year ' +
        'basis the source does not state) of each.',
      resolve: (c) => c.impliedByNextYearGrowth,
    }),
    differenceFromImplied: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'impliedByNextYearGrowth − reported.',
      resolve: (c) => c.differenceFromImplied,
    }),
  }),
});

const CompanyMetricList = cappedListOf<CompanyMetric>('CompanyMetric', CompanyMetricRef, 'company figures');
const CountryTotalList = cappedListOf<CountryTotalRow>('CountryTotal', CountryTotalRef, 'country totals');
const GroupCheckList = cappedListOf<GroupCheck>('GroupFigureCheck', GroupCheckRef, 'group figure checks');

const PERIOD_YEAR_ARG = { required: false, description: 'Only this year, e.g. 2024; default every year.' } as const;
const PERIOD_TYPE_ARG = {
  required: false,
  description: 'Only this period type, e.g. `H1`; default every period type.',
} as const;
const AS_OF_ARG = {
  type: 'DateTime',
  required: false,
  description:
    'Answer as the graph stood at this instant (e.g. `2026-09-01`): figures and domiciles first seen later are left ' +
    'out, those retracted later still count. Values are today’s. Default now.',
} as const;
const METRIC_ARG =
  'e.g. capex, cloud_revenue — any case, spaces for _ ("Cloud revenue"); `vocabulary { metrics }` lists them. ' +
  'A metric no fact uses is BAD_USER_INPUT naming the nearest.';

/** A view that found nothing checks its metric, so a misspelt one is an error naming the nearest, not an empty list. */
async function checkedMetric<T extends { rows: unknown[] }>(ctx: Context, metric: string | null, answer: T) {
  if (answer.rows.length === 0) await checkMetricWhenNothingMatched(ctx, 'metric', metric);
  return answer;
}

builder.queryFields((t) => ({
  metricByCompany: t.field({
    type: CompanyMetricList,
    description:
      'Research view: each company’s reported figure for a metric (e.g. capex) per period — newest period first, ' +
      `fastest growth first within a period — capped at \`first\` (at most ${MAX_PAGE_SIZE}); \`truncated\` says ` +
      'more matched (narrow by periodYear, periodType or country).',
    args: {
      metric: t.arg.string({ required: true, defaultValue: 'capex', description: METRIC_ARG }),
      periodYear: t.arg.int(PERIOD_YEAR_ARG),
      periodType: t.arg({ type: PeriodTypeEnum, ...PERIOD_TYPE_ARG }),
      country: t.arg.string({
        required: false,
        description:
          'Only companies based there: a place key, e.g. `place:cn`; its sub-places count too. An unknown key is ' +
          'NOT_FOUND with the nearest keys.',
      }),
      first: t.arg.int(CAPPED_FIRST),
      asOf: t.arg(AS_OF_ARG),
    },
    resolve: async (_root, args, ctx) => {
      const limit = cappedRows(ctx, args.first);
      const country = await existingKeyOrNull(ctx, 'country', args.country);
      const { periodYear = null, periodType = null, asOf = null } = args;
      const metric = normaliseMetric(args.metric);
      const query = { metric, periodYear, periodType, country, asOf };
      return checkedMetric(ctx, metric, await researchViews.metricByCompany(ctx, query, limit));
    },
  }),
  metricByCountry: t.field({
    type: CountryTotalList,
    description:
      'Research view: reported figures for a metric summed by the companies’ country and period (derived), ' +
      `newest period first, capped at \`first\` (at most ${MAX_PAGE_SIZE}).`,
    args: {
      metric: t.arg.string({ required: true, defaultValue: 'capex', description: METRIC_ARG }),
      periodYear: t.arg.int(PERIOD_YEAR_ARG),
      periodType: t.arg({ type: PeriodTypeEnum, ...PERIOD_TYPE_ARG }),
      first: t.arg.int(CAPPED_FIRST),
      asOf: t.arg(AS_OF_ARG),
    },
    resolve: async (_root, args, ctx, info) => {
      const limit = cappedRows(ctx, args.first);
      const { periodYear = null, periodType = null, asOf = null } = args;
      const metric = normaliseMetric(args.metric);
      const query = { metric, periodYear, periodType, asOf };
      const answer = await researchViews.metricByCountry(
        ctx,
        query,
        countryTotalParts(info),
        limit,
        MAX_NESTED_LIST,
        entityPropsSelected(info, [['rows', 'country']]),
      );
      return checkedMetric(ctx, metric, answer);
    },
  }),
  groupFigureChecks: t.field({
    type: GroupCheckList,
    description:
      'Consistency view: group figures ("collectively spent …"), newest first, each beside the sum of its members’ ' +
      `own figures and the amount their growth rates imply; capped at \`first\` (at most ${MAX_PAGE_SIZE}).`,
    args: { metric: t.arg.string({ required: false, description: METRIC_ARG }), first: t.arg.int(CAPPED_FIRST) },
    resolve: async (_root, args, ctx) => {
      const limit = cappedRows(ctx, args.first);
      const metric = args.metric ? normaliseMetric(args.metric) : null;
      return checkedMetric(ctx, metric, await researchViews.groupFigureChecks(ctx, metric, limit, MAX_NESTED_LIST));
    },
  }),
}));
