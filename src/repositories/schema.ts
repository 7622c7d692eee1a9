import type { DbScope } from '../db/database.ts';
import { statement, statementList } from '../db/statements.ts';

const CONSTRAINTS = statementList('schema/constraints');
const CHECK = statement('schema/check');
/** The four uniqueness constraints and the two search indexes (cypher/schema/check). */
const REQUIRED_CONSTRAINTS = 6;

export function schemaRepository(db: DbScope) {
  return {
    /** Schema statements cannot share a transaction with writes, so each runs on its own. */
    async apply() {
      for (const s of CONSTRAINTS) await db.write(s);
    },
    async ready(): Promise<boolean> {
      const [row] = await db.read<{ present: number }>(CHECK);
      return (row?.present ?? 0) >= REQUIRED_CONSTRAINTS;
    },
  };
}
