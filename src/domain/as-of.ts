import type { AssertionRow, EntityRow } from './rows.ts';

/**
 * As-of reads (`asOf:` on entity, fact connections and research views): the graph as it stood at an instant, from
 * what the change log stamps on facts and entities (firstSeen, deprecatedSince) and from entities' revisions.
 * See docs/data-model.md#as-of for what is and is not time-travelled.
 */

/**
 * Where an as-of read (`entity(key:, asOf:)`) leaves its instant: on the entity row it answers, so the facts fields
 * below it read as of the same instant.
 */
export const AS_OF = '_asOf';

/** An ISO 8601 instant as nanoseconds since the epoch (Date keeps only milliseconds; the log keeps nanoseconds). */
export function instantNs(iso: string): bigint {
  const fraction = /T[^.]*\.(\d+)/.exec(iso)?.[1] ?? '';
  const ms = Date.parse(iso.replace(/(T[^.]*)\.\d+/, '$1'));
  return BigInt(ms) * 1_000_000n + BigInt(`${fraction}000000000`.slice(0, 9));
}

const after = (stamp: unknown, asOf: string) =>
  typeof stamp === 'string' && stamp !== '' && instantNs(stamp) > instantNs(asOf);

/** Whether the graph held the fact or entity at `asOf` (one stamped before the change log existed always counts). */
export const existedAt = (row: Record<string, unknown>, asOf: string) => !after(row.firstSeen, asOf);

/**
 * A fact as it stood at `asOf`: one retracted later was still current then, with the rank it had before the
 * retraction and no retraction. Its values are today's (a re-import that corrected a value is not undone).
 */
export function factAsOf<T extends AssertionRow>(fact: T, asOf: string): T {
  if (fact.rank !== 'deprecated' || !after(fact.deprecatedSince, asOf)) return fact;
  return {
    ...fact,
    rank: typeof fact.rankBeforeRetraction === 'string' ? fact.rankBeforeRetraction : 'normal',
    retractionReason: null,
    retractedAt: null,
    rankReason: null,
    rankedAt: null,
    deprecatedSince: null,
  };
}

/** A revision of a stored value (src/repositories/revisions.ts). */
export interface ValueRevision {
  field: string;
  before: string | null;
  at: string;
}

/**
 * An entity's stored values at `asOf`: every field changed by updateEntity after then takes the value it had
 * before the earliest such change. Aliases are today's.
 */
export function entityAsOf(entity: EntityRow, revisions: readonly ValueRevision[], asOf: string): EntityRow {
  const later = revisions.filter((r) => after(r.at, asOf)).sort((a, b) => (instantNs(a.at) < instantNs(b.at) ? -1 : 1));
  const reverted: Record<string, string | null> = {};
  for (const r of later) if (!(r.field in reverted)) reverted[r.field] = r.before;
  return { ...entity, ...reverted } as EntityRow;
}
