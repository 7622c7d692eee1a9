import type { TxRunner } from '../db/database.ts';
import { isConstraintViolation } from '../db/errors.ts';
import { statement } from '../db/statements.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';

const RETRACT = statement('curation/retract-assertion');
const MERGE = statement('curation/merge-entities');
const FIND_SOURCE = statement('curation/find-source');
const REDIRECTS = statement('curation/redirects');
const CLAIM_ASSERTION_KEY = statement('curation/claim-assertion-key');
const ENTITY_KINDS = statement('curation/entity-kinds');
const UPDATE_ENTITY = statement('curation/update-entity');
const UPDATE_SOURCE = statement('curation/update-source');

export interface SourceMatches {
  byKey: string | null;
  byUrl: string | null;
  byHash: string | null;
}

/** Curation writes; each runs inside the caller's transaction. */
export const curationWrites = {
  async retract(tx: TxRunner, key: string, reason: string, principal: string | null): Promise<AssertionRow | null> {
    const [row] = await tx.run<{ assertion: AssertionRow }>(RETRACT, { key, reason, principal });
    return row?.assertion ?? null;
  },
  async merge(
    tx: TxRunner,
    m: { keep: string; remove: string; reason: string; principal: string | null; judgement: string; at: string },
  ) {
    const [row] = await tx.run<{ entity: EntityRow }>(MERGE, m);
    return row?.entity ?? null;
  },
  async findSource(tx: TxRunner, key: string | null, url: string | null, contentHash: string | null) {
    const [row] = await tx.run<SourceMatches>(FIND_SOURCE, { key, url, contentHash });
    return row ?? { byKey: null, byUrl: null, byHash: null };
  },
  /**
   * Creates the fact's node; false when the key is taken (by a committed fact, or by a concurrent transaction that
   * then committed). Must be the transaction's first write: after a false the transaction can only roll back.
   */
  async claimAssertionKey(tx: TxRunner, key: string, principal: string | null): Promise<boolean> {
    try {
      await tx.run(CLAIM_ASSERTION_KEY, { key, principal });
      return true;
    } catch (error) {
      if (isConstraintViolation(error)) return false;
      throw error;
    }
  },
  async entityKinds(tx: TxRunner, keys: string[]) {
    return tx.run<{ key: string; kind: string; name: string }>(ENTITY_KINDS, { keys });
  },
  async updateEntity(
    tx: TxRunner,
    change: {
      key: string;
      changes: Record<string, string>;
      aliases: string[];
      aliasKeys: string[];
      relabel: { from: string; to: string } | null;
      revisions: { field: string; before: string | null; after: string }[];
      reason: string;
      principal: string | null;
    },
  ) {
    const [row] = await tx.run<{ entity: EntityRow }>(UPDATE_ENTITY, change);
    return row?.entity ?? null;
  },
  async updateSource(
    tx: TxRunner,
    change: {
      key: string;
      changes: Record<string, string>;
      revisions: { field: string; before: string | null; after: string }[];
      reason: string;
      principal: string | null;
    },
  ) {
    const [row] = await tx.run<{ key: string }>(UPDATE_SOURCE, change);
    return row?.key ?? null;
  },

  async redirects(tx: TxRunner, keys: string[]) {
    return keys.length ? tx.run<{ key: string; target: string }>(REDIRECTS, { keys }) : [];
  },
};
