import { describe, expect, it } from 'vitest';
import { divide, exactOf, exactText } from '../../src/domain/exact.ts';
import {
  differenceInterval,
  growthFactorInterval,
  quotientInterval,
  reportedInterval,
  sumIntervals,
} from '../../src/domain/interval.ts';

/** The exact decimals and interval rules under the derived figures (docs/data-model.md "Precision, intervals …"). */
describe('exact decimals', () => {
  it('divide rounds down, up and half up, for negative values too (−7 ÷ 2 = −3.5)', () => {
    const q = (a: string, b: string, rounding: 'down' | 'up' | 'half_up') =>
      exactText(divide(exactOf(a), exactOf(b), 0, rounding));
    expect([q('7', '2', 'down'), q('7', '2', 'up'), q('7', '2', 'half_up')]).toEqual(['3', '4', '4']);
    expect([q('-7', '2', 'down'), q('-7', '2', 'up'), q('-7', '2', 'half_up')]).toEqual(['-4', '-3', '-3']);
    expect(q('7', '-2', 'down')).toBe('-4');
    // 2^53 + 1 stays exact (a float would give 9007199254740992).
    expect(exactText(divide(exactOf('9007199254740993'), exactOf('1'), 2, 'down'))).toBe('9007199254740993');
  });
});

describe('intervals', () => {
  it('of reported numbers: ± half the precision, a range widened, thresholds open', () => {
    const i = (v: string, p: string, q: string, upper: string | null = null) =>
      reportedInterval(exactOf(v), exactOf(p), q, upper === null ? null : exactOf(upper));
    expect(i('23000000000', '1000000000', 'rounded')).toEqual({ lower: '22500000000', upper: '23500000000' });
    expect(i('12.34', '0.01', 'exact')).toEqual({ lower: '12.335', upper: '12.345' });
    expect(i('12000', '1000', 'range', '13000')).toEqual({ lower: '11500', upper: '13500' });
    expect(i('50', '1', 'more_than')).toEqual({ lower: '50', upper: null });
    expect(i('1', '1', 'less_than')).toEqual({ lower: null, upper: '1' });
  });

  it('add, subtract and divide by interval arithmetic, open where an input is', () => {
    expect(
      sumIntervals([
        { lower: '1', upper: '2' },
        { lower: '-0.5', upper: null },
      ]),
    ).toEqual({ lower: '0.5', upper: null });
    expect(differenceInterval({ lower: '1', upper: '2' }, { lower: '0.5', upper: '3' })).toEqual({
      lower: '-2',
      upper: '1.5',
    });
    // −10 … 20 ÷ 2 … 4 = −5 … 10 (a negative lower end is divided by the smallest divisor).
    expect(quotientInterval({ lower: '-10', upper: '20' }, { lower: '2', upper: '4' }, 0)).toEqual({
      lower: '-5',
      upper: '10',
    });
    // An open divisor ("more than double"): the quotient may be as small as 0.
    expect(
      quotientInterval({ lower: '22', upper: '24' }, growthFactorInterval({ lower: '100', upper: null }), 0),
    ).toEqual({ lower: '0', upper: '12' });
    // A divisor that may be 0 or negative gives no interval.
    expect(quotientInterval({ lower: '1', upper: '2' }, { lower: '-0.005', upper: '0.005' }, 2)).toBeNull();
    // Outward: 1 ÷ 3 at two decimals is 0.33 … 0.34.
    expect(quotientInterval({ lower: '1', upper: '1' }, { lower: '3', upper: '3' }, 2)).toEqual({
      lower: '0.33',
      upper: '0.34',
    });
  });
});
