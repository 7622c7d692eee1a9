import { z } from 'zod';
import { exactOf } from '../../domain/exact.ts';
import {
  ChangeSchema,
  type ChangeValue,
  type Interval,
  MoneySchema,
  type MoneyValue,
  PeriodSchema,
  type PeriodValue,
  QuantitySchema,
  type QuantityValue,
  type Shape,
} from '../../domain/facts/index.ts';
import { plusMinus } from '../../domain/interval.ts';
import { fromMinorUnits } from '../../domain/money.ts';
import { Decimal, PERIOD_TYPES, PRICE_BASES, Precision, QUALIFIERS } from '../../domain/scalars.ts';
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
  description:
    'How exact a number is: exact (stated to the unit), rounded (to `precision`), approx, more_than ("exceeding"), ' +
    'less_than, at_least, range.',
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

/** An interval with the value it surrounds (for `plusMinus`). */
interface IntervalAround {
  interval: Interval;
  value: string;
}

const IntervalRef = builder.objectRef<IntervalAround>('Interval').implement({
  description:
    'The values a number may stand for, given the precision its source states it to, in the number’s own unit ' +
    '(major currency units, percent, the quantity’s unit): "23 billion yuan" is 22500000000–23500000000. A bound is ' +
    'null where the interval is open ("exceeding $50 billion" has no upper bound). Derived numbers combine their ' +
    'inputs’ intervals (interval arithmetic, rounded outward).',
  fields: (t) => ({
    lower: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'The smallest value it may stand for; null when open below (e.g. "under $1 billion").',
      resolve: (i) => i.interval.lower,
    }),
    upper: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'The largest value it may stand for; null when open above (e.g. "over a million").',
      resolve: (i) => i.interval.upper,
    }),
    plusMinus: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        'Half the width when the interval is centred on the value ("50.2 billion ± 1.05 billion" → "1050000000"); ' +
        'null otherwise.',
      resolve: (i) => plusMinus(exactOf(i.value), i.interval),
    }),
  }),
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
    rateInterval: t.field({
      type: IntervalRef,
      description:
        'The rates the figures allow: a caller’s rate exactly; a rate back-calculated from the source’s own rounded ' +
        'figures as a range ("50 billion yuan ($7 billion)": 6.5/50.5 … 7.5/49.5 = 0.128712871287 … 0.151515151516).',
      resolve: (c) => ({ interval: c.rateInterval, value: c.rate }),
    }),
    rateQualifier: t.field({
      type: QualifierEnum,
      description: '`exact` for a rate given by the caller, `approx` for one back-calculated from reported figures.',
      resolve: (c) => c.rateQualifier,
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
      description:
        'How exact the amount is: `exact` (stated to the unit), `rounded` ("23 billion yuan"), or as the source ' +
        'hedges it (`more_than` for "exceeding" …); for a derived amount `approx` unless every input is exact.',
      resolve: (m) => m.qualifier as never,
    }),
    precision: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        'The unit of the last digit the source states, in major units: "1000000000" for "23 billion yuan", ' +
        '"100000000" for "4.2 billion yuan", "1" for an amount stated to the unit; the minor unit ("0.01") when ' +
        'the fact does not say. Null for a derived amount (its uncertainty is `interval`).',
      resolve: (m) => (m.precisionMinor === null ? null : fromMinorUnits(m.precisionMinor, m.currency)),
    }),
    interval: t.field({
      type: IntervalRef,
      description:
        'The amounts it may stand for: ± half the precision ("23 billion yuan": 22.5–23.5 billion), a range’s ' +
        'bounds widened so, open above for `more_than`; for a derived amount, its inputs’ intervals combined.',
      resolve: (m) => ({ interval: m.interval, value: amountOf(m) }),
    }),
    assumptions: t.stringList({
      description:
        'What a derived amount assumes that its sources do not state, e.g. a year-on-year basis for "a 176% rise"; ' +
        'empty when it assumes nothing (and for reported amounts).',
      resolve: (m) => [...m.assumptions],
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
      description:
        'What it compares against: yoy (year on year), qoq, vs_prior_period. Whether the source says so: `basisStated`.',
    }),
    basisStated: t.exposeBoolean('basisStated', {
      description:
        'True when the source states the basis ("a 123% increase from the previous year", "year-on-year"); false ' +
        'when it is assumed ("a 176% rise" says no basis), and `basisReason` says why.',
    }),
    basisReason: t.exposeString('basisReason', {
      nullable: true,
      description: 'Why the basis is assumed; null when the source states it.',
    }),
    precision: t.field({
      type: 'Decimal',
      description:
        'The unit of the last stated digit in percent: "1" for "a 123% increase"; "0.01" (a basis point) when the ' +
        'fact does not say.',
      resolve: (c) => fromMinorUnits(BigInt(c.precisionBp), 'USD'),
    }),
    interval: t.field({
      type: IntervalRef,
      description:
        'The percentages it may stand for: "a 123% increase" is 122.5–123.5; "more than double" is 100 and up (open).',
      resolve: (c) => ({ interval: c.interval, value: percentOf(c) }),
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
    precision: t.field({
      type: 'Decimal',
      description:
        'The unit of the last stated digit: "1000000" for "over a million"; when the fact does not say, that of the ' +
        'value’s last written digit.',
      resolve: (q) => q.precision,
    }),
    interval: t.field({
      type: IntervalRef,
      description: 'The values it may stand for: "over a million" is 1000000 and up (open above).',
      resolve: (q) => ({ interval: q.interval, value: q.value }),
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
  if (inner === Decimal || inner === Precision) return t.field({ type: 'Decimal', required, description });
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
    qualifier:
      'How exact, e.g. `rounded` for "23 billion yuan", `more_than` for "exceeding"; default `exact` (only for ' +
      'amounts stated to the unit).',
    precision:
      'The unit of the last stated digit in major units, a power of ten: "1000000000" for "23 billion yuan", "1" ' +
      'for an amount stated to the unit; default the minor unit. `rounded` needs it.',
    lower: 'Lower bound (a `range` needs both bounds).',
    upper: 'Upper bound (a `range` needs both bounds).',
    priceBasis: 'Nominal or constant dollars, when the source says; leave out otherwise.',
  },
);

const ChangeInput = valueInput('ChangeInput', ChangeSchema, 'A reported change in percent (decimal string).', {
  percent: 'Percent as a decimal string, e.g. "123" or "-4.5".',
  asReported: 'The words of the source, e.g. "a 123% increase".',
  qualifier: 'How exact; default `exact`.',
  precision: 'The unit of the last stated digit in percent, a power of ten ("1" for "123%"); default 0.01.',
  basis: 'yoy (default), qoq or vs_prior_period.',
  basisStated:
    'true when the source states the basis ("year-on-year"); false when it is assumed (then `basisReason` is ' +
    'required). Left out, the basis counts as assumed, "not recorded".',
  basisReason: 'Why the basis is assumed (only with basisStated false).',
});

const QuantityInput = valueInput('QuantityInput', QuantitySchema, 'A non-money quantity.', {
  value: 'The number as a decimal string, e.g. "1000000".',
  unit: 'What is counted, e.g. units, chips, H100e.',
  asReported: 'The words of the source, e.g. "over a million H20 units".',
  qualifier: 'How exact, e.g. `more_than` for "over"; default `exact`.',
  precision:
    'The unit of the last stated digit, a power of ten ("1000000" for "a million"); default that of the ' +
    'value’s last written digit.',
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
