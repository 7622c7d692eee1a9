import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';

const MISSING_KEYS = statement('import/missing-keys');

/** Reference checks for bulk imports: entities and sources are looked up by their own label. */
export function importChecksRepository(db: DbScope) {
  return {
    async missing(entityKeys: string[], sourceKeys: string[]) {
      if (!entityKeys.length && !sourceKeys.length) return { entities: [], sources: [] };
      const [row] = await db.read<{ entities: string[]; sources: string[] }>(MISSING_KEYS, { entityKeys, sourceKeys });
      return row ?? { entities: [], sources: [] };
    },
  };
}
