import type { Reader, TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import type { CandidateSide } from '../domain/resolution.ts';

const OF_ENTITIES = statement('judgements/of-entities');
const PAGE = statement('judgements/page');
const COUNT = statement('judgements/count');
const CANDIDATES = statement('resolution/candidates');
const LOCK_PAIR = statement('curation/lock-entity-pair');
const PAIR_JUDGEMENTS = statement('curation/pair-judgements');
const RECORD = statement('curation/record-judgement');
const SUPERSEDE = statement('curation/supersede-judgements');
const WITHDRAW = statement('curation/withdraw-judgement');
const STATE = statement('curation/judgement-state');
const RECORD_MERGE = statement('curation/record-merge');
const UNMERGE = statement('curation/unmerge');
const ALIAS_JUDGEMENTS = statement('epoch/alias-judgements');

export type Verdict = 'positive' | 'negative' | 'unsure';

/** A recorded entity-resolution decision (docs/data-model.md, "Entity resolution: judgements"). */
export interface JudgementRow {
  key: string;
  verdict: Verdict;
  /** For a merge, the kept entity; for an alias-table row, the entity the name means. */
  entity: string;
  /** For a merge, the removed entity; for a negative or unsure judgement, the other entity; null for a name. */
  other: string | null;
  /** For an alias-table row: the name as the dataset writes it. */
  name: string | null;
  reason: string;
  by: string | null;
  at: string;
  status: 'active' | 'withdrawn';
  merged: boolean | null;
  source: string | null;
  locator: string | null;
  firstSeen: string | null;
  occurrences: number | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawalReason: string | null;
  supersededBy: string | null;
}

/** What withdrawing a judgement needs to know, read after the pair's lock (curation/judgement-state). */
export interface JudgementState {
  judgement: JudgementRow;
  pair: string | null;
  hasCopy: boolean;
  recordedEdges: number;
  snapshotEdges: number;
  keptExists: boolean;
  keptNow: string | null;
  removedKeyTaken: boolean;
  linkedGone: { key: string; now: string | null }[];
}

export interface CandidateWindow {
  pairs: { entity: CandidateSide; other: CandidateSide }[];
  examined: number;
  lastExamined: string | null;
}

/** One row of the Epoch alias table as a judgement (epoch/alias-judgements). */
export interface AliasJudgementRow {
  key: string;
  entity: string;
  name: string;
  reason: string;
  source: string;
  locator: string;
  firstSeen: string;
  occurrences: number;
}

/** Judgement reads: by entity (DataLoader), a keyset page, and the resolution candidates. */
export function judgementRepository(db: Reader) {
  return {
    async ofEntities(keys: readonly string[], limit: number): Promise<JudgementRow[][]> {
      const rows = await db.read<{ requested: string; judgement: JudgementRow }>(OF_ENTITIES, {
        keys,
        limit: int(limit),
      });
      const map = new Map<string, JudgementRow[]>();
      for (const r of rows) map.set(r.requested, [...(map.get(r.requested) ?? []), r.judgement]);
      return keys.map((k) => map.get(k) ?? []);
    },
    async page(
      filter: { verdict: Verdict | null; status: 'active' | 'withdrawn' | null },
      after: { at: string; key: string } | null,
      limit: number,
    ): Promise<JudgementRow[]> {
      const rows = await db.read<{ judgement: JudgementRow }>(PAGE, {
        ...filter,
        afterAt: after?.at ?? null,
        afterKey: after?.key ?? null,
        limit: int(limit),
      });
      return rows.map((r) => r.judgement);
    },
    async count(filter: { verdict: Verdict | null; status: 'active' | 'withdrawn' | null }): Promise<number> {
      const [row] = await db.read<{ count: number }>(COUNT, filter);
      return row?.count ?? 0;
    },
    /** `after.other` null: continue after every pair of `after.entity` (the previous page examined all of them). */
    async candidates(
      after: { entity: string; other: string | null },
      scan: number,
      limit: number,
    ): Promise<CandidateWindow> {
      const [row] = await db.read<CandidateWindow>(CANDIDATES, {
        afterEntity: after.entity,
        afterOther: after.other ?? '',
        includeAfterEntity: after.other !== null,
        scan: int(scan),
        limit: int(limit),
      });
      return row ?? { pairs: [], examined: 0, lastExamined: null };
    },
  };
}

/** Judgement writes; each runs inside the caller's transaction. */
export const judgementWrites = {
  /** Must be the transaction's first write: later reads see what the pair's previous writer committed. */
  async lockPair(tx: TxRunner, pair: string, at: string) {
    await tx.run(LOCK_PAIR, { pair, at });
  },
  async activeOfPair(tx: TxRunner, pair: string): Promise<JudgementRow[]> {
    return (await tx.run<{ judgement: JudgementRow }>(PAIR_JUDGEMENTS, { pair })).map((r) => r.judgement);
  },
  async record(
    tx: TxRunner,
    j: { key: string; verdict: Verdict; pair: string; entity: string; other: string; reason: string; at: string },
    principal: string | null,
  ): Promise<JudgementRow> {
    const [row] = await tx.run<{ judgement: JudgementRow }>(RECORD, { ...j, principal });
    return row!.judgement;
  },
  async supersede(tx: TxRunner, pair: string, by: string, at: string, principal: string | null) {
    await tx.run(SUPERSEDE, { pair, by, at, principal });
  },
  async withdraw(tx: TxRunner, key: string, reason: string, at: string, principal: string | null) {
    const [row] = await tx.run<{ judgement: JudgementRow }>(WITHDRAW, { key, reason, at, principal });
    return row?.judgement ?? null;
  },
  async state(tx: TxRunner, key: string): Promise<JudgementState | null> {
    const [row] = await tx.run<JudgementState>(STATE, { key });
    return row ?? null;
  },
  async recordMerge(
    tx: TxRunner,
    m: { judgement: string; pair: string; keep: string; remove: string; reason: string; at: string },
    principal: string | null,
  ): Promise<boolean> {
    return (await tx.run(RECORD_MERGE, { ...m, principal })).length > 0;
  },
  async unmerge(tx: TxRunner, key: string, reason: string, at: string, principal: string | null) {
    const [row] = await tx.run<{ key: string; restored: number }>(UNMERGE, { key, reason, at, principal });
    return row ?? null;
  },
  async aliasJudgements(tx: TxRunner, rows: AliasJudgementRow[], at: string, by: string) {
    const given = rows.map((r) => ({ ...r, occurrences: int(r.occurrences) }));
    const [row] = await tx.run<{ written: number }>(ALIAS_JUDGEMENTS, { rows: given, at, by });
    return row?.written ?? 0;
  },
};
