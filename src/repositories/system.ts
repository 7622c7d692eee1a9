import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';

const INFO = statement('system/info');
const COUNTS = statement('system/counts');
const LABEL_COUNTS = statement('system/label-counts');

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
    /** Nodes per label (Company, Domicile, Assertion, Source …), from the count store. */
    async labelCounts(): Promise<Map<string, number>> {
      const rows = await db.read<{ label: string; count: number }>(LABEL_COUNTS);
      return new Map(rows.map((r) => [r.label, r.count]));
    },
    async counts() {
      const [row] = await db.read<{ nodes: number; relationships: number; entities: number }>(COUNTS);
      return row ?? { nodes: 0, relationships: 0, entities: 0 };
    },
  };
}
