/**
 * Exact decimals for derived figures: a value is `n × 10^-scale` with a BigInt `n`, so sums, products and bounds
 * never go through a float. Division rounds explicitly (down, up or half up) at a stated scale.
 */
export interface Exact {
  n: bigint;
  scale: number;
}

/** "23000000000", "-12.5", "0.14" → Exact (the format's Decimal strings: no exponent). */
export function exactOf(text: string): Exact {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const n = BigInt(whole + fraction);
  return { n: negative ? -n : n, scale: fraction.length };
}

/** Minor units of a currency with `exponent` decimals (2300000000000 fen) → Exact in major units. */
export const exactMinor = (minor: bigint | string, exponent: number): Exact => ({ n: BigInt(minor), scale: exponent });

const pow10 = (k: number) => 10n ** BigInt(k);

function rescale(x: Exact, scale: number): bigint {
  return x.n * pow10(scale - x.scale);
}

/** The shortest decimal string: "22500000000", "10313901345.29", "-0.005". */
export function exactText(x: Exact): string {
  const negative = x.n < 0n;
  const digits = (negative ? -x.n : x.n).toString().padStart(x.scale + 1, '0');
  const whole = digits.slice(0, digits.length - x.scale);
  const fraction = digits.slice(digits.length - x.scale).replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && text !== '0' ? `-${text}` : text;
}

export function plus(a: Exact, b: Exact): Exact {
  const scale = Math.max(a.scale, b.scale);
  return { n: rescale(a, scale) + rescale(b, scale), scale };
}

export const negate = (a: Exact): Exact => ({ n: -a.n, scale: a.scale });
export const minus = (a: Exact, b: Exact): Exact => plus(a, negate(b));
export const times = (a: Exact, b: Exact): Exact => ({ n: a.n * b.n, scale: a.scale + b.scale });
/** Half of a value, exactly (one more decimal). */
export const half = (a: Exact): Exact => ({ n: a.n * 5n, scale: a.scale + 1 });

export function compareExact(a: Exact, b: Exact): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export type Rounding = 'down' | 'up' | 'half_up';

/** a ÷ b at `scale` decimals, rounded as asked ('down' toward −∞, 'up' toward +∞, 'half_up' to nearest). */
export function divide(a: Exact, b: Exact, scale: number, rounding: Rounding): Exact {
  if (b.n === 0n) throw new RangeError('division by zero');
  // a/b = (a.n / 10^a.scale) / (b.n / 10^b.scale); scaled by 10^scale: a.n · 10^(scale + b.scale − a.scale) / b.n.
  let num = a.n;
  let den = b.n;
  const shift = scale + b.scale - a.scale;
  if (shift >= 0) num *= pow10(shift);
  else den *= pow10(-shift);
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const floor = (x: bigint, d: bigint) => (x >= 0n ? x / d : -((-x + d - 1n) / d));
  const n =
    rounding === 'down' ? floor(num, den) : rounding === 'up' ? -floor(-num, den) : floor(num * 2n + den, 2n * den);
  return { n, scale };
}

/** Rounds to `scale` decimals (no-op when the value has no more). */
export const roundTo = (a: Exact, scale: number, rounding: Rounding): Exact =>
  a.scale <= scale ? a : divide(a, { n: 1n, scale: 0 }, scale, rounding);

/** Whether a is a whole multiple of b (b > 0). */
export function isMultipleOf(a: Exact, b: Exact): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) % rescale(b, scale) === 0n;
}
