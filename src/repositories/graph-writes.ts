import type { TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { type Conflict, storedValuesConflict } from '../domain/conflicts.ts';
import { STATEMENT_SPECS } from '../domain/facts/index.ts';
import type { assertionRow, curatorRow, entityRow, linkRow, ruleRow, sourceRow } from '../domain/records.ts';
import { rankWrites } from './ranks.ts';

const UPSERT_ENTITIES = statement('writes/upsert-entities');
const UPSERT_SOURCES = statement('writes/upsert-sources');
const UPSERT_LINKS = statement('writes/upsert-links');
const UPSERT_ASSERTIONS = statement('writes/upsert-assertions');
const UPSERT_CURATORS = statement('writes/upsert-curators');
const UPSERT_RULES = statement('writes/upsert-rules');
const MISSING_KEYS = statement('import/missing-keys');

type Written = { written: number };
const total = (rows: Written[]) => rows.reduce((n, r) => n + r.written, 0);
type Upserted = Written & { conflicts: Conflict[] };

/** An upsert that met stored values it must not overwrite changed nothing; the caller's transaction is rolled back. */
function refusingConflicts(what: 'entity' | 'source', rows: Upserted[]): number {
  const conflicts = rows.flatMap((r) => r.conflicts);
  if (conflicts.length) throw storedValuesConflict(what, conflicts);
  return total(rows);
}

/** Batched UNWIND writes; run inside a caller's transaction so a batch lands whole or not at all. */
export const graphWrites = {
  /** Throws CONFLICT (and writes nothing) when a row's kind or a given field differs from the stored value. */
  async entities(tx: TxRunner, rows: ReturnType<typeof entityRow>[]) {
    return rows.length ? refusingConflicts('entity', await tx.run<Upserted>(UPSERT_ENTITIES, { rows })) : 0;
  },
  /** Throws CONFLICT (and writes nothing) when a given field or the publisher differs from the stored value. */
  async sources(tx: TxRunner, rows: ReturnType<typeof sourceRow>[]) {
    return rows.length ? refusingConflicts('source', await tx.run<Upserted>(UPSERT_SOURCES, { rows })) : 0;
  },
  async links(tx: TxRunner, rows: ReturnType<typeof linkRow>[]) {
    return rows.length ? total(await tx.run<Written>(UPSERT_LINKS, { rows })) : 0;
  },
  async curators(tx: TxRunner, rows: ReturnType<typeof curatorRow>[]) {
    return rows.length ? total(await tx.run<Written>(UPSERT_CURATORS, { rows })) : 0;
  },
  async rules(tx: TxRunner, rows: ReturnType<typeof ruleRow>[]) {
    return rows.length ? total(await tx.run<Written>(UPSERT_RULES, { rows })) : 0;
  },
  /**
   * Writes the facts, then the statement groups of those of grouped kinds (and the contested/outranked flags of the
   * groups they left and joined); facts of other kinds form no group and are not read again.
   */
  async assertions(tx: TxRunner, rows: ReturnType<typeof assertionRow>[]) {
    if (!rows.length) return 0;
    const written = total(await tx.run<Written>(UPSERT_ASSERTIONS, { rows }));
    await rankWrites.regroup(
      tx,
      rows.filter((r) => r.kind in STATEMENT_SPECS).map((r) => r.key),
    );
    return written;
  },
  /** Entity keys that do not exist as entities (checked inside the writing transaction). */
  async missingEntities(tx: TxRunner, entityKeys: string[]): Promise<string[]> {
    if (!entityKeys.length) return [];
    const [row] = await tx.run<{ entities: string[] }>(MISSING_KEYS, { entityKeys, sourceKeys: [], curatorKeys: [] });
    return row?.entities ?? [];
  },
};
