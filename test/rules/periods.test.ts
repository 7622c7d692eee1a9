import { describe, expect, it } from 'vitest';
import { calendarDateProblem, daysInMonth, isCalendarDate, isLeapYear } from '../../src/domain/dates.ts';
import { PeriodSchema as Period } from '../../src/domain/facts/codecs.ts';

/**
 * Calendar dates (src/domain/dates.ts) and the import format's Period (src/domain/format.ts). Expected values from
 * the Gregorian rules: a leap year is divisible by 4, except centuries, except those divisible by 400; April, June,
 * September and November have 30 days.
 */
describe('the Gregorian calendar', () => {
  it('leap years: every 4th, not centuries, but every 400th', () => {
    expect([2024, 2000, 1600, 4, 400].map(isLeapYear)).toEqual([true, true, true, true, true]);
    expect([2023, 1900, 2100, 1800, 1, 2026].map(isLeapYear)).toEqual([false, false, false, false, false, false]);
  });

  it('days in each month, February by the leap rule', () => {
    expect(Array.from({ length: 12 }, (_, i) => daysInMonth(2023, i + 1))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
});

describe('calendarDateProblem', () => {
  it('accepts YYYY, YYYY-MM and real YYYY-MM-DD dates, year 0001 to 9999', () => {
    for (const date of [
      '2024',
      '2024-06',
      '2024-06-30',
      '2024-02-29',
      '2000-02-29',
      '0001',
      '9999-12-31',
      '2023-01-31',
    ])
      expect(calendarDateProblem(date)).toBeNull();
    expect(isCalendarDate('2024-12-31')).toBe(true);
  });

  it('refuses other shapes, naming the expected forms', () => {
    for (const text of ['24', '2024-6', '2024-06-3', '2024/06/30', ' 2024', '2024-06-30T00:00', '20240', ''])
      expect(calendarDateProblem(text)).toBe(`"${text}" is not a date written YYYY, YYYY-MM or YYYY-MM-DD`);
    expect(isCalendarDate('2024-6')).toBe(false);
  });

  it('refuses year 0000, month 00 and 13, and days a month does not have', () => {
    expect(calendarDateProblem('0000')).toBe('"0000": there is no year 0000');
    expect(calendarDateProblem('0000-01-01')).toBe('"0000-01-01": there is no year 0000');
    expect(calendarDateProblem('2024-00')).toBe('"2024-00": month 00 does not exist');
    expect(calendarDateProblem('2024-13')).toBe('"2024-13": month 13 does not exist');
    expect(calendarDateProblem('2024-12')).toBeNull();
    expect(calendarDateProblem('2024-01')).toBeNull();
    expect(calendarDateProblem('2024-13-45')).toBe('"2024-13-45": month 13 does not exist');
    expect(calendarDateProblem('2023-02-29')).toBe('"2023-02-29": 2023-02 has no day 29');
    expect(calendarDateProblem('1900-02-29')).toBe('"1900-02-29": 1900-02 has no day 29');
    expect(calendarDateProblem('2024-04-31')).toBe('"2024-04-31": 2024-04 has no day 31');
    expect(calendarDateProblem('2024-06-00')).toBe('"2024-06-00": 2024-06 has no day 00');
    expect(calendarDateProblem('2024-01-32')).toBe('"2024-01-32": 2024-01 has no day 32');
    expect(calendarDateProblem('2024-01-01')).toBeNull();
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
});

/** zod issues as [path, message] pairs, so a test names exactly which complaint is expected. */
function problems(value: unknown): [string, string][] {
  const result = Period.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('Period', () => {
  it('fills the defaults: calendar basis, year stated', () => {
    expect(Period.parse({ label: 'H1 2024', type: 'H1', year: 2024 })).toEqual({
      label: 'H1 2024',
      type: 'H1',
      year: 2024,
      basis: 'calendar',
      yearInferred: false,
    });
  });

  it('takes years 1900 to 2100 only, whole ones', () => {
    expect(problems({ label: 'FY1900', type: 'FY', year: 1900 })).toEqual([]);
    expect(problems({ label: 'FY2100', type: 'FY', year: 2100 })).toEqual([]);
    expect(problems({ label: 'FY1899', type: 'FY', year: 1899 }).map(([path]) => path)).toEqual(['year']);
    expect(problems({ label: 'FY2101', type: 'FY', year: 2101 }).map(([path]) => path)).toEqual(['year']);
    expect(problems({ label: 'FY', type: 'FY', year: 2024.5 }).map(([path]) => path)).toEqual(['year']);
  });

  it('an inferred year must say why', () => {
    const why = 'an inferred year must say why (inference)';
    expect(problems({ label: 'this year', type: 'FY', year: 2024, yearInferred: true })).toEqual([['', why]]);
    expect(problems({ label: 'this year', type: 'FY', year: 2024, yearInferred: true, inference: '' })).toEqual([
      ['', why],
    ]);
    expect(
      problems({ label: 'this year', type: 'FY', year: 2024, yearInferred: true, inference: 'article dated 2024' }),
    ).toEqual([]);
    expect(problems({ label: 'this year', type: 'FY', year: 2024, yearInferred: false })).toEqual([]);
  });

  it('a label written as a date must be a real date, and agree with the year', () => {
    expect(problems({ label: '2023-03-01', type: 'DAY', year: 2023 })).toEqual([]);
    expect(problems({ label: '2023-03', type: 'MONTH' })).toEqual([]);
    expect(problems({ label: '2023-02-29', type: 'DAY' })).toEqual([['label', '"2023-02-29": 2023-02 has no day 29']]);
    expect(problems({ label: '2024-13', type: 'MONTH' })).toEqual([['label', '"2024-13": month 13 does not exist']]);
    expect(problems({ label: '2023-03-01', type: 'DAY', year: 2024 })).toEqual([
      ['year', 'year 2024 differs from the date 2023-03-01'],
    ]);
    expect(problems({ label: '2023-03', type: 'MONTH', year: 2022 })).toEqual([
      ['year', 'year 2022 differs from the date 2023-03'],
    ]);
  });

  it('a label that merely contains a date is words, not a date', () => {
    expect(problems({ label: 'Q1 2023-02-30', type: 'Q1', year: 2023 })).toEqual([]);
    expect(problems({ label: '2023-02-30 onwards', type: 'OPEN' })).toEqual([]);
    expect(problems({ label: '2023', type: 'FY', year: 2022 })).toEqual([]);
  });

  it('takes a calendar or a fiscal basis, stated or not', () => {
    expect(Period.parse({ label: 'fiscal 2025', type: 'FY', year: 2025, basis: 'fiscal' }).basis).toBe('fiscal');
    expect(Period.parse({ label: '2025', type: 'FY', year: 2025, basis: 'calendar' }).basis).toBe('calendar');
    for (const type of ['FY', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4', 'MONTH', 'DAY', 'OPEN'])
      expect(problems({ label: 'x', type })).toEqual([]);
  });

  it('refuses unknown period types and fields', () => {
    expect(problems({ label: 'x', type: 'Q5' }).map(([path]) => path)).toEqual(['type']);
    expect(problems({ label: 'x', type: 'FY', quarter: 1 }).map(([path]) => path)).toEqual(['']);
    expect(problems({ label: 'x', type: 'FY', basis: 'lunar' }).map(([path]) => path)).toEqual(['basis']);
  });
});
