import neo4j, { type Driver, Neo4jError, type QueryResult, type Session } from 'neo4j-driver';
import { Availability, unavailable } from './availability.ts';
import { lostConnection, toDomainError } from './errors.ts';
import { type Statement, statement } from './statements.ts';
import { recordToObject } from './values.ts';
import { WriteGate } from './write-gate.ts';

const PING = statement('system/ping');
const DATA_VERSION = statement('system/data-version');
/** Attempts of a read whose statement fails with a transient (retryable) server error. */
const READ_ATTEMPTS = 3;
const READ_RETRY_DELAY_MS = 50;

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  maxPoolSize: number;
  queryTimeoutMs: number;
  connectionTimeoutMs: number;
  /** How long a statement waits for a pooled connection before BUSY (default: connectionTimeoutMs). */
  acquisitionTimeoutMs?: number;
  /** Retry budget of managed transactions (default 5 s). */
  maxRetryMs?: number;
  /** Interval of the availability probe (default 1 s). */
  healthIntervalMs?: number;
  /** Write transactions that may hold a connection at once (default: a quarter of the pool, at least 1). */
  maxConcurrentWrites?: number;
  /** How long a write waits for a write slot before it is answered BUSY (default 30 s). */
  writeQueueTimeoutMs?: number;
}

/** Connections of the driver's pool, summed over servers (a routing driver has one pool per server). */
export interface PoolStats {
  inUse: number;
  idle: number;
  waiting: number;
  max: number;
}

/** Called once per executed statement; metrics and logs hang off it. */
export type StatementObserver = (event: { name: string; ms: number; ok: boolean; requestId: string }) => void;

/** Counts what one request (or one command) sent to Neo4j. */
export class QueryStats {
  statements = 0;
  totalMs = 0;
  readonly byName = new Map<string, number>();
  record(name: string, ms: number) {
    this.statements += 1;
    this.totalMs += ms;
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }
}

type Params = Record<string, unknown>;

/**
 * What repositories read through: a DbScope (each read its own auto-commit transaction) or a write transaction's
 * TxRunner, so that a write reads what it needs inside its own transaction and never waits on a second session.
 */
export interface Reader {
  read<T>(statement: Statement, params?: Params): Promise<T[]>;
}

/** Runs statements inside one transaction (for multi-statement writes); `read` is the same as `run`. */
export interface TxRunner extends Reader {
  run<T>(statement: Statement, params?: Params): Promise<T[]>;
}

/**
 * The one module that owns the driver. It names the database on every session, routes reads
 * to READ and writes to WRITE, closes sessions in `finally`, and turns Neo4j errors into
 * DomainErrors. Repositories talk to a per-request DbScope.
 */
export class Database {
  readonly driver: Driver;
  /**
   * A second, small driver (two connections: the background probe and /ready never queue behind each other) for the
   * availability probe and /ready: a pool saturated by requests must not look like a Neo4j that went away (that
   * would open the breaker and fail every request).
   */
  private readonly probeDriver: Driver;
  /** The write budget (see write-gate.ts): writers never hold more than `writeGate.slots` pooled connections. */
  readonly writeGate: WriteGate;
  private readonly observers: StatementObserver[] = [];

  readonly settings: Neo4jSettings;

  constructor(settings: Neo4jSettings) {
    this.settings = settings;
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      maxConnectionPoolSize: settings.maxPoolSize,
      connectionAcquisitionTimeout: settings.acquisitionTimeoutMs ?? settings.connectionTimeoutMs,
      connectionTimeout: settings.connectionTimeoutMs,
      maxTransactionRetryTime: settings.maxRetryMs ?? 5_000,
      userAgent: 'ai-infra-graph/0.1',
    });
    this.probeDriver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      maxConnectionPoolSize: 2,
      connectionAcquisitionTimeout: settings.connectionTimeoutMs,
      connectionTimeout: settings.connectionTimeoutMs,
      userAgent: 'ai-infra-graph/0.1 probe',
    });
    this.writeGate = new WriteGate(
      settings.maxConcurrentWrites ?? Math.max(1, Math.floor(settings.maxPoolSize / 4)),
      settings.writeQueueTimeoutMs ?? 30_000,
    );
    this.availability = new Availability(
      () =>
        this.probeDriver
          .executeQuery(PING.text, {}, { database: settings.database, routing: neo4j.routing.READ })
          .then(() => {}),
      settings.healthIntervalMs ?? 1_000,
    );
    this.availability.start();
  }

  /** Circuit breaker: open while Neo4j cannot be reached (see availability.ts). */
  readonly availability: Availability;

  get databaseName() {
    return this.settings.database;
  }

  observe(observer: StatementObserver) {
    this.observers.push(observer);
  }

  notify(event: Parameters<StatementObserver>[0]) {
    for (const o of this.observers) o(event);
  }

  /** `bookmarks` come from a client (x-neo4j-bookmarks) that wrote through another replica. */
  scope(requestId = 'internal', stats = new QueryStats(), bookmarks: string[] = []): DbScope {
    return new DbScope(this, requestId, stats, bookmarks);
  }

  openSession(mode: 'READ' | 'WRITE', bookmarks: string[] = []): Session {
    return this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      bookmarks,
    });
  }

  /**
   * Reads the driver's pool bookkeeping. These are internals of neo4j-driver 6 (no public API
   * exposes pool usage); if their shape changes the numbers read 0 rather than failing.
   */
  poolStats(): PoolStats {
    const stats: PoolStats = { inUse: 0, idle: 0, waiting: 0, max: this.settings.maxPoolSize };
    const pool = (this.driver as any)._connectionProvider?._connectionPool;
    if (!pool) return stats;
    for (const n of Object.values(pool._activeResourceCounts ?? {})) stats.inUse += Number(n) || 0;
    for (const idle of Object.values(pool._pools ?? {}))
      stats.idle += Number((idle as { length?: number }).length) || 0;
    for (const queue of Object.values(pool._acquireRequests ?? {})) {
      stats.waiting += Number((queue as { length?: number }).length) || 0;
    }
    return stats;
  }

  async verify(): Promise<void> {
    try {
      await this.probeDriver.verifyConnectivity({ database: this.settings.database });
    } catch (error) {
      throw toDomainError(error, 'verifyConnectivity');
    }
  }

  async close() {
    this.availability.stop();
    await Promise.all([this.driver.close(), this.probeDriver.close()]);
  }
}

export class DbScope implements Reader {
  private readonly db: Database;
  readonly requestId: string;
  readonly stats: QueryStats;
  private readonly bookmarks: string[];
  /** Bookmarks of this scope's last write; the server hands them back to the client. */
  lastWriteBookmarks: string[] = [];

  constructor(db: Database, requestId: string, stats: QueryStats, bookmarks: string[] = []) {
    this.db = db;
    this.requestId = requestId;
    this.stats = stats;
    this.bookmarks = bookmarks;
  }

  get databaseName() {
    return this.db.databaseName;
  }

  /**
   * One statement in an auto-commit transaction: RUN and PULL go together, with no BEGIN and COMMIT round trips
   * (measured: about 0.15 ms less CPU per statement in this process, one round trip less). A transient error is
   * retried here, as a managed transaction would; a lost connection is not (the breaker answers instead).
   */
  read<T>(statement: Statement, params: Params = {}): Promise<T[]> {
    return this.guarded('READ', statement.name, async (session, config) => {
      const runner = this.runner({ run: (text, p) => session.run(text, p, config) });
      for (let attempt = 1; ; attempt++) {
        try {
          return await runner.run<T>(statement, params);
        } catch (error) {
          const transient = Neo4jError.isRetryable(error) && !lostConnection(error);
          if (!transient || attempt >= READ_ATTEMPTS || !this.db.availability.isUp) throw error;
          await new Promise((ok) => setTimeout(ok, READ_RETRY_DELAY_MS * attempt));
        }
      }
    });
  }

  /**
   * Where the data stands: the bookmark of a read, which names the database's last committed transaction. It changes
   * with every write (by any replica, import or script) and with nothing else, so it validates cached answers.
   */
  dataVersion(): Promise<string> {
    return this.guarded('READ', DATA_VERSION.name, async (session, config) => {
      await this.runner({ run: (text, p) => session.run(text, p, config) }).run(DATA_VERSION);
      return session.lastBookmarks().join(',');
    });
  }

  write<T>(statement: Statement, params: Params = {}): Promise<T[]> {
    return this.writeTransaction(statement.name, (tx) => tx.run<T>(statement, params));
  }

  /**
   * Several statements in one write transaction: all or nothing. The callback may be retried, and must read what it
   * needs through its `tx` (never through this scope: a second session would wait for a connection while this one
   * holds its own and its locks). It first waits for a write slot (Database.writeGate): BUSY when none frees up.
   */
  async writeTransaction<T>(label: string, work: (tx: TxRunner) => Promise<T>): Promise<T> {
    if (!this.db.availability.isUp) throw unavailable('circuit open');
    return this.db.writeGate.run(() =>
      this.guarded('WRITE', label, async (session, config) => {
        const result = await session.executeWrite((tx) => work(this.runner(tx)), config);
        this.lastWriteBookmarks = session.lastBookmarks();
        return result;
      }),
    );
  }

  /**
   * One statement as an auto-commit transaction in a WRITE session, for what a managed transaction cannot run: a
   * statement that commits in batches itself (`CALL … IN TRANSACTIONS`). Never retried, so it must be safe to run
   * again from the start (migrations are written so). `timeoutMs` 0: no transaction timeout (a migration at size L
   * may run for minutes, and stopping it halfway only means running it again).
   */
  async writeAutoCommit<T>(statement: Statement, params: Params = {}, options: { timeoutMs?: number } = {}) {
    if (!this.db.availability.isUp) throw unavailable('circuit open');
    return this.db.writeGate.run(() =>
      this.guarded('WRITE', statement.name, async (session, config) => {
        const timeout = options.timeoutMs ?? config.timeout;
        const rows = await this.runner({ run: (text, p) => session.run(text, p, { ...config, timeout }) }).run<T>(
          statement,
          params,
        );
        this.lastWriteBookmarks = session.lastBookmarks();
        return rows;
      }),
    );
  }

  /**
   * A session around `use`. While the breaker is open nothing is sent. A read also gives up the moment the breaker
   * opens (its result would be lost anyway); a write waits for the driver's verdict so that a client is never told
   * "failed" about a write that then commits on a retry.
   */
  private async guarded<T>(
    mode: 'READ' | 'WRITE',
    label: string,
    use: (session: Session, config: { timeout: number; metadata: Record<string, string> }) => Promise<T>,
  ): Promise<T> {
    const availability = this.db.availability;
    if (!availability.isUp) throw unavailable('circuit open');
    const session = this.db.openSession(mode, this.bookmarks);
    const config = {
      timeout: this.db.settings.queryTimeoutMs,
      metadata: { requestId: this.requestId, statement: label },
    };
    let abandoned = false;
    try {
      const work = use(session, config);
      if (mode === 'WRITE') return await work;
      work.catch(() => {});
      const down = availability.whenDown();
      try {
        return await Promise.race([work, down.promise]);
      } catch (error) {
        abandoned = error instanceof Error && !(error instanceof Neo4jError);
        throw error;
      } finally {
        down.cancel();
      }
    } catch (error) {
      if (lostConnection(error)) availability.markDown(`${label}: ${(error as Error).message}`);
      throw toDomainError(error, label);
    } finally {
      // An abandoned read may still be waiting for a connection: do not hold the response for it.
      if (abandoned) session.close().catch(() => {});
      else await session.close();
    }
  }

  private runner(target: { run(text: string, params: Params): Promise<QueryResult> }): TxRunner {
    const run = async <R>(statement: Statement, params: Params = {}): Promise<R[]> => {
      const started = performance.now();
      let ok = false;
      try {
        const result = await target.run(statement.text, params);
        ok = true;
        return result.records.map((r) => recordToObject<R>(r));
      } finally {
        const ms = performance.now() - started;
        this.stats.record(statement.name, ms);
        this.db.notify({ name: statement.name, ms, ok, requestId: this.requestId });
      }
    };
    return { run, read: run };
  }
}
