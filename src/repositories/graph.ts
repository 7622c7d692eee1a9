import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { GraphEdgeRow, GraphNodeRow } from '../domain/rows.ts';
import type { SearchPlan } from '../domain/search-query.ts';

const SEARCH = statement('graph/search');
const SHORTEST_PATHS = statement('graph/shortest-paths');
const RANKED_PATHS = statement('graph/ranked-paths');
const NEIGHBORHOOD = statement('graph/neighborhood');

export interface GraphSlice {
  nodes: GraphNodeRow[];
  relationships: GraphEdgeRow[];
  /** neighborhood only: a cap cut something off. */
  truncated?: boolean;
  /** paths only: how many source snippets support the facts on the path. */
  evidence?: number;
}

/** The relationships a path may use: fact roles and timeless links (never a source's). */
export const PATH_RELATIONSHIPS = [
  'SUBJECT',
  'OBJECT',
  'MEMBER',
  'SPEAKER',
  'CONCERNS',
  'PART_OF',
  'MADE_BY',
  'LOCATED_IN',
  'UNIT_OF',
] as const;
export type PathRelationship = (typeof PATH_RELATIONSHIPS)[number];

export interface SearchRow {
  node: GraphNodeRow;
  score: number;
  /** Its name or an alias is the query itself. */
  exact: boolean;
  /** Its sources' verbatim snippets (at most 20), for highlighting. */
  snippets: string[];
  /** Every word of the query matched (false: the loose query answered). */
  allWords: boolean;
}

/** How many neighbours one node of a neighbourhood level contributes to the next, at most. */
export const NEIGHBORHOOD_FANOUT = 50;

export function graphRepository(db: DbScope) {
  return {
    /** The plan's strict query; only when that finds nothing, its loose one (any word), marked as such. */
    async search(plan: SearchPlan, kinds: string[] | null, limit: number): Promise<SearchRow[]> {
      const ask = (query: string) =>
        db.read<Omit<SearchRow, 'allWords'>>(SEARCH, {
          query,
          kinds,
          kindHints: plan.kindHints,
          exact: plan.exact,
          limit: int(limit),
          candidates: int(Math.max(limit * 10, 100)),
        });
      const strict = await ask(plan.strict);
      if (strict.length > 0 || plan.loose === null) return strict.map((r) => ({ ...r, allWords: true }));
      return (await ask(plan.loose)).map((r) => ({ ...r, allWords: false }));
    },
    /** Null when `from` or `to` is not the key of an entity as given (a name, alias, merged-away or unknown key). */
    async shortestPaths(from: string, to: string, maxHops: number, limit: number): Promise<GraphSlice[] | null> {
      const [row] = await db.read<{ found: boolean; paths: GraphSlice[] }>(SHORTEST_PATHS, {
        from,
        to,
        maxHops: int(maxHops),
        limit: int(limit),
      });
      return row?.found ? row.paths : null;
    },
    /** Simple paths ranked by length, then evidence; only through `types`, and through a fact of `kinds` if given. */
    async rankedPaths(
      from: string,
      to: string,
      maxHops: number,
      limit: number,
      types: readonly PathRelationship[],
      kinds: readonly string[] | null,
    ): Promise<GraphSlice[]> {
      return db.read<GraphSlice>(RANKED_PATHS, { from, to, maxHops: int(maxHops), limit: int(limit), types, kinds });
    },
    async neighborhood(key: string, depth: number, limit: number): Promise<GraphSlice | null> {
      const [row] = await db.read<GraphSlice>(NEIGHBORHOOD, {
        key,
        depth: int(depth),
        limit: int(limit),
        fanout: int(NEIGHBORHOOD_FANOUT),
      });
      return row ?? null;
    },
  };
}
