import { factValue } from './facts/index.ts';
import { differenceInterval, growthFactorInterval, quotientInterval, sumIntervals } from './interval.ts';
import type { AssertionRow } from './rows.ts';
import { assumptionsOf, derivedMoney, exponentOf, type MoneyValue, percentOf } from './values.ts';

/**
 * Derived views over reported figures. Reported values are never changed; everything computed
 * here is returned as derived money beside the reported value it is compared with, with the interval its inputs'
 * precisions allow (src/domain/interval.ts) and what it assumes that they do not state.
 */

/**
 * The amount a year earlier implied by a reported amount and its year-on-year change: amount ÷ (1 + change). Its
 * interval divides the amount's interval by the change's (both as precise as the source states them); a basis the
 * source does not state is named in `assumptions`.
 */
export function impliedPrior(figure: AssertionRow): MoneyValue | null {
  const money = factValue(figure, 'money');
  const change = factValue(figure, 'change');
  if (!money || !change || change.basis !== 'yoy') return null;
  const factor = 10_000n + BigInt(change.basisPoints);
  if (factor <= 0n) return null;
  const minor = (BigInt(money.minorUnits) * 10_000n * 2n + factor) / (2n * factor);
  const interval = quotientInterval(money.interval, growthFactorInterval(change.interval), exponentOf(money.currency));
  const words = change.asReported ? `"${change.asReported}"` : `${percentOf(change)} %`;
  return derivedMoney(minor, money.currency, {
    // Rounded to the minor unit, and the reported change is itself rounded: approximate by nature.
    qualifier: 'approx',
    interval: interval ?? { lower: null, upper: null },
    assumptions: change.basisStated
      ? []
      : [`${figure.key}: ${words} is taken as year on year, which the source does not state (${change.basisReason})`],
  });
}

/** Σ amounts of one currency (null when currencies differ): exact only when every summand is, intervals added. */
export function sumMoney(values: MoneyValue[]): MoneyValue | null {
  const first = values[0];
  if (!first || values.some((v) => v.currency !== first.currency)) return null;
  const total = values.reduce((n, v) => n + BigInt(v.minorUnits), 0n);
  return derivedMoney(total, first.currency, {
    qualifier: values.every((v) => v.qualifier === 'exact') ? 'exact' : 'approx',
    interval: sumIntervals(values.map((v) => v.interval)),
    assumptions: assumptionsOf(values),
  });
}

/** a − b, with the interval [a.lower − b.upper, a.upper − b.lower]. */
export function difference(a: MoneyValue | null, b: MoneyValue | null): MoneyValue | null {
  if (!a || !b || a.currency !== b.currency) return null;
  return derivedMoney(BigInt(a.minorUnits) - BigInt(b.minorUnits), a.currency, {
    qualifier: a.qualifier === 'exact' && b.qualifier === 'exact' ? 'exact' : 'approx',
    interval: differenceInterval(a.interval, b.interval),
    assumptions: assumptionsOf([a, b]),
  });
}

export interface GroupCheck {
  group: AssertionRow;
  reported: MoneyValue | null;
  memberFigures: AssertionRow[];
  missingMembers: string[];
  computedFromMembers: MoneyValue | null;
  differenceFromMembers: MoneyValue | null;
  impliedByNextYearGrowth: MoneyValue | null;
  differenceFromImplied: MoneyValue | null;
}

export function checkGroup(group: AssertionRow, members: { memberKey: string; figures: AssertionRow[] }[]): GroupCheck {
  const yearOf = (f: AssertionRow) => factValue(f, 'period')?.year ?? null;
  const year = Number(yearOf(group));
  const reported = factValue(group, 'money');
  const sameYear = members.map((m) => m.figures.find((f) => Number(yearOf(f)) === year) ?? null);
  const nextYear = members.map((m) => m.figures.find((f) => Number(yearOf(f)) === year + 1) ?? null);
  const missingMembers = members.filter((_, i) => sameYear[i] === null).map((m) => m.memberKey);
  const computedFromMembers =
    missingMembers.length === 0
      ? sumMoney(sameYear.map((f) => factValue(f as AssertionRow, 'money')!).filter(Boolean))
      : null;
  const implied = nextYear.map((f) => (f ? impliedPrior(f) : null));
  const impliedByNextYearGrowth =
    implied.every((v) => v !== null) && implied.length ? sumMoney(implied as MoneyValue[]) : null;
  return {
    group,
    reported,
    memberFigures: sameYear.filter((f): f is AssertionRow => f !== null),
    missingMembers,
    computedFromMembers,
    differenceFromMembers: difference(computedFromMembers, reported),
    impliedByNextYearGrowth,
    differenceFromImplied: difference(impliedByNextYearGrowth, reported),
  };
}

/**
 * Growth ranks from the order the research statement returns: fastest first within each period, figures without a
 * change last (no rank).
 */
export function rankByGrowth<R extends { figure: AssertionRow }>(rows: R[]): (R & { growthRank: number | null })[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    if (factValue(r.figure, 'change') === null) return { ...r, growthRank: null };
    const period = factValue(r.figure, 'period');
    const key = `${period?.year ?? null}|${period?.type ?? null}`;
    const rank = (seen.get(key) ?? 0) + 1;
    seen.set(key, rank);
    return { ...r, growthRank: rank };
  });
}
