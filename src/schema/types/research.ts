import { checkGroup, type GroupCheck, impliedPrior } from '../../domain/research.ts';
import type { AssertionRow } from '../../domain/rows.ts';
import { changeOf, derivedMoney } from '../../domain/values.ts';
import type { CountryTotalRow } from '../../repositories/research.ts';
import { builder } from '../builder.ts';
import { selectsField } from '../lookahead.ts';
import { FinancialFigureRef, GroupFigureRef } from './figures.ts';
import { EntityRef } from './refs.ts';
import { MoneyRef, PeriodTypeEnum } from './values.ts';

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
      description: '1 = fastest reported growth among the rows returned for the same period (derived).',
    }),
    impliedPriorAmount: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Amount a year earlier implied by the reported amount and its yoy change (derived, approx).',
      resolve: (r) => impliedPrior(r.figure),
    }),
  }),
});

const CountryTotalRef = builder.objectRef<CountryTotalRow>('CountryTotal').implement({
  description: 'Sum of the reported figures of companies based in a country, per period and currency (derived).',
  fields: (t) => ({
    country: t.field({ type: EntityRef, nullable: true, resolve: (r) => r.country }),
    periodYear: t.exposeInt('periodYear'),
    periodType: t.exposeString('periodType'),
    total: t.field({
      type: MoneyRef,
      description: 'Derived sum; currencies are never mixed.',
      resolve: (r) => derivedMoney(BigInt(r.totalMinor), r.currency, r.exact ? 'exact' : 'approx'),
    }),
    companies: t.exposeInt('companies'),
    figures: t.field({
      type: [FinancialFigureRef],
      description: 'The reported figures summed.',
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.assertion.loadMany(r.figureKeys)).filter(
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
    group: t.field({ type: GroupFigureRef, resolve: (c) => c.group }),
    reported: t.field({ type: MoneyRef, nullable: true, resolve: (c) => c.reported }),
    memberFigures: t.field({ type: [FinancialFigureRef], resolve: (c) => c.memberFigures }),
    missingMembers: t.field({
      type: [EntityRef],
      description: 'Members with no figure of their own for the period.',
      resolve: async (c, _a, ctx) =>
        (await ctx.loaders.entity.loadMany(c.missingMembers)).filter((e) => e && !(e instanceof Error)) as never,
    }),
    computedFromMembers: t.field({ type: MoneyRef, nullable: true, resolve: (c) => c.computedFromMembers }),
    differenceFromMembers: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'computedFromMembers − reported.',
      resolve: (c) => c.differenceFromMembers,
    }),
    impliedByNextYearGrowth: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Σ members’ next-year amount ÷ (1 + their yoy change).',
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

function rankByGrowth(rows: Omit<CompanyMetric, 'growthRank'>[]): CompanyMetric[] {
  const period = (r: { figure: AssertionRow }) => `${r.figure.periodYear}|${r.figure.periodType}`;
  const ranked = rows.map((r) => ({ ...r, growthRank: null as number | null }));
  const groups = Map.groupBy(ranked, period);
  for (const group of groups.values()) {
    const withChange = group.filter((r) => changeOf(r.figure) !== null);
    withChange.sort((a, b) => changeOf(b.figure)!.basisPoints - changeOf(a.figure)!.basisPoints);
    withChange.forEach((r, i) => {
      r.growthRank = i + 1;
    });
  }
  return ranked.sort((a, b) => period(a).localeCompare(period(b)) || (a.growthRank ?? 1e9) - (b.growthRank ?? 1e9));
}

builder.queryFields((t) => ({
  metricByCompany: t.field({
    type: [CompanyMetricRef],
    description:
      'Research view: each company’s reported figure for a metric (e.g. capex) per period, ranked by growth.',
    args: {
      metric: t.arg.string({ required: true, defaultValue: 'capex' }),
      periodYear: t.arg.int({ required: false }),
      periodType: t.arg({ type: PeriodTypeEnum, required: false }),
      country: t.arg.string({ required: false, description: 'Place key; includes its sub-places.' }),
    },
    resolve: async (_root, args, ctx) =>
      rankByGrowth(
        await ctx.repos.research.figures(
          args.metric,
          args.periodYear ?? null,
          args.periodType ?? null,
          args.country ?? null,
        ),
      ),
  }),
  metricByCountry: t.field({
    type: [CountryTotalRef],
    description: 'Research view: reported figures for a metric summed by the companies’ country and period (derived).',
    args: {
      metric: t.arg.string({ required: true, defaultValue: 'capex' }),
      periodYear: t.arg.int({ required: false }),
      periodType: t.arg({ type: PeriodTypeEnum, required: false }),
    },
    resolve: (_root, args, ctx, info) =>
      ctx.repos.research.totalsByCountry(
        args.metric,
        args.periodYear ?? null,
        args.periodType ?? null,
        selectsField(info, 'figures'),
      ),
  }),
  groupFigureChecks: t.field({
    type: [GroupCheckRef],
    description:
      'Consistency view: every group figure ("collectively spent …") beside the sum of its members’ own figures and ' +
      'the amount their growth rates imply.',
    args: { metric: t.arg.string({ required: false }) },
    resolve: async (_root, args, ctx) =>
      (await ctx.repos.research.groupFigures(args.metric ?? null)).map((r) => checkGroup(r.group, r.members)),
  }),
}));
