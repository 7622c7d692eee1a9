import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Database } from '../db/database.ts';
import { systemRepository } from '../repositories/system.ts';
import { type CostReport, documentCost } from './query-cost.ts';

/** How old the node counts the cost model uses may be. */
const FRESH_MS = 30_000;
/** How long a request waits for the first counts; after that it is costed at its caps alone. */
const FIRST_WAIT_MS = 500;

/**
 * Nodes per label for the query-cost model, read from Neo4j's count store at most every 30 s and shared by the
 * requests of this process. A cost estimate, not an answer: a count up to 30 s old only moves a cost, and when no
 * count can be had (Neo4j away, a store that refuses db.stats) requests are costed at their caps, as before.
 */
export function graphSizes(database: Database) {
  let known: Map<string, number> | null = null;
  let readAt = 0;
  let failedAt = 0;
  let pending: Promise<void> | null = null;
  const refresh = () => {
    pending ??= systemRepository(database.scope('query-cost'))
      .labelCounts()
      .then((counts) => {
        known = counts;
        readAt = Date.now();
      })
      .catch(() => {
        failedAt = Date.now();
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return async (): Promise<ReadonlyMap<string, number> | null> => {
    if (known === null) {
      // After a failed read, requests do not wait for the next one for a while (no delay while Neo4j is away).
      if (Date.now() - failedAt < FRESH_MS / 6) return null;
      await Promise.race([refresh(), new Promise((ok) => setTimeout(ok, FIRST_WAIT_MS).unref())]);
    } else if (Date.now() - readAt > FRESH_MS) {
      void refresh();
    }
    return known;
  };
}

export type GraphSizes = ReturnType<typeof graphSizes>;

/** A request's cost as the limit and the rate budgets both count it: the document, its variables, the graph's sizes. */
export async function executionCost(
  args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: unknown },
  maxPageSize: number,
  sizes: GraphSizes | null,
): Promise<CostReport> {
  return documentCost({
    schema: args.schema,
    document: args.document,
    operationName: args.operationName,
    variables: args.variableValues as Record<string, unknown> | undefined,
    maxPageSize,
    sizes: sizes ? await sizes() : null,
  });
}
