import neo4j from 'neo4j-driver';
import type { Database } from '../../src/db/database.ts';
import { encodeCursor } from '../../src/domain/cursor.ts';
import type { Params } from '../workloads.ts';

/** Chooses workload parameters from the imported data, deterministically (ties broken by key). */
export async function chooseParams(database: Database): Promise<Params> {
  const session = database.driver.session({ database: database.databaseName });
  const one = async (query: string, params: Record<string, unknown> = {}) => {
    const result = await session.run(query, params);
    const record = result.records[0];
    if (!record) throw new Error(`no row for: ${query}`);
    return record.toObject() as Record<string, any>;
  };
  try {
    const { hub } = await one(`MATCH (c:Company)<-[:SUBJECT]-(f:FinancialFigure)
      WITH c, count(f) AS n ORDER BY n DESC, c.key LIMIT 1 RETURN c.key AS hub`);
    const { country } = await one(`MATCH (p:Place)<-[:OBJECT]-(:Domicile)
      WITH p, count(*) AS n ORDER BY n DESC, p.key LIMIT 1 RETURN p.key AS country`);
    const { total } = await one(`MATCH (a:Assertion) WHERE a.rank <> 'deprecated' RETURN count(a) AS total`);
    const deepOffset = Math.min(50_000, Math.floor(Number(total) * 0.9));
    const { deepAfterKey } = await one(
      `MATCH (a:Assertion) WHERE a.rank <> 'deprecated' WITH a ORDER BY a.key SKIP $skip LIMIT 1 RETURN a.key AS deepAfterKey`,
      { skip: neo4j.int(deepOffset - 1) },
    );
    const { to } = await one(
      `MATCH (a:Entity {key: $hub})<-[:SUBJECT]-(:Domicile)-[:OBJECT]->(:Place)<-[:OBJECT]-(:Domicile)-[:SUBJECT]->(b:Company)
       WHERE b <> a RETURN b.key AS to ORDER BY b.key LIMIT 1`,
      { hub },
    );
    const { year } = await one(`MATCH (f:FinancialFigure {metric: 'capex'}) WHERE f.periodYear IS NOT NULL
      WITH f.periodYear AS year, count(*) AS n ORDER BY n DESC, year DESC LIMIT 1 RETURN year`);
    const { asOf } = await one(`MATCH (c:ChangeCounter {id: 'changes'}) RETURN toString(c.at) AS asOf`);
    return {
      asOf,
      hubCompany: hub,
      country,
      deepOffset,
      deepAfterKey,
      serviceDeepCursor: encodeCursor([deepAfterKey]),
      searchTerm: await chooseSearchTerm(session),
      pathFrom: hub,
      pathTo: to,
      maxHops: 4,
      capexYear: Number(year),
    };
  } finally {
    await session.close();
  }
}

/**
 * A word of a company name with a handful of hits (as the service queries it: the word or a prefix),
 * so "top 10" is the same set for every contender and the service's candidate limit (100) never cuts.
 */
async function chooseSearchTerm(session: ReturnType<Database['driver']['session']>): Promise<string> {
  const names = await session.run(`MATCH (c:Company) RETURN c.name AS name ORDER BY c.key LIMIT 200`);
  const words = [
    ...new Set(
      names.records.flatMap((r) => String(r.get('name')).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3),
    ),
  ];
  let fallback: { word: string; all: number } | undefined;
  for (const word of words) {
    const hits = await session.run(
      `CALL db.index.fulltext.queryNodes('search_text', $q) YIELD node
       RETURN count(*) AS all, count(CASE WHEN node.kind = 'Company' THEN 1 END) AS companies`,
      { q: `(${word} OR ${word}*)` },
    );
    const all = Number(hits.records[0]?.get('all'));
    const companies = Number(hits.records[0]?.get('companies'));
    if (companies >= 1 && companies <= 10 && all <= 50) return word;
    if (companies >= 1 && (!fallback || all < fallback.all)) fallback = { word, all };
  }
  // At L every generated name word is shared by many companies: take the rarest one.
  if (fallback) return fallback.word;
  throw new Error('no company-name word with a company hit');
}
