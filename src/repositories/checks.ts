import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';

const SUPPORTS_OF_SOURCE = statement('checks/supports-of-source');
const UNSUPPORTED = statement('checks/unsupported-assertions');
const INEXACT_MONEY = statement('checks/inexact-money');
const KEYLESS = statement('checks/keyless-nodes');

/** Integrity checks over the whole graph: provenance, exact money, keys. */
export function checksRepository(db: DbScope) {
  return {
    supportsOf: (source: string) =>
      db.read<{ assertion: string; snippet: string; start: number | null; end: number | null }>(SUPPORTS_OF_SOURCE, {
        source,
      }),
    async unsupportedAssertions() {
      return (await db.read<{ keys: string[] }>(UNSUPPORTED))[0]?.keys ?? [];
    },
    async inexactMoney() {
      return (await db.read<{ problems: string[] }>(INEXACT_MONEY))[0]?.problems ?? [];
    },
    async keylessNodes() {
      return (await db.read<{ count: number }>(KEYLESS))[0]?.count ?? 0;
    },
  };
}
