import { badInput } from './errors.ts';

/**
 * The one page-size rule for every list that can grow with the graph (connections, research views, nested lists):
 * a requested size outside `min..max` is a BAD_USER_INPUT error naming the argument and its range — never silently
 * clamped. A missing size means `fallback` (the maximum unless the field states a smaller default).
 */
export function listSize(
  name: string,
  requested: number | null | undefined,
  max: number,
  options: { min?: number; fallback?: number } = {},
): number {
  const min = options.min ?? 0;
  if (requested === null || requested === undefined) return options.fallback ?? max;
  if (!Number.isInteger(requested) || requested < min || requested > max) {
    throw badInput(`${name} must be between ${min} and ${max}, got ${requested}`, { limit: name, min, max });
  }
  return requested;
}

/** A connection's `first`: 0..`max` (config MAX_PAGE_SIZE, passed down from the server), missing means the maximum. */
export function pageSize(requested: number | null | undefined, max: number): number {
  if (requested === null || requested === undefined) return max;
  if (!Number.isInteger(requested) || requested < 0 || requested > max) {
    throw badInput(`Page size ${requested} is outside 0..${max} (limit MAX_PAGE_SIZE)`, {
      limit: 'MAX_PAGE_SIZE',
      max,
    });
  }
  return requested;
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
