import type { AssertionRow } from '../../domain/rows.ts';
import { investmentConnection } from '../../queries/investments.ts';
import { builder } from '../builder.ts';
import { connectionOf } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKeyOrNull } from '../keys.ts';
import { factPropsSelected } from '../lookahead.ts';
import { defineAssertionType, roleField } from './assertion.ts';
import { PeriodTypeEnum } from './values.ts';

export const InvestmentRef = defineAssertionType('Investment', {
  description:
    'Money put into a named target — a data-centre site or GPU cluster, a company, a project — by the investors the ' +
    'source names: the amount (with its price basis: nominal or constant 2025 dollars), as of when (period), how ' +
    'sure the source is (confidence). When the source gives one amount for several investors, it stays one fact with ' +
    'all of them and the whole amount (never split into invented shares). A company’s capex (a FinancialFigure) is ' +
    'spending without a named target, not an Investment (docs/data-model.md).',
  fields: (t) => ({
    investors: roleField(
      t,
      'SUBJECT',
      'Who invests, as the source names them, in its order; empty when the source names no investor.',
    ),
    target: roleField(t, 'OBJECT', 'What is invested in: a site, a cluster, a company or a project.', true),
  }),
});

const InvestmentPeriodFilterInput = builder.inputType('InvestmentPeriodFilter', {
  description: 'The investment’s period: its year and/or type (DAY for dated Epoch rows, MONTH for "current").',
  fields: (t) => ({
    year: t.int({ required: false }),
    type: t.field({ type: PeriodTypeEnum, required: false }),
  }),
});

const InvestmentFilterInput = builder.inputType('InvestmentFilter', {
  description:
    'Filters for `investments`; all given filters must hold. Keys follow merges; a key no entity has is NOT_FOUND ' +
    'with the nearest existing keys. Retracted facts are left out.',
  fields: (t) => ({
    investor: t.string({
      required: false,
      description: 'Entity key of an investor; its units count too (company:alphabet includes Google’s).',
    }),
    target: t.string({ required: false, description: 'Entity key of the target (a site, cluster or company).' }),
    place: t.string({
      required: false,
      description: 'Place key: investments in targets located there or in a place PART_OF it (e.g. place:my-johor).',
    }),
    period: t.field({ type: InvestmentPeriodFilterInput, required: false }),
  }),
});

type InvestmentFilterArg =
  | {
      investor?: string | null;
      target?: string | null;
      place?: string | null;
      period?: { year?: number | null; type?: string | null } | null;
    }
  | null
  | undefined;

/** The filter as the repository takes it; the three keys resolved in one batch (one statement). */
const investmentFilter = async (ctx: Context, f: InvestmentFilterArg) => {
  const [investor, target, place] = await Promise.all([
    existingKeyOrNull(ctx, 'filter.investor', f?.investor),
    existingKeyOrNull(ctx, 'filter.target', f?.target),
    existingKeyOrNull(ctx, 'filter.place', f?.place),
  ]);
  return { investor, target, place, periodYear: f?.period?.year ?? null, periodType: f?.period?.type ?? null };
};

const InvestmentConnection = connectionOf<AssertionRow>('Investment', InvestmentRef);

builder.queryField('investments', (t) =>
  t.field({
    type: InvestmentConnection,
    description:
      'Investment facts by key, keyset-paged, filterable by investor, target, the target’s place and period. ' +
      'Includes the dated running totals of a site (metric capital_cost_to_date), which `investmentsByPlace` does not sum.',
    args: {
      first: t.arg.int({ required: false }),
      after: t.arg.string({ required: false }),
      filter: t.arg({ type: InvestmentFilterInput, required: false }),
    },
    resolve: async (_root, args, ctx, info) =>
      investmentConnection(
        ctx,
        await investmentFilter(ctx, args.filter as InvestmentFilterArg),
        args,
        factPropsSelected(info, [['nodes'], ['edges', 'node']]),
      ),
  }),
);
