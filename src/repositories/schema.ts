import type { DbScope } from '../db/database.ts';
import { schemaRuleExisted } from '../db/errors.ts';
import { statement, statementList } from '../db/statements.ts';

const CONSTRAINTS = statementList('schema/constraints');
const CHECK = statement('schema/check');
/** The four uniqueness constraints and the two search indexes (cypher/schema/check). */
const REQUIRED_CONSTRAINTS = 6;

export function schemaRepository(db: DbScope) {
  return {
    /**
     * Schema statements cannot share a transaction with writes, so each runs on its own. Replicas starting together
     * run them at once: a `CREATE … IF NOT EXISTS` that another one won is done, not an error.
     */
    async apply() {
      for (const s of CONSTRAINTS) await db.write(s).catch(unlessSchemaRuleExisted);
    },
    async ready(): Promise<boolean> {
      const [row] = await db.read<{ present: number }>(CHECK);
      return (row?.present ?? 0) >= REQUIRED_CONSTRAINTS;
    },
  };
}

/** Rethrows anything but a lost `IF NOT EXISTS` race (src/db/errors.ts schemaRuleExisted). */
export function unlessSchemaRuleExisted(error: unknown): void {
  if (!schemaRuleExisted(error)) throw error;
}
