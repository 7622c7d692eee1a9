import { badInput } from './errors.ts';

/**
 * The one page-size rule for every list that can grow with the graph (connections, research views, nested lists,
 * graph views): a requested size outside `min..max` is a BAD_USER_INPUT error naming the argument, its range and, when
 * a setting decides the maximum, the setting — never silently clamped. A missing size means `fallback` (the maximum
 * unless the field states a smaller default).
 */
export function listSize(
  name: string,
  requested: number | null | undefined,
  max: number,
  options: { min?: number; fallback?: number; setting?: string } = {},
): number {
  const min = options.min ?? 0;
  if (requested === null || requested === undefined) return options.fallback ?? max;
  if (!Number.isInteger(requested) || requested < min || requested > max) {
    const setting = options.setting ? ` (${max} is the server's ${options.setting})` : '';
    throw badInput(`${name} must be between ${min} and ${max}, got ${requested}${setting}`, {
      limit: name,
      min,
      max,
      ...(options.setting ? { setting: options.setting } : {}),
    });
  }
  return requested;
}

/**
 * `first` of a root connection (0..max) or a capped research view (1..max), where max is the server's MAX_PAGE_SIZE
 * (from the config, passed down whole); missing means the maximum.
 */
export function pageSize(requested: number | null | undefined, max: number, min = 0): number {
  return listSize('first', requested, max, { min, setting: 'MAX_PAGE_SIZE' });
}

/** `first` of a nested list: 0..max, as listSize (Cypher would read a negative LIMIT as "all but the last"). */
export function nestedLimit(requested: number, max: number): number {
  return listSize('first', requested, max);
}

/**
 * A capped list: at most `limit` rows, and whether more matched. The statement is asked for limit + 1 rows; the
 * extra one only says that the answer was cut.
 */
export interface Capped<T> {
  rows: T[];
  truncated: boolean;
  limit: number;
}

export function capped<T>(rows: T[], limit: number): Capped<T> {
  return { rows: rows.slice(0, limit), truncated: rows.length > limit, limit };
}
