import { systemQueries } from '../../queries/views.ts';
import { builder } from '../builder.ts';

interface SystemInfo {
  version: string;
  neo4jVersion: string;
  neo4jEdition: string;
  database: string;
}

const SystemInfoRef = builder.objectRef<SystemInfo>('SystemInfo').implement({
  description: 'The running service and the Neo4j it reads from (queried live).',
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Version of this service.' }),
    neo4jVersion: t.exposeString('neo4jVersion', { description: 'Version of the Neo4j kernel answering.' }),
    neo4jEdition: t.exposeString('neo4jEdition', { description: 'community or enterprise.' }),
    database: t.exposeString('database', { description: 'Name of the Neo4j database in use.' }),
  }),
});

builder.queryField('system', (t) =>
  t.field({
    type: SystemInfoRef,
    description: 'Service and database versions; reading it runs one Cypher statement against Neo4j.',
    resolve: (_root, _args, ctx) => systemQueries.info(ctx),
  }),
);
