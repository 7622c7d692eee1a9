import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import type { Conflict } from '../domain/conflicts.ts';

const MISSING_KEYS = statement('import/missing-keys');
const CLASHES = statement('import/clashes');

export interface ClashCheckRow {
  line: number;
  key: string;
  kind?: string;
  props: Record<string, unknown>;
}

/** Reference checks for bulk imports: entities and sources are looked up by their own label. */
export function importChecksRepository(db: DbScope) {
  return {
    async missing(entityKeys: string[], sourceKeys: string[], curatorKeys: string[] = []) {
      const none = { entities: [] as string[], sources: [] as string[], curators: [] as string[] };
      if (!entityKeys.length && !sourceKeys.length && !curatorKeys.length) return none;
      const [row] = await db.read<{ entities: string[]; sources: string[]; curators: string[] }>(MISSING_KEYS, {
        entityKeys,
        sourceKeys,
        curatorKeys,
      });
      return row ?? none;
    },
    /** Lines whose entity or source differs from the stored one (writes/upsert-* would refuse them), with the line. */
    async clashes(entities: ClashCheckRow[], sources: ClashCheckRow[]) {
      if (!entities.length && !sources.length) return { entities: [], sources: [] };
      const [row] = await db.read<{ entities: Required<Conflict>[]; sources: Required<Conflict>[] }>(CLASHES, {
        entities,
        sources,
      });
      return row ?? { entities: [], sources: [] };
    },
  };
}
