import type { DbScope } from '../db/database.ts';
import { type Statement, statement, statementList, statementNames } from '../db/statements.ts';
import { int } from '../db/values.ts';
import { schemaRepository } from './schema.ts';

/** A numbered migration, `cypher/migrations/NNNN-name.cypher`: its statements run one after another, in file order. */
export interface Migration {
  id: number;
  name: string;
  statements: Statement[];
}

/** A migration as recorded in the graph. */
export interface AppliedMigration {
  id: number;
  name: string;
  checksum: string;
  appliedAt: string;
}

export interface LockState {
  acquired: boolean;
  /** Who holds the lock now (the caller when acquired). */
  owner: string | null;
  expiresAt: string | null;
}

const DIR = 'migrations/';
const FILE_NAME = /^migrations\/(\d{4})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** The one lock node every runner MERGEs on. */
const LOCK = 'migrations';

/**
 * The migrations in cypher/migrations, by number. A file named otherwise, or two files with one number (two branches
 * that each added the next migration), stop the start: the order of migrations must never be in doubt.
 */
function loadMigrations(): Migration[] {
  const byId = new Map<number, Migration>();
  for (const file of statementNames().filter((n) => n.startsWith(DIR))) {
    const match = FILE_NAME.exec(file);
    if (!match) {
      throw new Error(`cypher/${file}.cypher: a migration file is named NNNN-lower-case-words.cypher (e.g. 0002-x-y)`);
    }
    const id = Number(match[1]);
    const other = byId.get(id);
    if (other) {
      throw new Error(
        `cypher/${file}.cypher and cypher/migrations/${migrationLabel(other)}.cypher share the number ${match[1]}: ` +
          'renumber the newer one after the last migration',
      );
    }
    byId.set(id, { id, name: match[2] ?? '', statements: statementList(file) });
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** `0001-unit-price-property-names`: how a migration is named in messages and logs. */
export function migrationLabel(m: { id: number; name: string }): string {
  return `${String(m.id).padStart(4, '0')}-${m.name}`;
}

export const MIGRATIONS: readonly Migration[] = loadMigrations();

const LEDGER_SCHEMA = statementList('migration-ledger/schema');
const APPLIED = statement('migration-ledger/applied');
const ACQUIRE = statement('migration-ledger/acquire-lock');
const RENEW = statement('migration-ledger/renew-lock');
const RELEASE = statement('migration-ledger/release-lock');
const RECORD = statement('migration-ledger/record');

/** The migration ledger (:Migration nodes), its lock (one :MigrationLock node), and running a migration's statements. */
export function migrationRepository(db: DbScope) {
  return {
    /** The ledger's constraints, when missing (as schema/constraints: src/repositories/schema.ts). */
    async prepare() {
      await schemaRepository(db).apply(LEDGER_SCHEMA);
    },
    applied(): Promise<AppliedMigration[]> {
      return db.read<AppliedMigration>(APPLIED);
    },
    async acquire(owner: string, leaseMs: number): Promise<LockState> {
      const [row] = await db.write<LockState>(ACQUIRE, { lock: LOCK, owner, leaseMs: int(leaseMs) });
      return row ?? { acquired: false, owner: null, expiresAt: null };
    },
    /** False when `owner` no longer holds the lock. */
    async renew(owner: string, leaseMs: number): Promise<boolean> {
      const [row] = await db.write<{ held: number }>(RENEW, { lock: LOCK, owner, leaseMs: int(leaseMs) });
      return (row?.held ?? 0) > 0;
    },
    async release(owner: string): Promise<boolean> {
      const [row] = await db.write<{ released: number }>(RELEASE, { lock: LOCK, owner });
      return (row?.released ?? 0) > 0;
    },
    /** One statement of a migration: auto-commit (it may batch itself with CALL … IN TRANSACTIONS), no timeout. */
    async run(s: Statement): Promise<void> {
      await db.writeAutoCommit(s, {}, { timeoutMs: 0 });
    },
    /** False when `owner` no longer holds the lock (nothing is recorded then). */
    async record(owner: string, m: { id: number; name: string; checksum: string; ms: number }): Promise<boolean> {
      const rows = await db.write(RECORD, {
        lock: LOCK,
        owner,
        id: int(m.id),
        name: m.name,
        checksum: m.checksum,
        ms: int(Math.round(m.ms)),
      });
      return rows.length > 0;
    },
  };
}

export type MigrationRepository = ReturnType<typeof migrationRepository>;
