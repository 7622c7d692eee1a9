import type { Driver, ManagedTransaction } from 'neo4j-driver';
import type { CypherLog } from './counting-driver.ts';

interface ProfileNode {
  dbHits: number;
  rows: number;
  operatorType: string;
  children: ProfileNode[];
}

const sum = (p: ProfileNode): number => p.dbHits + p.children.reduce((n, c) => n + sum(c), 0);
const operators = (p: ProfileNode): string[] => [p.operatorType, ...p.children.flatMap(operators)];

/** PROFILEs each statement with its parameters; returns total db hits and the operators seen. */
export async function profileStatements(driver: Driver, database: string, log: CypherLog) {
  const session = driver.session({ database });
  let dbHits = 0;
  const ops = new Set<string>();
  const errors: string[] = [];
  try {
    for (const { query, params } of log.statements) {
      const text = `PROFILE ${query.replace(/^\s*CYPHER \d+\s*\n/, '')}`;
      const result = await session.run(text, params).catch((error: Error) => {
        errors.push(error.message.slice(0, 300));
        return null;
      });
      if (!result) continue;
      const profile = result.summary.profile as unknown as ProfileNode | false;
      if (!profile) continue;
      dbHits += sum(profile);
      for (const op of operators(profile)) ops.add(op.replace(/@neo4j$/, ''));
    }
  } finally {
    await session.close();
  }
  return {
    dbHits: errors.length ? null : dbHits,
    statements: log.statements.length,
    operators: [...ops].sort(),
    errors,
  };
}

/** Makes every session of `driver` record the statements it runs, in managed or auto-commit transactions (in place). */
export function captureStatements(driver: Driver, log: CypherLog) {
  const open = driver.session.bind(driver);
  const wrap = (tx: ManagedTransaction) =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop !== 'run') return Reflect.get(target, prop, receiver);
        return (query: string, params: Record<string, unknown> = {}) => {
          log.statements.push({ query, params });
          return target.run(query, params);
        };
      },
    });
  (driver as { session: Driver['session'] }).session = (config) => {
    const session = open(config);
    const read = session.executeRead.bind(session);
    const write = session.executeWrite.bind(session);
    const run = session.run.bind(session);
    session.executeRead = (work, cfg) => read((tx) => work(wrap(tx)), cfg);
    session.executeWrite = (work, cfg) => write((tx) => work(wrap(tx)), cfg);
    // Auto-commit transactions (the service's single-statement reads).
    session.run = ((query: string, params: Record<string, unknown> = {}, cfg?: object) => {
      log.statements.push({ query, params });
      return run(query, params, cfg);
    }) as typeof session.run;
    return session;
  };
}
