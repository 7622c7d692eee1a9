import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { toDomainError } from './errors.ts';
import type { Statement } from './statements.ts';
import { recordToObject } from './values.ts';

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  maxPoolSize: number;
  queryTimeoutMs: number;
  connectionTimeoutMs: number;
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

/** Runs statements inside one transaction (for multi-statement writes). */
export interface TxRunner {
  run<T>(statement: Statement, params?: Params): Promise<T[]>;
}

/**
 * The one module that owns the driver. It names the database on every session, routes reads
 * to READ and writes to WRITE, closes sessions in `finally`, and turns Neo4j errors into
 * DomainErrors. Repositories talk to a per-request DbScope.
 */
export class Database {
  readonly driver: Driver;
  private readonly observers: StatementObserver[] = [];

  readonly settings: Neo4jSettings;

  constructor(settings: Neo4jSettings) {
    this.settings = settings;
    this.driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      maxConnectionPoolSize: settings.maxPoolSize,
      connectionAcquisitionTimeout: settings.connectionTimeoutMs,
      connectionTimeout: settings.connectionTimeoutMs,
      maxTransactionRetryTime: 5_000,
      userAgent: 'ai-infra-graph/0.1',
    });
  }

  get databaseName() {
    return this.settings.database;
  }

  observe(observer: StatementObserver) {
    this.observers.push(observer);
  }

  notify(event: Parameters<StatementObserver>[0]) {
    for (const o of this.observers) o(event);
  }

  scope(requestId = 'internal', stats = new QueryStats()): DbScope {
    return new DbScope(this, requestId, stats);
  }

  openSession(mode: 'READ' | 'WRITE'): Session {
    return this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.settings.database });
    } catch (error) {
      throw toDomainError(error, 'verifyConnectivity');
    }
  }

  async close() {
    await this.driver.close();
  }
}

export class DbScope {
  private readonly db: Database;
  readonly requestId: string;
  readonly stats: QueryStats;

  constructor(db: Database, requestId: string, stats: QueryStats) {
    this.db = db;
    this.requestId = requestId;
    this.stats = stats;
  }

  get databaseName() {
    return this.db.databaseName;
  }

  read<T>(statement: Statement, params: Params = {}): Promise<T[]> {
    return this.transaction('READ', statement.name, (tx) => tx.run<T>(statement, params));
  }

  write<T>(statement: Statement, params: Params = {}): Promise<T[]> {
    return this.transaction('WRITE', statement.name, (tx) => tx.run<T>(statement, params));
  }

  /** Several statements in one write transaction: all or nothing. The callback may be retried. */
  writeTransaction<T>(label: string, work: (tx: TxRunner) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', label, work);
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', label: string, work: (tx: TxRunner) => Promise<T>) {
    const session = this.db.openSession(mode);
    const config = {
      timeout: this.db.settings.queryTimeoutMs,
      metadata: { requestId: this.requestId, statement: label },
    };
    try {
      const run = (tx: ManagedTransaction) => work(this.runner(tx));
      return await (mode === 'READ' ? session.executeRead(run, config) : session.executeWrite(run, config));
    } catch (error) {
      throw toDomainError(error, label);
    } finally {
      await session.close();
    }
  }

  private runner(tx: ManagedTransaction): TxRunner {
    return {
      run: async <R>(statement: Statement, params: Params = {}) => {
        const started = performance.now();
        let ok = false;
        try {
          const result = await tx.run(statement.text, params);
          ok = true;
          return result.records.map((r) => recordToObject<R>(r));
        } finally {
          const ms = performance.now() - started;
          this.stats.record(statement.name, ms);
          this.db.notify({ name: statement.name, ms, ok, requestId: this.requestId });
        }
      },
    };
  }
}
