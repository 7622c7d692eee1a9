import { currencyExponent } from './currencies.ts';
import { badInput } from './errors.ts';
import { exactMinor, exactOf } from './exact.ts';
import type { ChangeValue, MoneyValue } from './facts/codecs.ts';
import { aggregatedInterval, type Interval, pointInterval, quotientInterval, scaledInterval } from './interval.ts';
import { fromBasisPoints, fromMinorUnits, toMinorUnits } from './money.ts';

/** Arithmetic on the API's money and change values (src/domain/facts/codecs.ts reads them from a fact). */
export type { ChangeValue, MoneyValue } from './facts/codecs.ts';

export const amountOf = (m: MoneyValue) => fromMinorUnits(m.minorUnits, m.currency);

/** The exponent of a currency's minor unit (2 for a stray legacy code, as fromMinorUnits). */
export const exponentOf = (currency: string) => currencyExponent(currency) ?? 2;

export interface Derivation {
  qualifier?: string;
  priceBasis?: string | null;
  /** The values the result may stand for, from its inputs' intervals; default: exactly the amount. */
  interval?: Interval;
  /** What the result assumes that its sources do not state. */
  assumptions?: readonly string[];
}

/** An amount computed by this service (mode derived): no precision of its own, its uncertainty is its interval. */
export function derivedMoney(minor: bigint, currency: string, how: Derivation = {}): MoneyValue {
  return {
    minorUnits: minor.toString(),
    currency,
    asReported: null,
    qualifier: how.qualifier ?? 'exact',
    lowerMinor: null,
    upperMinor: null,
    priceBasis: how.priceBasis ?? null,
    precisionMinor: null,
    interval: how.interval ?? pointInterval(exactMinor(minor, exponentOf(currency))),
    assumptions: how.assumptions ?? [],
    derived: true,
    reportedConversion: null,
  };
}

/** A sum of stored amounts as the database returns it (research/metric-by-country, investments/in-place-totals). */
export interface SummedAmounts {
  totalMinor: string;
  /** Σ lower values, Σ upper values and Σ precisions (minor units), see aggregatedInterval. */
  lowMinor: string;
  highMinor: string;
  precisionMinor: string;
  openBelow: boolean;
  openAbove: boolean;
}

/** The derived Money of a sum the database computed, with its interval. */
export function summedMoney(sum: SummedAmounts, currency: string, how: Omit<Derivation, 'interval'>): MoneyValue {
  const e = exponentOf(currency);
  const interval = aggregatedInterval(
    exactMinor(sum.lowMinor, e),
    exactMinor(sum.highMinor, e),
    exactMinor(sum.precisionMinor, e),
    sum.openBelow,
    sum.openAbove,
  );
  return derivedMoney(BigInt(sum.totalMinor), currency, { ...how, interval });
}

/** The distinct assumptions of several derived inputs, in order. */
export const assumptionsOf = (values: readonly MoneyValue[]) => [...new Set(values.flatMap((v) => v.assumptions))];

export const percentOf = (c: ChangeValue) => fromBasisPoints(c.basisPoints);

export interface ConversionResult {
  money: MoneyValue;
  rate: string;
  /** The rates the figures allow: a rate back-calculated from rounded amounts is a range, not a number. */
  rateInterval: Interval;
  /** exact for a rate given by the caller (or the same currency), approx for one back-calculated from amounts. */
  rateQualifier: 'exact' | 'approx';
  rateSource: string;
}

const RATE_DECIMALS = 12;
const RATE_SCALE = 10n ** BigInt(RATE_DECIMALS);

/** Decimal string → integer scaled by 10^12, for exact rate arithmetic. */
function scaledRate(rate: string): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  if (fraction.length > RATE_DECIMALS) throw badInput(`rate ${rate} has more than ${RATE_DECIMALS} decimals`);
  return BigInt(whole + fraction.padEnd(RATE_DECIMALS, '0'));
}

const divRound = (n: bigint, d: bigint) => (n * 2n + d) / (2n * d);

/**
 * Converts money to another currency. The rate is the caller's (with its note), or else the
 * conversion the same source reported for this amount. The result is always marked derived, and its interval
 * follows from the amount's (a caller's rate is taken as exact; a back-calculated one is the range both rounded
 * figures allow: "50 billion yuan ($7 billion)" gives 6.5/50.5 … 7.5/49.5).
 */
export function convert(money: MoneyValue, to: string, rate: string | null, rateNote: string | null): ConversionResult {
  const one = pointInterval(exactOf('1'));
  if (money.currency === to) {
    return { money, rate: '1', rateInterval: one, rateQualifier: 'exact', rateSource: 'same currency' };
  }
  toMinorUnits('0', to);
  if (rate !== null) {
    const scaled = scaledRate(rate);
    if (scaled <= 0n) throw badInput('rate must be positive');
    const factor = { n: scaled, scale: RATE_DECIMALS };
    return {
      money: derivedMoney(divRound(BigInt(money.minorUnits) * scaled, RATE_SCALE), to, {
        // A converted rounded amount is not rounded to a unit of the new currency: it is approximate.
        qualifier: money.qualifier === 'rounded' ? 'approx' : money.qualifier,
        interval: scaledInterval(money.interval, factor, exponentOf(to)),
        assumptions: money.assumptions,
      }),
      rate,
      rateInterval: pointInterval(factor),
      rateQualifier: 'exact',
      rateSource: rateNote ?? 'rate given by the caller',
    };
  }
  const own = money.reportedConversion;
  if (own && own.currency === to) {
    const implied = divRound(BigInt(own.minorUnits) * RATE_SCALE, BigInt(money.minorUnits));
    return {
      money: { ...own, derived: true },
      rate: trimRate(implied),
      rateInterval: quotientInterval(own.interval, money.interval, RATE_DECIMALS) ?? { lower: null, upper: null },
      rateQualifier: 'approx',
      rateSource: `the source's own conversion ("${money.asReported}" = "${own.asReported}")`,
    };
  }
  throw badInput(
    `No ${money.currency}→${to} rate for this amount: pass \`rate\` (and \`rateNote\` saying where it is from)`,
    {
      code: 'NO_RATE',
    },
  );
}

function trimRate(scaled: bigint): string {
  const digits = scaled.toString().padStart(13, '0');
  const whole = digits.slice(0, -12);
  const fraction = digits.slice(-12).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
