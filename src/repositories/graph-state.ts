import { createHash } from 'node:crypto';
import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { systemRepository } from './system.ts';

const CHECKSUM = statement('system/checksum');
const KEYSPACE_COUNT = statement('system/keyspace-count');
const KEYSPACE_DELETE = statement('system/keyspace-delete');

/** Properties that record when and how something was written, not what the graph says. */
const VOLATILE = new Set(['createdAt', 'updatedAt', 'createdVia', 'createdBy']);

interface Row {
  part: 'N' | 'R';
  a: string | null;
  type: string;
  b: string | null;
  labels: string[];
  props: Record<string, unknown>;
}

function canonical(row: Row): string {
  const props = Object.keys(row.props)
    .filter((k) => !VOLATILE.has(k))
    .sort()
    .map((k) => [k, row.props[k]]);
  return JSON.stringify([row.part, row.a, row.type, row.b, [...row.labels].sort(), props]);
}

/**
 * Whole-graph state for "nothing changed" checks (idempotent imports, rejected writes): node and
 * relationship counts plus a sha256 over every node's labels and properties and every
 * relationship's type, end keys and properties, in sorted order. createdAt/updatedAt are left out.
 * It reads the whole graph into memory: meant for tests and small graphs.
 */
export function graphStateRepository(db: DbScope) {
  return {
    async checksum(): Promise<string> {
      const rows = await db.read<Row>(CHECKSUM);
      const lines = rows.map(canonical).sort();
      const hash = createHash('sha256');
      for (const line of lines) hash.update(line).update('\n');
      return `sha256:${hash.digest('hex')}`;
    },
    /** Nodes whose key contains `marker` (a test's or benchmark's own key space, e.g. "test-import-"). */
    async keyspaceCount(marker: string): Promise<number> {
      const [row] = await db.read<{ nodes: number }>(KEYSPACE_COUNT, { marker });
      return row?.nodes ?? 0;
    },
    async deleteKeyspace(marker: string): Promise<number> {
      if (marker.length < 6) throw new Error('refusing to delete by a marker shorter than 6 characters');
      const [row] = await db.write<{ deleted: number }>(KEYSPACE_DELETE, { marker });
      return row?.deleted ?? 0;
    },
    async snapshot() {
      const [counts, checksum] = await Promise.all([systemRepository(db).counts(), this.checksum()]);
      return { nodes: counts.nodes, relationships: counts.relationships, checksum };
    },
  };
}
