/**
 * Exact comparison of decimal strings ("-12.50", "9007199254740993"): both are scaled to the same
 * number of fraction digits and compared as BigInt, never as floats (2^53 + 1 would round to 2^53).
 * Inputs are the format's Decimal strings (optional minus, digits, optional fraction, no exponent).
 */
function scaled(decimal: string, fractionDigits: number): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const value = BigInt(whole + fraction.padEnd(fractionDigits, '0'));
  return negative ? -value : value;
}

const fractionLength = (decimal: string) => decimal.split('.')[1]?.length ?? 0;

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const digits = Math.max(fractionLength(a), fractionLength(b));
  const x = scaled(a, digits);
  const y = scaled(b, digits);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isNegativeDecimal = (decimal: string) => compareDecimals(decimal, '0') < 0;
