import type { Driver, ManagedTransaction, SessionConfig } from 'neo4j-driver';

/** What one request sent to Neo4j: every statement with its parameters (to PROFILE them). */
export interface CypherLog {
  statements: { query: string; params: Record<string, unknown> }[];
}

/**
 * A driver look-alike (it has `session()`) that counts every `tx.run` of one request. @neo4j/graphql
 * accepts it as `context.executionContext`, so its Cypher goes through the real driver unchanged.
 */
export function countingDriver(driver: Driver, log: CypherLog) {
  const counted = (tx: ManagedTransaction) => ({
    run: (query: string, params: Record<string, unknown> = {}) => {
      log.statements.push({ query, params });
      return tx.run(query, params);
    },
  });
  return {
    session(config: SessionConfig) {
      const session = driver.session(config);
      return {
        executeRead: <T>(work: (tx: unknown) => Promise<T>, cfg?: object) =>
          session.executeRead((tx) => work(counted(tx)), cfg),
        executeWrite: <T>(work: (tx: unknown) => Promise<T>, cfg?: object) =>
          session.executeWrite((tx) => work(counted(tx)), cfg),
        close: () => session.close(),
      };
    },
  };
}
