import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { GraphEdgeRow, GraphNodeRow } from '../domain/rows.ts';

const SEARCH = statement('graph/search');
const SHORTEST_PATHS = statement('graph/shortest-paths');
const NEIGHBORHOOD = statement('graph/neighborhood');

export interface GraphSlice {
  nodes: GraphNodeRow[];
  relationships: GraphEdgeRow[];
  /** neighborhood only: a cap cut something off. */
  truncated?: boolean;
}

/** How many neighbours one node of a neighbourhood level contributes to the next, at most. */
export const NEIGHBORHOOD_FANOUT = 50;

export function graphRepository(db: DbScope) {
  return {
    async search(luceneQuery: string, kinds: string[] | null, limit: number) {
      return db.read<{ node: GraphNodeRow; score: number }>(SEARCH, {
        query: luceneQuery,
        kinds,
        limit: int(limit),
        candidates: int(limit * 10),
      });
    },
    async shortestPaths(from: string, to: string, maxHops: number, limit: number): Promise<GraphSlice[]> {
      return db.read<GraphSlice>(SHORTEST_PATHS, { from, to, maxHops: int(maxHops), limit: int(limit) });
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
