import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DbScope } from '../db/database.ts';
import {
  type AppliedMigration,
  MIGRATIONS,
  type Migration,
  type MigrationRepository,
  migrationLabel,
  migrationRepository,
} from '../repositories/migrations.ts';
import { schemaRepository } from '../repositories/schema.ts';

/**
 * Numbered migrations of the stored data and schema (cypher/migrations/NNNN-name.cypher), applied in order, each
 * once: at start before the schema step and the seed (src/services/seed.ts), and by `npm run migrate`. Each applied
 * migration is recorded in the graph as a :Migration node (id, name, checksum, appliedAt). Runners on several
 * replicas take turns through one lock node; an applied migration whose file changed stops them all.
 */

/**
 * Migrating failed or was refused (the graph and the code disagree about the migrations, or the lock could not be
 * had): the message says which migration and what to do. The service does not start.
 */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationOptions {
  /** How long to wait while another runner (another replica) holds the lock. */
  lockTimeoutMs: number;
  /** How long the lock stays ours without a renewal: a runner that dies frees it after this long. */
  leaseMs?: number;
  /** How often a waiting runner asks for the lock again. */
  pollMs?: number;
  /** The migrations to apply: the files in cypher/migrations unless a test gives others. */
  migrations?: readonly Migration[];
  /** Names this runner in the lock and in the records (default host:pid:random). */
  owner?: string;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface MigrationOutcome {
  /** Applied by this runner, in order, with how long each took. */
  applied: { id: number; name: string; ms: number }[];
  /** Already recorded in the graph before this runner applied anything. */
  alreadyApplied: number;
}

/** MIGRATION_LOCK_TIMEOUT_MS's default, for the tools that run without the service's config (importer, tests). */
export const DEFAULT_LOCK_TIMEOUT_MS = 600_000;
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 500;

/**
 * What a migration does, as a checksum: the sha256 of its statements as sent to Neo4j (comment lines and indentation
 * left out, src/db/statements.ts), so a reworded comment changes nothing and any change of Cypher is refused.
 */
export function checksumOf(m: Migration): string {
  const hash = createHash('sha256');
  for (const s of m.statements) hash.update(s.text).update('\n;\n');
  return `sha256:${hash.digest('hex')}`;
}

/**
 * The migrations still to apply, after checking the ledger against the files: every recorded migration must still
 * exist with its name and checksum, and nothing may be pending below the last applied number.
 */
export function pendingOf(migrations: readonly Migration[], applied: readonly AppliedMigration[]): Migration[] {
  const files = new Map(migrations.map((m) => [m.id, m]));
  for (const record of applied) {
    const label = migrationLabel(record);
    const file = files.get(record.id);
    if (!file) {
      throw new MigrationError(
        `The graph has migration ${label} applied (${record.appliedAt}), which this version of the service does not ` +
          'have: the data was migrated by a newer version. Run that version (or one with cypher/migrations/' +
          `${label}.cypher) against this graph.`,
      );
    }
    if (file.name !== record.name) {
      throw new MigrationError(
        `Migration ${String(record.id).padStart(4, '0')} was applied as ${label} (${record.appliedAt}), but ` +
          `cypher/migrations/${migrationLabel(file)}.cypher now has that number. An applied migration keeps its number ` +
          'and name: restore the file, and give a new migration the next free number.',
      );
    }
    const checksum = checksumOf(file);
    if (checksum !== record.checksum) {
      throw new MigrationError(
        `Migration ${label} was applied (${record.appliedAt}) with checksum ${record.checksum}, but ` +
          `cypher/migrations/${label}.cypher now has ${checksum}: an applied migration must not change. Restore the ` +
          'file as it was applied (git log -p on it), and put the change in a new migration.',
      );
    }
  }
  const done = new Set(applied.map((a) => a.id));
  const pending = migrations.filter((m) => !done.has(m.id));
  const last = applied.reduce<AppliedMigration | undefined>((max, a) => (!max || a.id > max.id ? a : max), undefined);
  const early = last && pending.find((m) => m.id < last.id);
  if (early && last) {
    throw new MigrationError(
      `Migration ${migrationLabel(early)} is not applied, but ${migrationLabel(last)} after it is: migrations run in ` +
        `number order. Renumber ${migrationLabel(early)} after ${migrationLabel(last)}.`,
    );
  }
  return pending;
}

/** The migrations not yet applied to this graph (after the checks of pendingOf); changes nothing. */
export async function pendingMigrations(db: DbScope, migrations: readonly Migration[] = MIGRATIONS) {
  const repo = migrationRepository(db);
  await repo.prepare();
  return pendingOf(migrations, await repo.applied());
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Applies the pending migrations in order, each once, and records each in the graph. Safe when several runners start
 * at once: they take turns through the lock, and each reads the ledger again once it holds the lock, so a migration
 * another runner applied meanwhile is not applied twice. A runner that finds nothing pending takes no lock.
 */
export async function migrate(db: DbScope, options: MigrationOptions): Promise<MigrationOutcome> {
  const migrations = options.migrations ?? MIGRATIONS;
  const repo = migrationRepository(db);
  await repo.prepare();
  const before = await repo.applied();
  if (pendingOf(migrations, before).length === 0) return { applied: [], alreadyApplied: before.length };

  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  await acquire(repo, owner, leaseMs, options);
  const lease = keepLease(repo, owner, leaseMs);
  try {
    const applied = await repo.applied();
    const pending = pendingOf(migrations, applied);
    const done: MigrationOutcome['applied'] = [];
    for (const m of pending) {
      const label = migrationLabel(m);
      options.log?.(`applying migration ${label}`, { migration: label, statements: m.statements.length });
      const started = performance.now();
      for (const [i, s] of m.statements.entries()) {
        lease.check();
        try {
          await repo.run(s);
        } catch (error) {
          throw new MigrationError(
            `Migration ${label} failed at statement ${i + 1} of ${m.statements.length} (nothing of it is recorded; ` +
              `it runs again, from its first statement, next time): ${causeOf(error)}`,
            { cause: error },
          );
        }
      }
      const ms = performance.now() - started;
      lease.check();
      if (!(await repo.record(owner, { id: m.id, name: m.name, checksum: checksumOf(m), ms }))) lease.lost();
      options.log?.(`applied migration ${label}`, { migration: label, ms: Math.round(ms) });
      done.push({ id: m.id, name: m.name, ms });
    }
    return { applied: done, alreadyApplied: applied.length };
  } finally {
    lease.stop();
    await repo.release(owner).catch(() => {
      // The lease runs out by itself; the next runner takes the lock over then.
    });
  }
}

async function acquire(repo: MigrationRepository, owner: string, leaseMs: number, options: MigrationOptions) {
  const deadline = Date.now() + options.lockTimeoutMs;
  let told = false;
  for (;;) {
    const lock = await repo.acquire(owner, leaseMs);
    if (lock.acquired) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Waited ${options.lockTimeoutMs} ms for the migration lock, which ${lock.owner} holds until ${lock.expiresAt} ` +
          '(another replica or `npm run migrate` is migrating this graph). Start again once it is done, or raise ' +
          'MIGRATION_LOCK_TIMEOUT_MS; a runner that died frees the lock when its lease ends.',
      );
    }
    if (!told) options.log?.('waiting for the migration lock', { holder: lock.owner, until: lock.expiresAt });
    told = true;
    await sleep(options.pollMs ?? DEFAULT_POLL_MS);
  }
}

/** Renews the lease every third of it while migrations run; a renewal that finds the lock gone stops the runner. */
function keepLease(repo: MigrationRepository, owner: string, leaseMs: number) {
  let lost = false;
  const timer = setInterval(() => {
    repo.renew(owner, leaseMs).then(
      (held) => {
        if (!held) lost = true;
      },
      () => {
        // A failed renewal is tried again at the next tick; the lease covers two missed ones.
      },
    );
  }, leaseMs / 3);
  const lostError = () =>
    new MigrationError(
      `The migration lock's lease (${leaseMs} ms) ran out and another runner took it over: this runner stopped. ` +
        'Start again; the migrations that were recorded are not applied twice.',
    );
  return {
    check() {
      if (lost) throw lostError();
    },
    lost(): never {
      lost = true;
      throw lostError();
    },
    stop() {
      clearInterval(timer);
    },
  };
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/**
 * Brings the graph's schema up to date: the pending migrations (cypher/migrations) first — they may rename what the
 * constraints and indexes cover, or drop an index to be created anew — then the constraints and indexes. With
 * `apply: false` a pending migration is refused instead (MIGRATE_ON_START=false: `npm run migrate` applies them).
 */
export async function updateSchema(db: DbScope, options: MigrationOptions & { apply?: boolean }) {
  let outcome: MigrationOutcome;
  if (options.apply === false) {
    const all = options.migrations ?? MIGRATIONS;
    const pending = await pendingMigrations(db, all);
    outcome = { applied: [], alreadyApplied: all.length - pending.length };
    if (pending.length > 0) {
      throw new MigrationError(
        `${pending.length} migration(s) not applied to this graph (${pending.map(migrationLabel).join(', ')}) and ` +
          'MIGRATE_ON_START=false: run `npm run migrate` against it first, or start with MIGRATE_ON_START=true.',
      );
    }
  } else {
    outcome = await migrate(db, options);
  }
  await schemaRepository(db).apply();
  return outcome;
}
