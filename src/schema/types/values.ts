import { z } from 'zod';
import {
  ChangeSchema,
  type ChangeValue,
  MoneySchema,
  type MoneyValue,
  PeriodSchema,
  type PeriodValue,
  QuantitySchema,
  type QuantityValue,
  type Shape,
} from '../../domain/facts/index.ts';
import { fromMinorUnits } from '../../domain/money.ts';
import { Decimal, PERIOD_TYPES, PRICE_BASES, QUALIFIERS } from '../../domain/scalars.ts';
import { amountOf, type ConversionResult, convert, percentOf } from '../../domain/values.ts';
import {
  MODE_MEANINGS,
  PERIOD_TYPE_MEANINGS,
  QUALIFIER_MEANINGS,
  RANK_MEANINGS,
  ROLE_MEANINGS,
} from '../../domain/vocabulary.ts';
import { builder, type Types } from '../builder.ts';
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
export const PriceBasisEnum = builder.enumType('PriceBasis', {
  description: 'What dollars an amount is in. Sums never mix two bases.',
  values: {
    nominal: { description: 'Money of the day, as reported.' },
    constant_2025: { description: 'Adjusted to 2025 prices (Epoch’s "2025 USD" columns).' },
    inflation_adjusted: { description: 'Adjusted to constant prices of a base year the source does not state.' },
  } satisfies Record<(typeof PRICE_BASES)[number], { description: string }>,
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
    priceBasis: t.field({
      type: PriceBasisEnum,
      nullable: true,
      description: 'Nominal or constant dollars, as the source states; null when it does not say.',
      resolve: (m) => m.priceBasis as never,
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

// The inputs of the value shapes (mutations): their fields, types and whether each is required come from the codecs'
// import schemas (src/domain/facts/codecs.ts, which also hold the rules they are checked by); only the descriptions
// are written here. A field added to a codec's schema without a description here stops the schema build.

/** Enums of the import schemas that are GraphQL enums; any other string enum is a String input. */
const INPUT_ENUMS = [
  [QUALIFIERS, QualifierEnum],
  [PRICE_BASES, PriceBasisEnum],
  [PERIOD_TYPES, PeriodTypeEnum],
] as const;

const sameValues = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

/** One input field from an import-schema field: optional or defaulted there means not required here. */
function inputFieldOf(t: InputFieldBuilder, path: string, schema: z.ZodType, description: string) {
  let inner = schema;
  let required = true;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    required = false;
    inner = inner.def.innerType as z.ZodType;
  }
  if (inner === Decimal) return t.field({ type: 'Decimal', required, description });
  if (inner instanceof z.ZodEnum) {
    const values = inner.options as string[];
    const graphqlEnum = INPUT_ENUMS.find(([enumValues]) => sameValues(enumValues, values))?.[1];
    return graphqlEnum ? t.field({ type: graphqlEnum, required, description }) : t.string({ required, description });
  }
  if (inner instanceof z.ZodString) return t.string({ required, description });
  if (inner instanceof z.ZodNumber) return t.int({ required, description });
  if (inner instanceof z.ZodBoolean) return t.boolean({ required, description });
  throw new Error(`${path}: no GraphQL input type for this import-schema field (src/schema/types/values.ts)`);
}

/** The GraphQL input of a value shape: one field per field of its import schema, each described. */
function valueInput(name: string, schema: z.ZodObject, description: string, fields: Readonly<Record<string, string>>) {
  const shape = schema.shape as Record<string, z.ZodType>;
  const undescribed = Object.keys(shape).filter((f) => !(f in fields));
  const unknown = Object.keys(fields).filter((f) => !(f in shape));
  if (undescribed.length || unknown.length) {
    throw new Error(
      `${name}: describe ${undescribed.join(', ') || '–'}; no such import field: ${unknown.join(', ') || '–'}`,
    );
  }
  return builder.inputType(name, {
    description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(shape).map(([f, field]) => [f, inputFieldOf(t, `${name}.${f}`, field, fields[f] ?? '')]),
      ),
  });
}

const MoneyInput = valueInput(
  'MoneyInput',
  MoneySchema,
  'Exact money: a decimal string and an ISO 4217 currency, with the words of the source. `lower ≤ amount ≤ upper` ' +
    '(compared exactly); amounts, bounds and unit prices follow the sign rule of the metric (no negative capex).',
  {
    amount: 'Exact amount in major units, e.g. "23000000000"; for a range its lower bound.',
    currency: 'ISO 4217 code in upper case (CNY, USD, EUR …); anything not in the ISO 4217 table is refused.',
    asReported: 'The words of the source, e.g. "23 billion yuan".',
    qualifier: 'How exact, e.g. `more_than` for "exceeding"; default `exact`.',
    lower: 'Lower bound (a `range` needs both bounds).',
    upper: 'Upper bound (a `range` needs both bounds).',
    priceBasis: 'Nominal or constant dollars, when the source says; leave out otherwise.',
  },
);

const ChangeInput = valueInput('ChangeInput', ChangeSchema, 'A reported change in percent (decimal string).', {
  percent: 'Percent as a decimal string, e.g. "123" or "-4.5".',
  asReported: 'The words of the source, e.g. "a 123% increase".',
  qualifier: 'How exact; default `exact`.',
  basis: 'yoy, qoq or vs_prior_period.',
});

const QuantityInput = valueInput('QuantityInput', QuantitySchema, 'A non-money quantity.', {
  value: 'The number as a decimal string, e.g. "1000000".',
  unit: 'What is counted, e.g. units, chips, H100e.',
  asReported: 'The words of the source, e.g. "over a million H20 units".',
  qualifier: 'How exact, e.g. `more_than` for "over"; default `exact`.',
});

const PeriodInput = valueInput(
  'PeriodInput',
  PeriodSchema,
  'The source’s words and a normalised period; an inferred year needs `inference`.',
  {
    label: 'The words of the source, e.g. "the first half of this year".',
    type: 'The normalised period, e.g. `H1`.',
    year: 'The year, e.g. 2024.',
    basis: 'calendar (default) or fiscal.',
    yearInferred: 'True when the source does not state the year; default false.',
    inference: 'Why the year was inferred (required when yearInferred).',
  },
);

const SHAPE_INPUTS = { money: MoneyInput, change: ChangeInput, quantity: QuantityInput, period: PeriodInput } as const;

/** The input field of a fact field, by its codec's shape (a string shape is a String). */
export function factInputOf(t: InputFieldBuilder, shape: Shape, description: string) {
  return shape === 'string'
    ? t.string({ required: false, description })
    : t.field({ type: SHAPE_INPUTS[shape], required: false, description });
}
