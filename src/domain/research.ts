import type { AssertionRow } from './rows.ts';
import { derivedMoney, type MoneyValue, moneyOf } from './values.ts';

/**
 * Derived views over reported figures. Reported values are never changed; everything computed
 * here is returned as derived money beside the reported value it is compared with.
 */

/** The amount a year earlier implied by a reported amount and its year-on-year change. */
export function impliedPrior(figure: AssertionRow): MoneyValue | null {
  const money = moneyOf(figure, 'amount');
  if (!money || figure.changeBp === null || figure.changeBp === undefined || figure.changeBasis !== 'yoy') return null;
  const factor = 10_000n + BigInt(Number(figure.changeBp));
  if (factor <= 0n) return null;
  const minor = (BigInt(money.minorUnits) * 10_000n * 2n + factor) / (2n * factor);
  // Rounded to the minor unit, and the reported change is itself rounded: approximate by nature.
  return derivedMoney(minor, money.currency, 'approx');
}

export function sumMoney(values: MoneyValue[]): MoneyValue | null {
  const first = values[0];
  if (!first || values.some((v) => v.currency !== first.currency)) return null;
  const total = values.reduce((n, v) => n + BigInt(v.minorUnits), 0n);
  return derivedMoney(total, first.currency, values.every((v) => v.qualifier === 'exact') ? 'exact' : 'approx');
}

export function difference(a: MoneyValue | null, b: MoneyValue | null): MoneyValue | null {
  if (!a || !b || a.currency !== b.currency) return null;
  return derivedMoney(BigInt(a.minorUnits) - BigInt(b.minorUnits), a.currency, 'exact');
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
  const year = Number(group.periodYear);
  const reported = moneyOf(group, 'amount');
  const sameYear = members.map((m) => m.figures.find((f) => Number(f.periodYear) === year) ?? null);
  const nextYear = members.map((m) => m.figures.find((f) => Number(f.periodYear) === year + 1) ?? null);
  const missingMembers = members.filter((_, i) => sameYear[i] === null).map((m) => m.memberKey);
  const computedFromMembers =
    missingMembers.length === 0
      ? sumMoney(sameYear.map((f) => moneyOf(f as AssertionRow, 'amount')!).filter(Boolean))
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
