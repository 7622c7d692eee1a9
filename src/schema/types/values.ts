import { fromMinorUnits } from '../../domain/money.ts';
import {
  amountOf,
  type ChangeValue,
  type ConversionResult,
  convert,
  type MoneyValue,
  percentOf,
} from '../../domain/values.ts';
import {
  MODE_MEANINGS,
  PERIOD_TYPE_MEANINGS,
  QUALIFIER_MEANINGS,
  RANK_MEANINGS,
  ROLE_MEANINGS,
} from '../../domain/vocabulary.ts';
import { builder } from '../builder.ts';
import { describedValues } from '../describe.ts';

export const ModeEnum = builder.enumType('Mode', {
  description: 'How the source states the fact: reported as fact, forecast, opinion, or derived by this service.',
  values: describedValues(MODE_MEANINGS),
});
export const RankEnum = builder.enumType('Rank', {
  description: 'A fact’s standing, Wikidata-style: preferred, normal, or deprecated (retracted; kept for history).',
  values: describedValues(RANK_MEANINGS),
});
export const QualifierEnum = builder.enumType('Qualifier', {
  description: 'How exact a number is: exact, approx, more_than ("exceeding"), less_than, at_least, range.',
  values: describedValues(QUALIFIER_MEANINGS),
});
export const RoleEnum = builder.enumType('Role', {
  description: 'The part an entity plays in a fact.',
  values: describedValues(ROLE_MEANINGS),
});
export const PeriodTypeEnum = builder.enumType('PeriodType', {
  description:
    'Normalised period: fiscal/calendar year, half, quarter, month, day, or an open period ("coming months").',
  values: describedValues(PERIOD_TYPE_MEANINGS),
});

export const MoneyRef = builder.objectRef<MoneyValue>('Money');
const ConvertedMoneyRef = builder.objectRef<ConversionResult>('ConvertedMoney');

ConvertedMoneyRef.implement({
  description: 'A converted amount. Always derived: the rate and where it came from are stated.',
  fields: (t) => ({
    money: t.field({
      type: MoneyRef,
      description: 'The amount in the target currency (mode derived).',
      resolve: (c) => c.money,
    }),
    rate: t.field({
      type: 'Decimal',
      description: 'Units of the target currency per unit of the original.',
      resolve: (c) => c.rate,
    }),
    rateSource: t.exposeString('rateSource', { description: 'Where the rate comes from.' }),
    mode: t.field({ type: ModeEnum, description: 'Always derived.', resolve: () => 'derived' as const }),
  }),
});

MoneyRef.implement({
  description: 'An exact amount of money: integer minor units and an ISO 4217 currency, never a float.',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: 'Exact amount in major units, e.g. "23000000000".',
      resolve: amountOf,
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code, e.g. CNY, USD.' }),
    minorUnits: t.exposeString('minorUnits', { description: 'Exact amount in minor units (fen, cents) as a string.' }),
    asReported: t.exposeString('asReported', {
      nullable: true,
      description: 'The words of the source, e.g. "23 billion yuan".',
    }),
    qualifier: t.field({
      type: QualifierEnum,
      description: 'How exact the amount is: `exact`, or as the source hedges it (`more_than` for "exceeding" …).',
      resolve: (m) => m.qualifier as never,
    }),
    lower: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Lower bound for ranges.',
      resolve: (m) => (m.lowerMinor === null ? null : fromMinorUnits(m.lowerMinor, m.currency)),
    }),
    upper: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Upper bound for ranges.',
      resolve: (m) => (m.upperMinor === null ? null : fromMinorUnits(m.upperMinor, m.currency)),
    }),
    mode: t.field({
      type: ModeEnum,
      description: 'derived when this service computed the amount; otherwise as the fact says.',
      resolve: (m) => (m.derived ? 'derived' : 'reported'),
    }),
    converted: t.field({
      type: ConvertedMoneyRef,
      description:
        'This amount in another currency. Without `rate`, only the conversion the source itself reported is used ' +
        '(e.g. 50 billion yuan = $7 billion); otherwise give `rate` and say where it is from in `rateNote`.',
      args: {
        to: t.arg.string({ required: true, description: 'ISO 4217 code.' }),
        rate: t.arg({ type: 'Decimal', required: false, description: 'Units of `to` per unit of this currency.' }),
        rateNote: t.arg.string({ required: false, description: 'Where the rate comes from (source, date).' }),
      },
      resolve: (m, args) => convert(m, args.to, args.rate ?? null, args.rateNote ?? null),
    }),
  }),
});

export const ChangeRef = builder.objectRef<ChangeValue>('Change').implement({
  description: 'A reported change, e.g. "a 123% increase", exact in basis points.',
  fields: (t) => ({
    percent: t.field({ type: 'Decimal', description: 'Percent as an exact decimal, e.g. "123".', resolve: percentOf }),
    basisPoints: t.exposeInt('basisPoints', { description: '1 % = 100 basis points.' }),
    asReported: t.exposeString('asReported', {
      nullable: true,
      description: 'The words of the source, e.g. "a 123% increase".',
    }),
    qualifier: t.field({
      type: QualifierEnum,
      description: 'How exact the change is, e.g. `approx` for "about 120%".',
      resolve: (c) => c.qualifier as never,
    }),
    basis: t.exposeString('basis', {
      description: 'What it compares against: yoy (year on year), qoq, vs_prior_period.',
    }),
  }),
});

export interface PeriodValue {
  label: string;
  type: string;
  year: number | null;
  basis: string;
  yearInferred: boolean;
  inference: string | null;
}

export const PeriodRef = builder.objectRef<PeriodValue>('Period').implement({
  description: 'When a fact holds: the source’s own words and a normalised form. An inferred year says why.',
  fields: (t) => ({
    label: t.exposeString('label', { description: 'The words of the source, e.g. "the first half of this year".' }),
    type: t.field({
      type: PeriodTypeEnum,
      description: 'The normalised period, e.g. `H1` for "the first half of this year".',
      resolve: (p) => p.type as never,
    }),
    year: t.exposeInt('year', {
      nullable: true,
      description: 'The year, e.g. 2024 (inferred when `yearInferred`); null for an open period without one.',
    }),
    basis: t.exposeString('basis', { description: 'calendar or fiscal.' }),
    yearInferred: t.exposeBoolean('yearInferred', { description: 'True when the source does not state the year.' }),
    inference: t.exposeString('inference', { nullable: true, description: 'Why the year was inferred.' }),
  }),
});

export interface QuantityValue {
  value: string;
  unit: string;
  asReported: string | null;
  qualifier: string;
}

export const QuantityRef = builder.objectRef<QuantityValue>('Quantity').implement({
  description: 'A non-money quantity, e.g. "over a million H20 units".',
  fields: (t) => ({
    value: t.field({
      type: 'Decimal',
      description: 'The number as an exact decimal string, e.g. "1000000".',
      resolve: (q) => q.value,
    }),
    unit: t.exposeString('unit', {
      description: 'What is counted, as the source or importer names it: units, chips, H100e (H100 equivalents).',
    }),
    asReported: t.exposeString('asReported', {
      nullable: true,
      description: 'The words of the source, e.g. "over a million H20 units".',
    }),
    qualifier: t.field({
      type: QualifierEnum,
      description: 'How exact the number is, e.g. `more_than` for "over a million".',
      resolve: (q) => q.qualifier as never,
    }),
  }),
});
