import { z } from 'zod';
import { currencyExponent } from '../currencies.ts';
import { calendarDateProblem } from '../dates.ts';
import { compareDecimals } from '../decimal.ts';
import { compareExact, type Exact, exactMinor, exactOf, exactText, isMultipleOf } from '../exact.ts';
import { type Interval, reportedInterval } from '../interval.ts';
import { fromBasisPoints, fromMinorUnits, toBasisPoints, toMinorUnits } from '../money.ts';
import {
  CHANGE_BASES,
  Currency,
  Decimal,
  Label,
  PERIOD_TYPES,
  PRICE_BASES,
  Precision,
  Prose,
  precisionProblem,
  QUALIFIERS,
} from '../scalars.ts';

/**
 * One codec per value shape a fact carries (money, change, quantity, period, a line of text): its import-format
 * schema, the graph properties it is stored in (named here and nowhere else), and the three ways back out —
 * stored → import line (the export), stored → API value (GraphQL), and the properties the API value reads (the
 * lookahead). src/domain/facts/fields.ts says which fact field uses which codec.
 */

/** A fact's properties as stored (an AssertionRow, or the props of an export row). */
export type Stored = Readonly<Record<string, unknown>>;
/** A property value as written (integers as bigint, so Neo4j stores them as integers). */
export type StoredValue = string | boolean | bigint | null;

/** The GraphQL shape of a codec's API value: src/schema/types/values.ts maps each to an output and an input type. */
export type Shape = 'money' | 'change' | 'quantity' | 'period' | 'string';

export interface Codec<S extends z.ZodType, Api> {
  shape: Shape;
  /** What an import line (and a mutation) may give. */
  input: S;
  /** The graph properties the value is stored in. */
  props: readonly string[];
  /** Input → stored properties: every property, null when the value is absent (so a re-import converges). */
  store(value: z.output<S> | undefined): Record<string, StoredValue>;
  /** Stored → the import line's value (undefined when absent): what the export writes. */
  line(stored: Stored): z.output<S> | undefined;
  /** Stored → the value the API answers (null when absent). */
  api(stored: Stored): Api | null;
  /** The properties `api` reads (a lookahead reads only these). */
  reads: readonly string[];
  /** The property holding the source's own words for the value ("23 billion yuan"), which search indexes. */
  asReported?: string;
}

const missing = (v: unknown): v is null | undefined => v === null || v === undefined;
const text = (v: unknown) => (missing(v) ? null : String(v));
/** Drops undefined members, so the export writes no `"lower": undefined`. */
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
const nullsFor = (props: readonly string[]) => Object.fromEntries(props.map((p) => [p, null]));

export type Qualifier = (typeof QUALIFIERS)[number];
export type { Interval } from '../interval.ts';

const isDecimal = (v: string | undefined): v is string => v !== undefined && Decimal.safeParse(v).success;
const ONE: Exact = { n: 1n, scale: 0 };

/**
 * The precision rules money, changes and quantities share (docs/data-model.md "Precision, intervals and basis"):
 * every stated number is a whole multiple of its precision, `exact` is only for numbers stated to the unit
 * (precision 1 or finer), and `rounded` needs a precision above 1. `precision` is the effective one (given, or the
 * shape's default); `given` says whether the line gave it.
 */
function checkPrecision(
  ctx: z.RefinementCtx,
  v: { qualifier: string; asReported: string },
  precision: string | undefined,
  given: boolean,
  numbers: readonly [string, string | undefined][],
) {
  if (precision === undefined || precisionProblem(precision)) return;
  const unit = exactOf(precision);
  // A default precision is the storage's own resolution, whose rules (minor units, basis points) say more.
  for (const [path, value] of given ? numbers : []) {
    if (isDecimal(value) && !isMultipleOf(exactOf(value), unit)) {
      ctx.addIssue({
        code: 'custom',
        path: [path],
        message: `${path} ${value} is not a whole multiple of its precision ${precision} (the unit of the last stated digit)`,
      });
    }
  }
  const coarse = compareExact(unit, ONE) > 0;
  if (v.qualifier === 'exact' && coarse) {
    ctx.addIssue({
      code: 'custom',
      path: ['qualifier'],
      message: `qualifier exact is only for numbers stated to the unit (precision 1 or finer); "${v.asReported}" is stated to ${precision}: use rounded`,
    });
  }
  if (v.qualifier === 'rounded' && (!given || !coarse)) {
    ctx.addIssue({
      code: 'custom',
      path: ['precision'],
      message: given
        ? `qualifier rounded needs a precision above 1 (got ${precision}); a number stated to the unit is exact`
        : 'qualifier rounded needs precision, the unit of the last stated digit (e.g. "1000000000" for "23 billion yuan")',
    });
  }
}

/** The unit of a decimal string's last written digit: "1000000" → "1", "12.5" → "0.1". */
const lastDigitUnit = (value: string) => {
  const decimals = value.split('.')[1]?.length ?? 0;
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
};

// ——— Money ———

export const MoneySchema = z
  .object({
    /** Exact amount in major units as a decimal string; for ranges, the lower bound. */
    amount: Decimal,
    currency: Currency,
    /** The words of the source, e.g. "23 billion yuan". */
    asReported: Label(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    /**
     * The unit of the last stated digit in major units ("1000000000" for "23 billion yuan"); left out, the amount
     * counts as stated to the currency's minor unit.
     */
    precision: Precision.optional(),
    lower: Decimal.optional(),
    upper: Decimal.optional(),
    /** Nominal or constant dollars (PRICE_BASES); sums never mix two bases. */
    priceBasis: z.enum(PRICE_BASES).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const exponent = currencyExponent(m.currency);
    if (exponent !== undefined) {
      const minorUnit = exactText({ n: 1n, scale: exponent });
      if (
        m.precision !== undefined &&
        !precisionProblem(m.precision) &&
        !isMultipleOf(exactOf(m.precision), exactOf(minorUnit))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['precision'],
          message: `precision ${m.precision} is finer than ${m.currency}'s minor unit (${minorUnit})`,
        });
      } else {
        checkPrecision(ctx, m, m.precision ?? minorUnit, m.precision !== undefined, [
          ['amount', m.amount],
          ['lower', m.lower],
          ['upper', m.upper],
        ]);
      }
    }
    // Bounds and amounts are compared exactly (BigInt), never as floats.
    const amountIsDecimal = Decimal.safeParse(m.amount).success;
    const ok = (v: string | undefined): v is string => v !== undefined && Decimal.safeParse(v).success;
    if (m.qualifier === 'range' && (m.lower === undefined || m.upper === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [m.lower === undefined ? 'lower' : 'upper'],
        message: 'a range needs lower and upper',
      });
    }
    if (ok(m.lower) && ok(m.upper) && compareDecimals(m.lower, m.upper) > 0) {
      ctx.addIssue({ code: 'custom', path: ['lower'], message: `lower ${m.lower} is above upper ${m.upper}` });
    }
    if (amountIsDecimal && ok(m.lower) && compareDecimals(m.amount, m.lower) < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `amount ${m.amount} is below its own lower bound ${m.lower}`,
      });
    }
    if (amountIsDecimal && ok(m.upper) && compareDecimals(m.amount, m.upper) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `amount ${m.amount} is above its own upper bound ${m.upper}`,
      });
    }
  });
export type MoneyInput = z.output<typeof MoneySchema>;

/** Money as the API returns it. */
export interface MoneyValue {
  minorUnits: string;
  currency: string;
  asReported: string | null;
  qualifier: string;
  lowerMinor: string | null;
  upperMinor: string | null;
  /** Nominal or constant dollars (PRICE_BASES); null when the source does not say. */
  priceBasis: string | null;
  /** The unit of the last stated digit in minor units (default: 1, the minor unit); null for derived amounts. */
  precisionMinor: string | null;
  /** The values the amount may stand for, in major units (src/domain/interval.ts). */
  interval: Interval;
  /** What a derived amount assumes that its sources do not state (an assumed year-on-year basis …). */
  assumptions: readonly string[];
  /** True for values computed by this service rather than reported by a source. */
  derived: boolean;
  /** The conversion the source itself reported for this amount, if any. */
  reportedConversion: MoneyValue | null;
}

/**
 * Money stored as integer minor units under one prefix (`amountMinor`, `amountCurrency` …). `conversion` is the
 * codec of the source's own conversion of this amount, which the API value carries along.
 */
export function moneyCodec(
  prefix: string,
  conversion?: Codec<typeof MoneySchema, MoneyValue>,
): Codec<typeof MoneySchema, MoneyValue> {
  const p = {
    minor: `${prefix}Minor`,
    currency: `${prefix}Currency`,
    asReported: `${prefix}AsReported`,
    qualifier: `${prefix}Qualifier`,
    lower: `${prefix}LowerMinor`,
    upper: `${prefix}UpperMinor`,
    priceBasis: `${prefix}PriceBasis`,
    precision: `${prefix}PrecisionMinor`,
  };
  const props = Object.values(p);
  return {
    shape: 'money',
    input: MoneySchema,
    props,
    store(m) {
      if (!m) return nullsFor(props);
      const bound = (v: string | undefined) => (v === undefined ? null : toMinorUnits(v, m.currency));
      return {
        [p.minor]: toMinorUnits(m.amount, m.currency),
        [p.currency]: m.currency,
        [p.asReported]: m.asReported,
        [p.qualifier]: m.qualifier,
        [p.lower]: bound(m.lower),
        [p.upper]: bound(m.upper),
        [p.priceBasis]: m.priceBasis ?? null,
        [p.precision]: m.precision === undefined ? null : toMinorUnits(m.precision, m.currency),
      };
    },
    line(s) {
      if (missing(s[p.minor])) return undefined;
      const currency = String(s[p.currency]);
      const bound = (v: unknown) => (missing(v) ? undefined : fromMinorUnits(String(v), currency));
      return defined({
        amount: fromMinorUnits(String(s[p.minor]), currency),
        currency,
        asReported: String(s[p.asReported]),
        qualifier: (s[p.qualifier] ?? 'exact') as Qualifier,
        lower: bound(s[p.lower]),
        upper: bound(s[p.upper]),
        priceBasis: missing(s[p.priceBasis]) ? undefined : (String(s[p.priceBasis]) as MoneyInput['priceBasis']),
        precision: missing(s[p.precision]) ? undefined : fromMinorUnits(String(s[p.precision]), currency),
      });
    },
    api(s) {
      const minor = text(s[p.minor]);
      const currency = text(s[p.currency]);
      if (minor === null || currency === null) return null;
      const exponent = currencyExponent(currency) ?? 2;
      const precisionMinor = text(s[p.precision]) ?? '1';
      const qualifier = text(s[p.qualifier]) ?? 'exact';
      const upper = text(s[p.upper]);
      return {
        minorUnits: minor,
        currency,
        asReported: text(s[p.asReported]),
        qualifier,
        lowerMinor: text(s[p.lower]),
        upperMinor: upper,
        priceBasis: text(s[p.priceBasis]),
        precisionMinor,
        interval: reportedInterval(
          exactMinor(qualifier === 'range' ? (text(s[p.lower]) ?? minor) : minor, exponent),
          exactMinor(precisionMinor, exponent),
          qualifier,
          upper === null ? null : exactMinor(upper, exponent),
        ),
        assumptions: [],
        derived: false,
        reportedConversion: conversion ? conversion.api(s) : null,
      };
    },
    reads: [...props, ...(conversion?.reads ?? [])],
    asReported: p.asReported,
  };
}

// ——— Change ———

/** What the API says of a change whose basis was written without saying whether the source states it. */
export const UNRECORDED_BASIS_REASON =
  'Not recorded: the fact was written without saying whether the source states this basis, so it counts as assumed.';

/** A change such as "+123%": the percentage as a decimal string ("123" means 123 %). */
export const ChangeSchema = z
  .object({
    percent: Decimal,
    asReported: Label(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    /** The unit of the last stated digit in percent ("1" for "a 123% increase"); left out, 0.01 (a basis point). */
    precision: Precision.optional(),
    /** What the change compares against, e.g. "yoy" (year on year). */
    basis: z.enum(CHANGE_BASES).default('yoy'),
    /** True when the source states the basis ("year-on-year", "from the previous year"); false when assumed. */
    basisStated: z.boolean().optional(),
    /** Why the basis is assumed (required when basisStated is false). */
    basisReason: Prose(1000, 1).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (
      c.precision !== undefined &&
      !precisionProblem(c.precision) &&
      !isMultipleOf(exactOf(c.precision), exactOf('0.01'))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['precision'],
        message: `precision ${c.precision} is finer than a basis point (0.01 %), the finest a change is stored to`,
      });
    } else {
      checkPrecision(ctx, c, c.precision ?? '0.01', c.precision !== undefined, [['percent', c.percent]]);
    }
    if (c.basisStated === false && c.basisReason === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['basisReason'],
        message: `basis ${c.basis} is assumed (basisStated false): say why in basisReason, e.g. "the article states no basis; year-on-year is assumed as for the other half-year figures"`,
      });
    }
    if (c.basisStated !== false && c.basisReason !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['basisReason'],
        message: 'basisReason is only for an assumed basis: set basisStated to false, or leave basisReason out',
      });
    }
  });

export interface ChangeValue {
  basisPoints: number;
  asReported: string | null;
  qualifier: string;
  basis: string;
  /** The unit of the last stated digit in basis points (default 1). */
  precisionBp: number;
  /** The values the change may stand for, in percent. */
  interval: Interval;
  basisStated: boolean;
  /** Why the basis is assumed; null when the source states it. */
  basisReason: string | null;
}

const CHANGE = {
  bp: 'changeBp',
  asReported: 'changeAsReported',
  qualifier: 'changeQualifier',
  basis: 'changeBasis',
  precision: 'changePrecisionBp',
  basisStated: 'changeBasisStated',
  basisReason: 'changeBasisReason',
};

type ChangeInput = z.output<typeof ChangeSchema>;

/** A change stored exactly in basis points (`changeBp`), with its precision and basis. */
export const changeCodec: Codec<typeof ChangeSchema, ChangeValue> = {
  shape: 'change',
  input: ChangeSchema,
  props: Object.values(CHANGE),
  store: (c) => ({
    [CHANGE.bp]: c ? toBasisPoints(c.percent) : null,
    [CHANGE.asReported]: c?.asReported ?? null,
    [CHANGE.qualifier]: c?.qualifier ?? null,
    [CHANGE.basis]: c?.basis ?? null,
    [CHANGE.precision]: c?.precision === undefined ? null : toBasisPoints(c.precision),
    [CHANGE.basisStated]: c?.basisStated ?? null,
    [CHANGE.basisReason]: c?.basisReason ?? null,
  }),
  line: (s) =>
    missing(s[CHANGE.bp])
      ? undefined
      : defined({
          percent: fromBasisPoints(String(s[CHANGE.bp])),
          asReported: String(s[CHANGE.asReported]),
          qualifier: (s[CHANGE.qualifier] ?? 'exact') as Qualifier,
          precision: missing(s[CHANGE.precision]) ? undefined : fromBasisPoints(String(s[CHANGE.precision])),
          basis: (s[CHANGE.basis] ?? 'yoy') as ChangeInput['basis'],
          basisStated: missing(s[CHANGE.basisStated]) ? undefined : Boolean(s[CHANGE.basisStated]),
          basisReason: missing(s[CHANGE.basisReason]) ? undefined : String(s[CHANGE.basisReason]),
        }),
  api: (s) => {
    if (missing(s[CHANGE.bp])) return null;
    const precisionBp = missing(s[CHANGE.precision]) ? 1 : Number(s[CHANGE.precision]);
    const qualifier = text(s[CHANGE.qualifier]) ?? 'exact';
    const stated = s[CHANGE.basisStated] === true;
    return {
      basisPoints: Number(s[CHANGE.bp]),
      asReported: text(s[CHANGE.asReported]),
      qualifier,
      basis: text(s[CHANGE.basis]) ?? 'yoy',
      precisionBp,
      interval: reportedInterval(
        exactMinor(String(s[CHANGE.bp]), 2),
        exactMinor(BigInt(precisionBp), 2),
        qualifier,
        null,
      ),
      basisStated: stated,
      basisReason: stated ? null : (text(s[CHANGE.basisReason]) ?? UNRECORDED_BASIS_REASON),
    };
  },
  reads: Object.values(CHANGE),
  asReported: CHANGE.asReported,
};

// ——— Quantity ———

/** Non-money quantity, e.g. units shipped. */
export const QuantitySchema = z
  .object({
    value: Decimal,
    unit: Label(40),
    asReported: Label(200),
    qualifier: z.enum(QUALIFIERS).default('exact'),
    /** The unit of the last stated digit ("1000000" for "over a million"); left out, that of the value's last digit. */
    precision: Precision.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const precision = q.precision ?? (isDecimal(q.value) ? lastDigitUnit(q.value) : undefined);
    checkPrecision(ctx, q, precision, q.precision !== undefined, [['value', q.value]]);
  });

export interface QuantityValue {
  value: string;
  unit: string;
  asReported: string | null;
  qualifier: string;
  /** The unit of the last stated digit (default: that of the value's last written digit). */
  precision: string;
  /** The values the quantity may stand for. */
  interval: Interval;
}

const QUANTITY = {
  value: 'quantity',
  unit: 'quantityUnit',
  asReported: 'quantityAsReported',
  qualifier: 'quantityQualifier',
  precision: 'quantityPrecision',
};

/** A quantity stored as its decimal string (`quantity`) with its unit and precision. */
export const quantityCodec: Codec<typeof QuantitySchema, QuantityValue> = {
  shape: 'quantity',
  input: QuantitySchema,
  props: Object.values(QUANTITY),
  store: (q) => ({
    [QUANTITY.value]: q?.value ?? null,
    [QUANTITY.unit]: q?.unit ?? null,
    [QUANTITY.asReported]: q?.asReported ?? null,
    [QUANTITY.qualifier]: q?.qualifier ?? null,
    [QUANTITY.precision]: q?.precision ?? null,
  }),
  line: (s) =>
    missing(s[QUANTITY.value])
      ? undefined
      : defined({
          value: String(s[QUANTITY.value]),
          unit: String(s[QUANTITY.unit]),
          asReported: String(s[QUANTITY.asReported]),
          qualifier: (s[QUANTITY.qualifier] ?? 'exact') as Qualifier,
          precision: missing(s[QUANTITY.precision]) ? undefined : String(s[QUANTITY.precision]),
        }),
  api: (s) => {
    if (missing(s[QUANTITY.value])) return null;
    const value = String(s[QUANTITY.value]);
    const qualifier = String(s[QUANTITY.qualifier] ?? 'exact');
    const precision = text(s[QUANTITY.precision]) ?? lastDigitUnit(value);
    return {
      value,
      unit: String(s[QUANTITY.unit] ?? ''),
      asReported: text(s[QUANTITY.asReported]),
      qualifier,
      precision,
      interval: reportedInterval(exactOf(value), exactOf(precision), qualifier, null),
    };
  },
  reads: Object.values(QUANTITY),
  asReported: QUANTITY.asReported,
};

// ——— Period ———

export const PeriodSchema = z
  .object({
    /** The words of the source, e.g. "the first half of this year". */
    label: Label(200),
    type: z.enum(PERIOD_TYPES),
    year: z.number().int().min(1900).max(2100).optional(),
    basis: z.enum(['calendar', 'fiscal']).default('calendar'),
    /** True when the year is not stated by the source but inferred; `inference` says why. */
    yearInferred: z.boolean().default(false),
    inference: Prose(1000).optional(),
  })
  .strict()
  .refine((p) => !p.yearInferred || (p.inference?.length ?? 0) > 0, {
    message: 'an inferred year must say why (inference)',
  })
  .superRefine((p, ctx) => {
    // A label written as a date ("2023-03-01", as the Epoch import writes DAY periods) must be a real one.
    if (!/^\d{4}-\d{2}(-\d{2})?$/.test(p.label)) return;
    const problem = calendarDateProblem(p.label);
    if (problem) ctx.addIssue({ code: 'custom', path: ['label'], message: problem });
    else if (p.year !== undefined && Number(p.label.slice(0, 4)) !== p.year) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: `year ${p.year} differs from the date ${p.label}` });
    }
  });
type PeriodInput = z.output<typeof PeriodSchema>;

export interface PeriodValue {
  label: string;
  type: string;
  year: number | null;
  basis: string;
  yearInferred: boolean;
  inference: string | null;
}

const PERIOD = {
  label: 'periodLabel',
  type: 'periodType',
  year: 'periodYear',
  basis: 'periodBasis',
  yearInferred: 'periodYearInferred',
  inference: 'periodInference',
};

/** A period stored flat (`periodType`, `periodYear` … the research views index metric and periodYear). */
export const periodCodec: Codec<typeof PeriodSchema, PeriodValue> = {
  shape: 'period',
  input: PeriodSchema,
  props: Object.values(PERIOD),
  store: (p) => ({
    [PERIOD.label]: p?.label ?? null,
    [PERIOD.type]: p?.type ?? null,
    [PERIOD.year]: p?.year === undefined ? null : BigInt(p.year),
    [PERIOD.basis]: p?.basis ?? null,
    [PERIOD.yearInferred]: p?.yearInferred ?? null,
    [PERIOD.inference]: p?.inference ?? null,
  }),
  line: (s) =>
    missing(s[PERIOD.type])
      ? undefined
      : defined({
          label: String(s[PERIOD.label]),
          type: s[PERIOD.type] as PeriodInput['type'],
          year: missing(s[PERIOD.year]) ? undefined : Number(s[PERIOD.year]),
          basis: (s[PERIOD.basis] ?? 'calendar') as PeriodInput['basis'],
          yearInferred: Boolean(s[PERIOD.yearInferred]),
          inference: missing(s[PERIOD.inference]) ? undefined : String(s[PERIOD.inference]),
        }),
  api: (s) =>
    s[PERIOD.type]
      ? {
          label: String(s[PERIOD.label] ?? ''),
          type: String(s[PERIOD.type]),
          year: missing(s[PERIOD.year]) ? null : Number(s[PERIOD.year]),
          basis: String(s[PERIOD.basis] ?? 'calendar'),
          yearInferred: Boolean(s[PERIOD.yearInferred]),
          inference: text(s[PERIOD.inference]),
        }
      : null,
  reads: Object.values(PERIOD),
};

// ——— One line of text ———

/** A string stored under its own name. */
export function stringCodec<S extends z.ZodType<string>>(prop: string, input: S): Codec<S, string> {
  return {
    shape: 'string',
    input,
    props: [prop],
    store: (v) => ({ [prop]: v ?? null }),
    line: (s) => (missing(s[prop]) ? undefined : (String(s[prop]) as z.output<S>)),
    api: (s) => text(s[prop]),
    reads: [prop],
  };
}
