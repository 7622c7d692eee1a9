import type { DbScope, TxRunner } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import type { sourceRow } from '../domain/records.ts';

const UPSERT_TEXTS = statement('writes/upsert-source-texts');
const TEXTS = statement('sources/texts');

type Runner = Pick<TxRunner, 'run'>;
const READ_CHUNK = 10_000;
export interface StoredText {
  key: string;
  sha256: string;
  text: string | null;
}

/** Source full texts: written beside the sources, read for snippet verification (in or outside a transaction). */
export const sourceTexts = {
  async write(tx: TxRunner, rows: ReturnType<typeof sourceRow>[]) {
    const withText = rows.flatMap((r) =>
      r.text === null ? [] : [{ key: r.key, text: r.text, textSha256: r.textSha256 }],
    );
    if (!withText.length) return 0;
    const [row] = await tx.run<{ written: number }>(UPSERT_TEXTS, { rows: withText });
    return row?.written ?? 0;
  },
  /** Texts (or only their hashes) of those sources that have one; inside a write transaction. */
  async inTransaction(tx: Runner, keys: string[], withText = true): Promise<Map<string, StoredText>> {
    if (!keys.length) return new Map();
    const rows = await tx.run<StoredText>(TEXTS, { keys: [...new Set(keys)], withText });
    return new Map(rows.map((r) => [r.key, r]));
  },
  /** The same, for import validation (before any write), in chunks of 10,000 keys. */
  async read(db: DbScope, keys: string[], withText = true): Promise<Map<string, StoredText>> {
    const unique = [...new Set(keys)];
    const found = new Map<string, StoredText>();
    for (let i = 0; i < unique.length; i += READ_CHUNK) {
      const rows = await db.read<StoredText>(TEXTS, { keys: unique.slice(i, i + READ_CHUNK), withText });
      for (const r of rows) found.set(r.key, r);
    }
    return found;
  },
};
