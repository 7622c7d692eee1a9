import { readFileSync } from 'node:fs';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';

/** The executable schema from typeDefs.graphql; no APOC or other plugin is needed for these reads. */
export function neo4jGraphqlSchema(driver: Driver) {
  const typeDefs = readFileSync(new URL('./typeDefs.graphql', import.meta.url), 'utf8');
  return new Neo4jGraphQL({ typeDefs, driver }).getSchema();
}
