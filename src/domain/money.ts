import { currencyExponent, unknownCurrencyMessage } from './currencies.ts';
import { badInput } from './errors.ts';

/** Neo4j integers are signed 64-bit: larger amounts would wrap silently, so they are refused. */
const MAX_MINOR_UNITS = 2n ** 63n - 1n;

/** "23000000000" CNY → 2300000000000n fen. Rejects more decimals than the currency has. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw badInput(`currency: ${unknownCurrencyMessage(currency)}`, { currency });
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  if (fraction.replace(/0+$/, '').length > exponent) {
    throw badInput(`${amount} ${currency} has more decimals than ${currency} allows (${exponent})`, { amount });
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0').slice(0, exponent));
  if (minor > MAX_MINOR_UNITS) {
    throw badInput(`${amount} ${currency} is too large to store exactly (at most ${MAX_MINOR_UNITS} minor units)`, {
      amount,
    });
  }
  return negative ? -minor : minor;
}

/** 2300000000000n fen (CNY) → "23000000000.00" → trimmed "23000000000". */
export function fromMinorUnits(minor: bigint | string, currency: string): string {
  // Stored amounts are only ever in table currencies; 2 keeps a stray legacy value readable.
  const exponent = currencyExponent(currency) ?? 2;
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "123" → 12300 basis points; "6.5" → 650. Percentages finer than 0.01 % are rejected. */
export function toBasisPoints(percent: string): bigint {
  const [whole = '0', fraction = ''] = percent.replace('-', '').split('.');
  if (fraction.replace(/0+$/, '').length > 2) throw badInput(`Percentage ${percent} is finer than 0.01 %`);
  const bp = BigInt(whole + fraction.padEnd(2, '0').slice(0, 2));
  return percent.startsWith('-') ? -bp : bp;
}

export function fromBasisPoints(bp: bigint | number | string): string {
  return fromMinorUnits(BigInt(bp), 'USD');
}
