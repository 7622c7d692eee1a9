import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';

const REVISIONS = statement('curation/revisions');

/** A stored value that updateEntity or updateSource replaced. */
export interface RevisionRow {
  field: string;
  before: string | null;
  after: string | null;
  reason: string;
  at: string;
  by: string | null;
}

/** At most this many revisions per entity or source are read (newest first). */
export const MAX_REVISIONS = 100;

export function revisionRepository(db: Reader) {
  return {
    async of(keys: readonly string[]): Promise<RevisionRow[][]> {
      const rows = await db.read<{ key: string; revisions: RevisionRow[] }>(REVISIONS, {
        keys,
        limit: int(MAX_REVISIONS),
      });
      const map = new Map(rows.map((r) => [r.key, r.revisions]));
      return keys.map((k) => map.get(k) ?? []);
    },
  };
}
