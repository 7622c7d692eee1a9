import { createServer } from 'node:http';
import { createYoga, type Plugin } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { contenderArgs } from '../../lib/contender-args.ts';
import { type CypherLog, countingDriver } from '../../lib/counting-driver.ts';
import { neo4jGraphqlSchema } from './schema.ts';

/** Contender 2: @neo4j/graphql 7 served by the same graphql-yoga, Node and driver as the service. */
const args = contenderArgs();
const driver = neo4j.driver(args.uri, neo4j.auth.basic(args.user, args.password), {
  maxConnectionPoolSize: args.poolSize,
});

export interface Neo4jGraphqlContext {
  executionContext: ReturnType<typeof countingDriver>;
  sessionConfig: { database: string };
  cypherLog: CypherLog;
}

/** Same extension as the service: `extensions.cypher.statements`. */
const reportStatements: Plugin<Neo4jGraphqlContext> = {
  onExecute: () => ({
    onExecuteDone({ args: { contextValue }, result, setResult }) {
      if (!('data' in result) && !('errors' in result)) return;
      const statements = (contextValue as Neo4jGraphqlContext).cypherLog.statements.length;
      setResult({ ...result, extensions: { ...result.extensions, cypher: { statements } } });
    },
  }),
};

const yoga = createYoga<Record<string, unknown>, Neo4jGraphqlContext>({
  schema: await neo4jGraphqlSchema(driver),
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: 'error',
  context: () => {
    const cypherLog: CypherLog = { statements: [] };
    return {
      executionContext: countingDriver(driver, cypherLog),
      sessionConfig: { database: args.database },
      cypherLog,
    };
  },
  plugins: [reportStatements],
});

createServer(yoga).listen(args.port, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${args.port}/graphql`));
