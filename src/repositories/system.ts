import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';

const INFO = statement('system/info');
const COUNTS = statement('system/counts');

export const SERVICE_VERSION = '0.1.0';

export function systemRepository(db: DbScope) {
  return {
    async info() {
      const [row] = await db.read<{ neo4jVersion: string; neo4jEdition: string }>(INFO);
      return {
        version: SERVICE_VERSION,
        neo4jVersion: row?.neo4jVersion ?? 'unknown',
        neo4jEdition: row?.neo4jEdition ?? 'unknown',
        database: db.databaseName,
      };
    },
    async counts() {
      const [row] = await db.read<{ nodes: number; relationships: number; entities: number }>(COUNTS);
      return row ?? { nodes: 0, relationships: 0, entities: 0 };
    },
  };
}
