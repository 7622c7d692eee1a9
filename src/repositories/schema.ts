import type { DbScope } from '../db/database.ts';
import { schemaRuleExisted } from '../db/errors.ts';
import { type Statement, statement, statementList } from '../db/statements.ts';

export const SCHEMA_STATEMENTS = statementList('schema/constraints');
const CHECK = statement('schema/check');
const INDEXES = statement('schema/indexes');
const CONSTRAINT_NAMES = statement('schema/constraint-names');
/** The four uniqueness constraints and the two search indexes (cypher/schema/check). */
const REQUIRED_CONSTRAINTS = 6;

/** The graph's indexes and constraints by name, and whether every index is online. */
export interface SchemaState {
  names: Set<string>;
  allOnline: boolean;
}

const CREATES =
  /^CREATE\s+(?:CONSTRAINT|(?:RANGE\s+|TEXT\s+|POINT\s+|FULLTEXT\s+|LOOKUP\s+|VECTOR\s+)?INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i;
const DROPS = /^DROP\s+(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+EXISTS\s*$/i;
const AWAITS = /^CALL\s+db\.awaitIndexes\s*\(/i;

/**
 * Of a list of schema statements, those that would change something on a graph in `state`, in order. `CREATE …
 * name IF NOT EXISTS` does nothing when a rule of that name exists, `DROP … name IF EXISTS` nothing when none does,
 * and `CALL db.awaitIndexes` has nothing to wait for when every index is online and none was just created: leaving
 * those out changes no outcome. Any other statement always runs.
 */
export function pendingSchema(statements: readonly Statement[], state: SchemaState): Statement[] {
  let creates = false;
  return statements.filter((s) => {
    const create = CREATES.exec(s.text);
    if (create) {
      const todo = !state.names.has(create[1]!);
      creates ||= todo;
      return todo;
    }
    const drop = DROPS.exec(s.text);
    if (drop) return state.names.has(drop[1]!);
    if (AWAITS.test(s.text)) return creates || !state.allOnline;
    return true;
  });
}

export function schemaRepository(db: DbScope) {
  /** Two reads, sent together. */
  async function state(): Promise<SchemaState> {
    const [indexes, constraints] = await Promise.all([
      db.read<{ name: string; state: string }>(INDEXES),
      db.read<{ name: string }>(CONSTRAINT_NAMES),
    ]);
    return {
      names: new Set([...indexes, ...constraints].map((r) => r.name)),
      allOnline: indexes.every((r) => r.state === 'ONLINE'),
    };
  }
  return {
    state,
    /**
     * Schema statements cannot share a transaction with writes, so each runs on its own; a start on a graph that has
     * them all runs none (pendingSchema), which saves ~30 write transactions per start. Replicas starting together
     * run them at once: a `CREATE … IF NOT EXISTS` that another one won is done, not an error.
     */
    async apply(statements: readonly Statement[] = SCHEMA_STATEMENTS) {
      for (const s of pendingSchema(statements, await state())) await db.write(s).catch(unlessSchemaRuleExisted);
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
