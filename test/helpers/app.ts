import { inject } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { Database } from '../../src/db/database.ts';
import { createLogger } from '../../src/server/logger.ts';
import { buildYoga } from '../../src/server/yoga.ts';

/** A Database and an in-process Yoga against the run's real Neo4j (see test/setup/neo4j.ts). */
export function testApp() {
  const neo4j = inject('neo4j');
  const database = new Database({ ...loadConfig().neo4j, ...neo4j });
  const yoga = buildYoga({ database, logger: createLogger('silent') });
  return { database, yoga, neo4j };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cypher?: { statements: number }; requestId?: string };
}

export async function gql<T = Record<string, any>>(
  yoga: ReturnType<typeof buildYoga>,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Environment variables that point a child process (a CLI, the server) at the run's Neo4j. */
export function neo4jEnv(): Record<string, string> {
  const neo4j = inject('neo4j');
  return {
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
  };
}
