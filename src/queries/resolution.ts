import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { pageSize } from '../domain/limits.ts';
import { type Candidate, candidateOf } from '../domain/resolution.ts';
import type { CandidateWindow, JudgementRow, Verdict } from '../repositories/judgements.ts';
import type { PageArgs, QueryScope } from './connections.ts';
import { type Connection, keysetConnection, type PageInfo } from './keyset.ts';

/** Every judgement, newest first, optionally of one verdict and status. */
export function judgementConnection(
  scope: QueryScope,
  filter: { verdict: Verdict | null; status: 'active' | 'withdrawn' | null },
  args: PageArgs,
): Connection<JudgementRow> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const after = args.after ? decodeCursor(args.after, 2) : null;
  return keysetConnection(
    size,
    (limit) => scope.repos.judgements.page(filter, after ? { at: after[0]!, key: after[1]! } : null, limit),
    (j) => [j.at, j.key],
    () => scope.repos.judgements.count(filter),
  );
}

/** Entities one page of resolutionCandidates examines at most (in key order): what bounds its cost. */
export const CANDIDATE_SCAN = 1000;

/** The second value of a cursor that continues after every pair of an entity (no key is empty). */
const AFTER_ALL = '';

export interface CandidatePage {
  nodes: Candidate[];
  edges: { cursor: string; node: Candidate }[];
  pageInfo: PageInfo;
  examined: number;
  examinedThrough: string | null;
}

const cursorOf = (c: Candidate) => encodeCursor([c.entity.key, c.other.key]);

/**
 * Likely duplicates for review, never merged by this: pairs in key order, each at its smaller key. A page examines at
 * most CANDIDATE_SCAN entities, so it may hold fewer than `first` pairs while `hasNextPage` is true; `endCursor`
 * then continues after the last entity examined.
 */
export async function resolutionCandidates(
  scope: Pick<QueryScope, 'repos' | 'limits'>,
  args: PageArgs,
  scan = CANDIDATE_SCAN,
): Promise<CandidatePage> {
  const size = pageSize(args.first, scope.limits.maxPageSize);
  const [entity, other] = args.after ? decodeCursor(args.after, 2) : ['', AFTER_ALL];
  const after = { entity: entity!, other: other === AFTER_ALL ? null : other! };
  const window: CandidateWindow =
    size === 0
      ? { pairs: [], examined: 0, lastExamined: null }
      : await scope.repos.judgements.candidates(after, scan, size + 1);
  const all = window.pairs.flatMap((p) => candidateOf(p.entity, p.other) ?? []);
  const nodes = all.slice(0, size);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  const cut = all.length > size;
  const windowFull = window.examined >= scan && window.lastExamined !== null;
  const endCursor = cut
    ? (edges.at(-1)?.cursor ?? null)
    : windowFull
      ? encodeCursor([window.lastExamined!, AFTER_ALL])
      : (edges.at(-1)?.cursor ?? null);
  return {
    nodes,
    edges,
    pageInfo: {
      hasNextPage: cut || windowFull,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor,
    },
    examined: window.examined,
    examinedThrough: window.lastExamined,
  };
}
