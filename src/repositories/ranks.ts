import type { Reader, TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';
import { STATEMENT_SPECS } from '../domain/facts/index.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';

const REFRESH_GROUPS = statement('facts/refresh-groups');
const REGROUP = statement('facts/regroup');
const KEYS_OF_ENTITY = statement('facts/keys-of-entity');
const LOCK_GROUP = statement('ranks/lock-group');
const GROUP_FACTS = statement('ranks/group-facts');
const SET_RANKS = statement('ranks/set-ranks');
const CONFLICTS_PAGE = statement('conflicts/page');
const CONFLICTS_COUNT = statement('conflicts/count');
const CORROBORATION = statement('assertions/corroboration');

/** A fact of a statement group as a rank change reads it. */
export interface GroupFactRow {
  key: string;
  rank: string;
  reason: string | null;
  at: string | null;
  by: string | null;
  retracted: boolean;
}

/** Statement groups and ranks (docs/data-model.md "Ranks, conflicts and corroboration"); inside the caller's write. */
export const rankWrites = {
  /** Recomputes the contested/outranked flags of the groups (after facts, roles or ranks changed). */
  async refresh(tx: TxRunner, groups: readonly string[]) {
    const distinct = [...new Set(groups)].sort();
    if (distinct.length) await tx.run(REFRESH_GROUPS, { groups: distinct });
  },
  /** Recomputes the groups of the facts (their roles moved) and refreshes the groups they left and joined. */
  async regroup(tx: TxRunner, keys: readonly string[]) {
    if (!keys.length) return;
    const [row] = await tx.run<{ groups: string[] }>(REGROUP, { keys, statementSpecs: STATEMENT_SPECS });
    await rankWrites.refresh(tx, row?.groups ?? []);
  },
  /** The grouped facts an entity takes part in (read before a merge moves them). */
  async groupedFactsOf(tx: TxRunner, entityKey: string): Promise<string[]> {
    const [row] = await tx.run<{ keys: string[] }>(KEYS_OF_ENTITY, { key: entityKey });
    return row?.keys ?? [];
  },
  /** Locks the fact and its group (first write of the transaction); null when the fact does not exist. */
  async lockGroup(tx: TxRunner, key: string): Promise<{ group: string | null } | null> {
    const [row] = await tx.run<{ groupKey: string | null; facts: number }>(LOCK_GROUP, { key });
    return row ? { group: row.groupKey } : null;
  },
  async groupFacts(tx: TxRunner, key: string): Promise<GroupFactRow[]> {
    return tx.run<GroupFactRow>(GROUP_FACTS, { key });
  },
  async setRanks(tx: TxRunner, changes: { key: string; rank: string }[], reason: string, principal: string | null) {
    if (changes.length) await tx.run(SET_RANKS, { changes, reason, principal });
  },
};

export interface ConflictFilter {
  kinds: string[] | null;
  metric: string | null;
  entity: string | null;
  resolved: boolean | null;
}

/** A statement group whose facts disagree, with its facts (preferred first, then normal, then deprecated). */
export interface ConflictRow {
  groupKey: string;
  disagreeOn: string[];
  resolved: boolean;
  /** The first MAX_LISTED of its facts. */
  facts: AssertionRow[];
  factCount: number;
}

/** The most facts of a conflict, agreeing facts and publishers of a corroboration a read returns. */
export const MAX_LISTED = 100;

export interface CorroborationRow {
  key: string;
  agreeing: string[];
  agreeingCount: number;
  sources: number;
  origins: number;
  publishers: EntityRow[];
}

export function rankRepository(db: Reader) {
  return {
    async conflicts(filter: ConflictFilter, after: string | null, limit: number): Promise<ConflictRow[]> {
      return db.read<ConflictRow>(CONFLICTS_PAGE, {
        ...filter,
        after: after ?? '',
        limit: int(limit),
        factsLimit: int(MAX_LISTED),
      });
    },
    async conflictCount(filter: ConflictFilter): Promise<number> {
      const [row] = await db.read<{ total: number }>(CONFLICTS_COUNT, { ...filter, after: '' });
      return row?.total ?? 0;
    },
    async corroboration(keys: readonly string[]): Promise<(CorroborationRow | null)[]> {
      const rows = await db.read<CorroborationRow>(CORROBORATION, { keys, listLimit: int(MAX_LISTED) });
      const map = new Map(rows.map((r) => [r.key, r]));
      return keys.map((k) => map.get(k) ?? null);
    },
  };
}
