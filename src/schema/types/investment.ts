import type { AssertionRow } from '../../domain/rows.ts';
import { investmentConnection } from '../../queries/investments.ts';
import { builder } from '../builder.ts';
import { connectionOf, PAGE_AFTER, PAGE_FIRST } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKeyOrNull } from '../keys.ts';
import { factPropsSelected } from '../lookahead.ts';
import { factType } from './facts.ts';
import { PeriodTypeEnum } from './values.ts';

/** The Investment type comes from its row in src/domain/facts/kinds.ts; its root connection has its own filters. */
const InvestmentRef = factType('Investment');

const InvestmentPeriodFilterInput = builder.inputType('InvestmentPeriodFilter', {
  description: 'The investment’s period: its year and/or type (DAY for dated Epoch rows, MONTH for "current").',
  fields: (t) => ({
    year: t.int({ required: false, description: 'Only this year, e.g. 2025.' }),
    type: t.field({ type: PeriodTypeEnum, required: false, description: 'Only this period type, e.g. `DAY`.' }),
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
    period: t.field({
      type: InvestmentPeriodFilterInput,
      required: false,
      description: 'Only investments of this period (year and/or type).',
    }),
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
      first: t.arg.int(PAGE_FIRST),
      after: t.arg.string(PAGE_AFTER),
      filter: t.arg({
        type: InvestmentFilterInput,
        required: false,
        description: 'Only investments matching all given filters; default all but retracted ones.',
      }),
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
