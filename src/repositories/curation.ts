import type { TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import type { AssertionRow, EntityRow } from '../domain/rows.ts';

const RETRACT = statement('curation/retract-assertion');
const MERGE = statement('curation/merge-entities');
const FIND_SOURCE = statement('curation/find-source');
const REDIRECTS = statement('curation/redirects');

/** Curation writes; each runs inside the caller's transaction. */
export const curationWrites = {
  async retract(tx: TxRunner, key: string, reason: string, principal: string | null): Promise<AssertionRow | null> {
    const [row] = await tx.run<{ assertion: AssertionRow }>(RETRACT, { key, reason, principal });
    return row?.assertion ?? null;
  },
  async merge(tx: TxRunner, keep: string, remove: string, reason: string, principal: string | null) {
    const [row] = await tx.run<{ entity: EntityRow }>(MERGE, { keep, remove, reason, principal });
    return row?.entity ?? null;
  },
  async findSource(tx: TxRunner, key: string | null, url: string | null, contentHash: string | null) {
    const [row] = await tx.run<{ key: string | null }>(FIND_SOURCE, { key, url, contentHash });
    return row?.key ?? null;
  },
  async redirects(tx: TxRunner, keys: string[]) {
    return keys.length ? tx.run<{ key: string; target: string }>(REDIRECTS, { keys }) : [];
  },
};
