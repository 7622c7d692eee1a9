import { badInput } from './errors.ts';
import type { ChangeValue, MoneyValue } from './facts/codecs.ts';
import { fromBasisPoints, fromMinorUnits, toMinorUnits } from './money.ts';

/** Arithmetic on the API's money and change values (src/domain/facts/codecs.ts reads them from a fact). */
export type { ChangeValue, MoneyValue } from './facts/codecs.ts';

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
