import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { AssertionRow, SourceRow } from '../domain/rows.ts';
import { type Props, rowOf } from './projection.ts';

const BY_KEYS = statement('sources/by-keys');
const PAGE = statement('sources/page');
const COUNT = statement('sources/count');
const ASSERTIONS = statement('sources/assertions');

export function sourceRepository(db: Reader) {
  return {
    /** In key order; null where no source has the key. `props`: the properties to read (null: all). */
    async byKeys(keys: readonly string[], props: Props = null): Promise<(SourceRow | null)[]> {
      const rows = await db.read<{ requested: string; source: SourceRow | null; values: unknown[] | null }>(BY_KEYS, {
        keys,
        props,
      });
      const found = new Map(rows.map((r) => [r.requested, rowOf<SourceRow>(props, r.source ?? r.values)]));
      return keys.map((k) => found.get(k) ?? null);
    },
    /** `props`: the properties to read (null: all; `publisherKey` is the publisher's key). */
    async page(titleContains: string | null, after: string | null, limit: number, props: Props = null) {
      const rows = await db.read<{ source: SourceRow | null; values: unknown[] }>(PAGE, {
        titleContains,
        after: after ?? '',
        limit: int(limit),
        props,
      });
      return rows.map((r) => rowOf<SourceRow>(props, r.source ?? r.values) as SourceRow);
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
