import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import { withTimeout } from '../db/availability.ts';
import type { Database } from '../db/database.ts';
import { schemaRepository } from '../repositories/schema.ts';

export interface ReadinessOptions {
  database: Database;
  timeoutMs: number;
  /** True once shutdown began: the load balancer should stop sending traffic. */
  stopping?: () => boolean;
}

/**
 * /ready answers 200 only when Neo4j answers and our constraints exist, and 503 otherwise —
 * always within `timeoutMs`, also when Neo4j hangs. A refused connection opens the breaker at once.
 */
export function useReadiness({ database, timeoutMs, stopping = () => false }: ReadinessOptions): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async ({ fetchAPI }) => {
      const fail = (reason: string) =>
        new fetchAPI.Response(JSON.stringify({ ready: false, reason }), {
          status: 503,
          headers: { 'content-type': 'application/json' },
        });
      if (stopping()) return fail('shutting down');
      if (!database.availability.isUp) return fail('neo4j unreachable');
      const deadline = Date.now() + timeoutMs;
      let verdict: unknown;
      try {
        verdict = await withTimeout(
          database.verify().then(
            () => 'ok',
            (error: unknown) => error,
          ),
          timeoutMs,
          'Neo4j',
        );
      } catch {
        return fail(`neo4j gave no answer within ${timeoutMs} ms`);
      }
      if (verdict !== 'ok') {
        // Refused or lost, not merely slow: open the breaker so requests fail fast from now on.
        database.availability.markDown(`readiness: ${(verdict as Error).message}`);
        return fail('neo4j unreachable');
      }
      try {
        const repo = schemaRepository(database.scope('readiness'));
        const constraints = await withTimeout(repo.ready(), Math.max(1, deadline - Date.now()), 'Neo4j');
        return constraints ? true : fail('constraints missing');
      } catch (error) {
        return fail((error as Error).message);
      }
    },
  });
}
