import { badInput } from './errors.ts';

/** Validates a requested page size against `max` (config MAX_PAGE_SIZE); a missing one means the maximum. */
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

/** `first` of a nested list: negative is an error (Cypher would read it as "all but the last"); above `max` is capped. */
export function nestedLimit(requested: number, max: number): number {
  if (!Number.isInteger(requested) || requested < 0) {
    throw badInput(`first must be 0 or more, got ${requested}`, { limit: 'first' });
  }
  return Math.min(requested, max);
}
