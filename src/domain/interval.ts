import { compareExact, divide, type Exact, exactOf, exactText, half, minus, plus, roundTo, times } from './exact.ts';

/**
 * The values a number may stand for, given the precision its source states it to (docs/data-model.md "Precision,
 * intervals and basis"): bounds as exact decimal strings in the number's own unit (major currency units, percent,
 * the quantity's unit), `null` where the interval is open ("exceeding $50 billion" has no upper end). Derived
 * numbers combine their inputs' intervals by interval arithmetic, rounding outward, never inward.
 */
export interface Interval {
  lower: string | null;
  upper: string | null;
}

interface Bounds {
  lower: Exact | null;
  upper: Exact | null;
}

const parsed = (i: Interval): Bounds => ({
  lower: i.lower === null ? null : exactOf(i.lower),
  upper: i.upper === null ? null : exactOf(i.upper),
});
const printed = (b: Bounds): Interval => ({
  lower: b.lower === null ? null : exactText(b.lower),
  upper: b.upper === null ? null : exactText(b.upper),
});

/**
 * A reported number's interval: ± half its precision (`unit`) for `exact`, `rounded` and `approx`; the stated
 * bounds widened by half the precision for a `range` (`value` is its lower bound); from the threshold up for
 * `more_than`/`at_least` ("over a million" is at least a million), up to it for `less_than`.
 */
export function reportedInterval(value: Exact, unit: Exact, qualifier: string, rangeUpper: Exact | null): Interval {
  const h = half(unit);
  switch (qualifier) {
    case 'more_than':
    case 'at_least':
      return printed({ lower: value, upper: null });
    case 'less_than':
      return printed({ lower: null, upper: value });
    case 'range':
      return printed({ lower: minus(value, h), upper: plus(rangeUpper ?? value, h) });
    default:
      return printed({ lower: minus(value, h), upper: plus(value, h) });
  }
}

/** A value known exactly: the interval of one point. */
export const pointInterval = (value: Exact): Interval => printed({ lower: value, upper: value });

/** Σ intervals: lower ends added, upper ends added; open when any summand is open on that side. */
export function sumIntervals(list: readonly Interval[]): Interval {
  const bounds = list.map(parsed);
  const add = (side: 'lower' | 'upper') =>
    bounds.reduce<Exact | null>(
      (total, b) => (total === null || b[side] === null ? null : plus(total, b[side] as Exact)),
      { n: 0n, scale: 0 },
    );
  return printed({ lower: add('lower'), upper: add('upper') });
}

/** a − b: [a.lower − b.upper, a.upper − b.lower]. */
export function differenceInterval(a: Interval, b: Interval): Interval {
  const x = parsed(a);
  const y = parsed(b);
  return printed({
    lower: x.lower === null || y.upper === null ? null : minus(x.lower, y.upper),
    upper: x.upper === null || y.lower === null ? null : minus(x.upper, y.lower),
  });
}

/**
 * a ÷ f for a divisor that is surely positive (f.lower > 0; f.upper may be open), rounded outward to `scale`
 * decimals; null when the divisor may be zero or negative. For x in a and d in f, x/d grows with x; it is smallest
 * at the largest d when x ≥ 0 and at the smallest d when x < 0 (and the other way round for the upper end).
 */
export function quotientInterval(a: Interval, f: Interval, scale: number): Interval | null {
  const x = parsed(a);
  const d = parsed(f);
  const zero: Exact = { n: 0n, scale: 0 };
  if (d.lower === null || compareExact(d.lower, zero) <= 0) return null;
  const over = (v: Exact, by: Exact | null, rounding: 'down' | 'up') =>
    by === null ? zero : divide(v, by, scale, rounding);
  const nonNegative = (v: Exact) => compareExact(v, zero) >= 0;
  return printed({
    lower: x.lower === null ? null : over(x.lower, nonNegative(x.lower) ? d.upper : d.lower, 'down'),
    upper:
      x.upper === null
        ? null
        : nonNegative(x.upper)
          ? over(x.upper, d.lower, 'up')
          : d.upper === null
            ? zero
            : divide(x.upper, d.upper, scale, 'up'),
  });
}

/** a × r for an exact positive factor r (a caller's conversion rate), rounded outward to `scale` decimals. */
export function scaledInterval(a: Interval, r: Exact, scale: number): Interval {
  const x = parsed(a);
  return printed({
    lower: x.lower === null ? null : roundTo(times(x.lower, r), scale, 'down'),
    upper: x.upper === null ? null : roundTo(times(x.upper, r), scale, 'up'),
  });
}

/** a × b for intervals of numbers that cannot be negative (units, prices): [a.lower × b.lower, a.upper × b.upper]. */
export function nonNegativeProductInterval(a: Interval, b: Interval): Interval {
  const x = parsed(a);
  const y = parsed(b);
  const mul = (p: Exact | null, q: Exact | null) => (p === null || q === null ? null : times(p, q));
  return printed({ lower: mul(x.lower, y.lower), upper: mul(x.upper, y.upper) });
}

/** 1 + p/100 for a change interval in percent: the factor a later amount is of the earlier one. */
export function growthFactorInterval(percent: Interval): Interval {
  const p = parsed(percent);
  const factor = (v: Exact | null) => (v === null ? null : plus({ n: 1n, scale: 0 }, { n: v.n, scale: v.scale + 2 }));
  return printed({ lower: factor(p.lower), upper: factor(p.upper) });
}

/**
 * A sum computed in the database (research/metric-by-country): Σ of the summands' lower values (a range's lower
 * bound, else the amount) over those not open below, Σ of their upper values over those not open above, Σ of the
 * precisions of the summands bounded on both sides (each adds ± half its precision), and whether any summand is open
 * below or above. The rule of `reportedInterval`, added up.
 */
export function aggregatedInterval(
  lowSum: Exact,
  highSum: Exact,
  precisionSum: Exact,
  openBelow: boolean,
  openAbove: boolean,
): Interval {
  const h = half(precisionSum);
  return printed({ lower: openBelow ? null : minus(lowSum, h), upper: openAbove ? null : plus(highSum, h) });
}

/** The half-width when the interval is centred on `value` ("50.2 ± 1.05 bn"), else null. */
export function plusMinus(value: Exact, interval: Interval): string | null {
  const b = parsed(interval);
  if (b.lower === null || b.upper === null) return null;
  const below = minus(value, b.lower);
  const above = minus(b.upper, value);
  return compareExact(below, above) === 0 ? exactText(above) : null;
}
