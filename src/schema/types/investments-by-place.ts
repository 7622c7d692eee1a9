import { summedMoney } from '../../domain/values.ts';
import type { InvestmentInPlace, InvestmentTotalRow } from '../../repositories/investments.ts';
import { builder } from '../builder.ts';
import { CAPPED_FIRST, cappedRows, MAX_NESTED_LIST, DOCUMENTED_MAX_PAGE_SIZE as MAX_PAGE_SIZE } from '../connection.ts';
import { existingKey } from '../keys.ts';
import { factType } from './facts.ts';
import { asSource, EntityRef, SourceRef } from './refs.ts';
import { ModeEnum, MoneyRef, PriceBasisEnum } from './values.ts';

/** "Who invests how much where": the research view over Investment facts by the place of their targets. */

interface InvestmentsInPlace {
  placeKey: string;
  rows: InvestmentInPlace[];
  truncated: boolean;
  limit: number;
  totals: InvestmentTotalRow[];
}

const InvestmentInPlaceRef = builder.objectRef<InvestmentInPlace>('InvestmentInPlace').implement({
  description: 'One investment in a target located in the place asked about.',
  fields: (t) => ({
    investment: t.field({
      type: factType('Investment'),
      nullable: true,
      description: 'The fact: amount, period, confidence and its sources (snippets, row locators).',
      resolve: (r, _a, ctx) => ctx.loaders.assertion.load(r.investmentKey),
    }),
    target: t.field({
      type: EntityRef,
      nullable: true,
      description: 'What is invested in: a site, cluster or company.',
      resolve: (r, _a, ctx) => ctx.loaders.entity.load(r.targetKey),
    }),
    place: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Where the target is located (the place asked about or one below it).',
      resolve: (r, _a, ctx) => ctx.loaders.entity.load(r.placeKey),
    }),
    investors: t.field({
      type: [EntityRef],
      description: 'As the source names them; empty when it names none. Several share the whole amount (no split).',
      resolve: async (r, _a, ctx) =>
        (await ctx.loaders.entity.loadMany(r.investorKeys)).filter((e) => e && !(e instanceof Error)) as never,
    }),
  }),
});

const InvestmentTotalRef = builder.objectRef<InvestmentTotalRow>('InvestmentTotal').implement({
  description:
    'The sum of the investments of one source, metric, currency, price basis and mode (derived). Two totals are ' +
    'never added: their currencies or bases differ, one is a forecast, or they come from datasets that may count ' +
    'the same facility twice (a GPU cluster inside a listed site).',
  fields: (t) => ({
    source: t.field({
      type: SourceRef,
      nullable: true,
      description: 'The source all summed investments come from.',
      resolve: async (r, _a, ctx) => {
        const source = await ctx.loaders.source.load(r.sourceKey);
        return source ? asSource(source) : null;
      },
    }),
    metric: t.exposeString('metric', { nullable: true, description: 'capital_cost, hardware_cost …' }),
    mode: t.field({ type: ModeEnum, description: 'reported or forecast.', resolve: (r) => r.mode as never }),
    priceBasis: t.field({
      type: PriceBasisEnum,
      nullable: true,
      description: 'Nominal or constant dollars, as the summed amounts state; null when they do not say.',
      resolve: (r) => r.priceBasis as never,
    }),
    total: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'Derived sum, exact only when every amount summed is; null when none of them has an amount.',
      resolve: (r) =>
        r.currency === null
          ? null
          : summedMoney(r, r.currency, {
              qualifier: r.qualifiers.every((q) => q === 'exact') ? 'exact' : 'approx',
              priceBasis: r.priceBasis,
            }),
    }),
    investments: t.exposeInt('investments', { description: 'How many investments this total covers.' }),
    withAmount: t.exposeInt('withAmount', { description: 'Of them, how many state an amount (the others add 0).' }),
    withNamedInvestors: t.exposeInt('withNamedInvestors', {
      description: 'Of them, how many name at least one investor.',
    }),
  }),
});

const InvestmentsInPlaceRef = builder.objectRef<InvestmentsInPlace>('InvestmentsInPlace').implement({
  description:
    'Who invests how much in targets located in a place: the first `limit` investments, largest first, and the ' +
    'totals of all of them per source, metric, currency, price basis and mode.',
  fields: (t) => ({
    place: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The place asked about.',
      resolve: (v, _a, ctx) => ctx.loaders.entity.load(v.placeKey),
    }),
    rows: t.field({
      type: [InvestmentInPlaceRef],
      description: 'The investments, largest amount first, at most `limit`.',
      resolve: (v) => v.rows,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when more investments matched than `limit` (the totals still cover them all).',
    }),
    limit: t.exposeInt('limit', { description: 'The cap applied (the field’s `first`).' }),
    totals: t.field({
      type: [InvestmentTotalRef],
      description: `Sums over every matching investment, never mixing currencies, bases, modes or sources (at most ${MAX_NESTED_LIST}).`,
      resolve: (v) => v.totals,
    }),
  }),
});

builder.queryField('investmentsByPlace', (t) =>
  t.field({
    type: InvestmentsInPlaceRef,
    description:
      'Who invests how much where: Investments in sites, clusters and companies located in a place or below it ' +
      '(e.g. "place:my-johor"), with the investors each source names and sums per source, currency and price basis. ' +
      `At most \`first\` rows (up to ${MAX_PAGE_SIZE}). The dated running totals of a site's build-out are left out ` +
      '(see `investments`). An unknown place key is NOT_FOUND with the nearest keys.',
    args: {
      place: t.arg.string({
        required: true,
        description: 'Place key, e.g. `place:my-johor`; places below it count too.',
      }),
      first: t.arg.int(CAPPED_FIRST),
    },
    resolve: async (_root, args, ctx) => {
      const limit = cappedRows(ctx, args.first);
      const place = await existingKey(ctx, 'place', args.place);
      const [rows, totals] = await Promise.all([
        ctx.repos.investments.inPlace(place, limit + 1),
        ctx.repos.investments.inPlaceTotals(place, MAX_NESTED_LIST),
      ]);
      return { placeKey: place, rows: rows.slice(0, limit), truncated: rows.length > limit, limit, totals };
    },
  }),
);
