import { type ChangeRow, changeCursor, changeKinds, changeSeqOf } from '../domain/changes.ts';
import { pageSize } from '../domain/limits.ts';
import type { QueryScope } from './connections.ts';

export interface ChangeFeedArgs {
  after?: string | null;
  first?: number | null;
  filter?: { entity?: string | null; kinds?: readonly string[] | null; source?: string | null } | null;
}

export interface ChangeFeedPage {
  edges: { cursor: string; node: ChangeRow }[];
  /** Where to resume: after the last edge, or after the part of the log this read looked through. */
  endCursor: string;
  hasNextPage: boolean;
  /** The log's last seq when the page was read. */
  lastSeq: number;
}

/**
 * One page of the change feed: the entries after the cursor (seq), oldest first, matching the filter. A filtered
 * read looks through a bounded window of the log (src/repositories/changes.ts); when that window held fewer matches
 * than asked, the end cursor still moves to its end, so the next read goes on from there and a rare filter costs
 * several short reads instead of one long one.
 */
export async function changeFeed(scope: QueryScope, args: ChangeFeedArgs): Promise<ChangeFeedPage> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? changeSeqOf(args.after) : 0;
  const filter = {
    entity: args.filter?.entity ?? null,
    kinds: changeKinds(args.filter?.kinds),
    source: args.filter?.source ?? null,
  };
  if (size === 0) {
    const { last } = await scope.repos.changes.last();
    return { edges: [], endCursor: changeCursor(after), hasNextPage: last > after, lastSeq: last };
  }
  const { changes, readTo, last } = await scope.repos.changes.after(after, size, filter);
  return {
    edges: changes.map((node) => ({ cursor: changeCursor(node.seq), node })),
    endCursor: changeCursor(readTo),
    hasNextPage: readTo < last,
    lastSeq: last,
  };
}
