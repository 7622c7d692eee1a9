import type { Reader, TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { ChangeEntry, ChangeOp, ChangeRow } from '../domain/changes.ts';

const RECORD = statement('changes/record');
const AFTER = statement('changes/after');
const LAST = statement('changes/last');
const FACTS_CONCERNED = statement('changes/facts-concerned');

/** At most this many entries of the log are looked at by one read (a filtered read may match fewer). */
export const MAX_CHANGE_SCAN = 5_000;

export interface ChangeFilter {
  /** Entries concerning this entity key. */
  entity: string | null;
  /** Entries of these kinds (fact kinds, entity kinds, `Source`, link types). */
  kinds: string[] | null;
  /** Entries concerning this source key. */
  source: string | null;
}

export const NO_CHANGE_FILTER: ChangeFilter = { entity: null, kinds: null, source: null };

export interface ChangesAfter {
  /** Matching entries after the asked seq, oldest first. */
  changes: ChangeRow[];
  /**
   * Where the read stopped: the last returned seq when `limit` entries matched, else the end of the window looked at
   * (at most `scan` entries, at most the log's end). Reading on from it misses nothing and repeats nothing.
   */
  readTo: number;
  /** The log's last seq when the read ran. */
  last: number;
}

/** The change log: written inside each writing transaction, read by the feed and by tailers (subscriptions). */
export const changeLog = {
  /**
   * Appends entries in the caller's write transaction; call it as the transaction's last statement (it takes the
   * log's lock, which is then held until commit). Returns the seqs given, or null when there was nothing to record.
   */
  async record(
    tx: TxRunner,
    actor: string | null,
    changes: readonly ChangeEntry[],
  ): Promise<{ first: number; last: number; at: string } | null> {
    if (!changes.length) return null;
    const [row] = await tx.run<{ first: number; last: number; at: string }>(RECORD, { actor, changes });
    return row ?? null;
  },
  /** Log entries for facts changed by a statement that does not return what they concern (e.g. a rank change). */
  async factEntries(
    tx: TxRunner,
    op: ChangeOp,
    keys: readonly string[],
    reason: string | null,
  ): Promise<ChangeEntry[]> {
    if (!keys.length) return [];
    const rows = await tx.run<{ key: string; kind: string; entities: string[]; sources: string[] }>(FACTS_CONCERNED, {
      keys,
    });
    return rows.map((r) => ({ op, target: 'fact', ...r, fields: [], reason }));
  },
};

export function changeRepository(db: Reader) {
  return {
    /** Entries with seq > `after`, oldest first, bounded by `limit` and by a window of `scan` entries. */
    async after(
      after: number,
      limit: number,
      filter: ChangeFilter = NO_CHANGE_FILTER,
      scan = MAX_CHANGE_SCAN,
    ): Promise<ChangesAfter> {
      const [row] = await db.read<{ last: number; changes: ChangeRow[] }>(AFTER, {
        after: int(after),
        limit: int(limit),
        scan: int(scan),
        entity: filter.entity,
        kinds: filter.kinds,
        source: filter.source,
      });
      const last = row?.last ?? 0;
      const changes = row?.changes ?? [];
      const readTo =
        changes.length >= limit && changes.length > 0 ? changes[changes.length - 1]!.seq : Math.min(after + scan, last);
      return { changes, readTo: Math.max(readTo, after), last };
    },
    /** The log's last seq (0 when empty) and its time. */
    async last(): Promise<{ last: number; at: string | null }> {
      const [row] = await db.read<{ last: number; at: string | null }>(LAST);
      return row ?? { last: 0, at: null };
    },
  };
}
