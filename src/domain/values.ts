import { badInput } from './errors.ts';
import { fromBasisPoints, fromMinorUnits, toMinorUnits } from './money.ts';
import type { AssertionRow } from './rows.ts';

/** Money, changes and periods as the API returns them, read from an assertion's stored properties. */
export interface MoneyValue {
  minorUnits: string;
  currency: string;
  asReported: string | null;
  qualifier: string;
  lowerMinor: string | null;
  upperMinor: string | null;
  /** Nominal or constant dollars (PRICE_BASES in format.ts); null when the source does not say. */
  priceBasis: string | null;
  /** True for values computed by this service rather than reported by a source. */
  derived: boolean;
  /** The conversion the source itself reported for this amount, if any. */
  reportedConversion: MoneyValue | null;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function moneyOf(row: AssertionRow, prefix: 'amount' | 'conversion' | 'price'): MoneyValue | null {
  const minor = str(row[`${prefix}Minor`]);
  const currency = str(row[`${prefix}Currency`]);
  if (minor === null || currency === null) return null;
  return {
    minorUnits: minor,
    currency,
    asReported: str(row[`${prefix}AsReported`]),
    qualifier: str(row[`${prefix}Qualifier`]) ?? 'exact',
    lowerMinor: str(row[`${prefix}LowerMinor`]),
    upperMinor: str(row[`${prefix}UpperMinor`]),
    priceBasis: str(row[`${prefix}PriceBasis`]),
    derived: false,
    reportedConversion: prefix === 'amount' ? moneyOf(row, 'conversion') : null,
  };
}

export const amountOf = (m: MoneyValue) => fromMinorUnits(m.minorUnits, m.currency);

export function derivedMoney(
  minor: bigint,
  currency: string,
  qualifier = 'exact',
  priceBasis: string | null = null,
): MoneyValue {
  return {
    minorUnits: minor.toString(),
    currency,
    asReported: null,
    qualifier,
    lowerMinor: null,
    upperMinor: null,
    priceBasis,
    derived: true,
    reportedConversion: null,
  };
}

export interface ChangeValue {
  basisPoints: number;
  asReported: string | null;
  qualifier: string;
  basis: string;
}

export function changeOf(row: AssertionRow): ChangeValue | null {
  if (row.changeBp === null || row.changeBp === undefined) return null;
  return {
    basisPoints: Number(row.changeBp),
    asReported: str(row.changeAsReported),
    qualifier: str(row.changeQualifier) ?? 'exact',
    basis: str(row.changeBasis) ?? 'yoy',
  };
}

export const percentOf = (c: ChangeValue) => fromBasisPoints(c.basisPoints);

export interface ConversionResult {
  money: MoneyValue;
  rate: string;
  rateSource: string;
}

const RATE_SCALE = 10n ** 12n;

/** Decimal string → integer scaled by 10^12, for exact rate arithmetic. */
function scaledRate(rate: string): bigint {
  const [whole = '0', fraction = ''] = rate.split('.');
  if (fraction.length > 12) throw badInput(`rate ${rate} has more than 12 decimals`);
  return BigInt(whole + fraction.padEnd(12, '0'));
}

const divRound = (n: bigint, d: bigint) => (n * 2n + d) / (2n * d);

/**
 * Converts money to another currency. The rate is the caller's (with its note), or else the
 * conversion the same source reported for this amount. The result is always marked derived.
 */
export function convert(money: MoneyValue, to: string, rate: string | null, rateNote: string | null): ConversionResult {
  if (money.currency === to) return { money, rate: '1', rateSource: 'same currency' };
  toMinorUnits('0', to);
  if (rate !== null) {
    const scaled = scaledRate(rate);
    if (scaled <= 0n) throw badInput('rate must be positive');
    return {
      money: derivedMoney(divRound(BigInt(money.minorUnits) * scaled, RATE_SCALE), to, money.qualifier),
      rate,
      rateSource: rateNote ?? 'rate given by the caller',
    };
  }
  const own = money.reportedConversion;
  if (own && own.currency === to) {
    const implied = divRound(BigInt(own.minorUnits) * RATE_SCALE, BigInt(money.minorUnits));
    return {
      money: { ...own, derived: true },
      rate: trimRate(implied),
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
