import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow, SourceRow } from '../domain/rows.ts';

const BY_KEYS = statement('sources/by-keys');
const PAGE = statement('sources/page');
const COUNT = statement('sources/count');
const ASSERTIONS = statement('sources/assertions');

export function sourceRepository(db: Reader) {
  return {
    async byKeys(keys: readonly string[]): Promise<(SourceRow | null)[]> {
      const rows = await db.read<{ requested: string; source: SourceRow | null }>(BY_KEYS, { keys });
      const found = new Map(rows.map((r) => [r.requested, r.source]));
      return keys.map((k) => found.get(k) ?? null);
    },
    async page(titleContains: string | null, after: string | null, limit: number): Promise<SourceRow[]> {
      const rows = await db.read<{ source: SourceRow }>(PAGE, { titleContains, after: after ?? '', limit: int(limit) });
      return rows.map((r) => r.source);
    },
    async count(titleContains: string | null): Promise<number> {
      const [row] = await db.read<{ total: number }>(COUNT, { titleContains });
      return row?.total ?? 0;
    },
    async assertions(keys: readonly string[], limit: number): Promise<AssertionRow[][]> {
      const rows = await db.read<{ key: string; assertions: AssertionRow[] }>(ASSERTIONS, { keys, limit: int(limit) });
      const map = new Map(rows.map((r) => [r.key, r.assertions]));
      return keys.map((k) => map.get(k) ?? []);
    },
  };
}
