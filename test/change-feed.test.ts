import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import { changeRepository } from '../src/repositories/changes.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql } from './helpers/app.ts';

/**
 * Issue 17 item 3: the change feed. A client reads a page, more is written, the service is replaced by a new
 * instance (new driver, new Yoga), and the client resumes from its cursor: nothing missed, nothing twice. Filters
 * by entity, kind and source give exactly the seed lines concerning them (derived from the seed file).
 */
const WRITER = 'writer-token-for-change-feed-tests';
const neo4j = inject('neo4j');
const auth = loadConfig({ API_TOKENS: tokenConfigLine('feed-writer', ['write'], WRITER) }).auth;
const asWriter = { authorization: `Bearer ${WRITER}` };
const opened: Database[] = [];

/** A service instance of its own: a Database (driver, pool) and a Yoga on it. */
function serviceInstance() {
  const database = new Database({ ...loadConfig().neo4j, ...neo4j });
  opened.push(database);
  return { database, yoga: buildYoga({ database, logger: createLogger('silent'), auth }) };
}
afterAll(() => Promise.all(opened.map((d) => d.close())));

type Line = {
  type: string;
  key?: string;
  kind?: string;
  rel?: string;
  from?: string;
  to?: string;
  roles?: Record<string, string[]>;
  sources?: { source: string }[];
};
const seed = readFileSync(SEED_FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Line);
const ORDER = ['entity', 'source', 'link', 'assertion'];
const keyOf = (l: Line) => (l.type === 'link' ? `${l.from} ${l.rel} ${l.to}` : l.key!);
/** The seed's lines in write order (as the log holds them), keyed as the log keys them. */
const seedLog = ORDER.flatMap((type) => seed.filter((l) => l.type === type));

const FEED = `query($after: String, $first: Int, $filter: ChangeFilter) {
  changes(after: $after, first: $first, filter: $filter) {
    edges { cursor node { seq op target key kind actor entities sources } } endCursor hasNextPage lastSeq } }`;

type Feed = {
  edges: { cursor: string; node: { seq: number; op: string; key: string; kind: string; actor: string } }[];
  endCursor: string;
  hasNextPage: boolean;
  lastSeq: number;
};
async function feed(yoga: ReturnType<typeof buildYoga>, variables: Record<string, unknown>): Promise<Feed> {
  const res = await gql(yoga, FEED, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.changes as Feed;
}

describe('the change feed', () => {
  it('pages, survives a restart of the service, and resumes with no gap and no duplicate', async () => {
    const first = serviceInstance();
    const page1 = await feed(first.yoga, { first: 50 });
    expect(page1.edges.map((e) => e.node.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(page1.hasNextPage).toBe(true);
    const page2 = await feed(first.yoga, { first: 50, after: page1.endCursor });
    expect(page2.edges.map((e) => e.node.seq)).toEqual(Array.from({ length: 32 }, (_, i) => i + 51));
    expect(page2).toMatchObject({ hasNextPage: false, lastSeq: 82 });
    expect([...page1.edges, ...page2.edges].map((e) => e.node.key)).toEqual(seedLog.map(keyOf));
    // An edge's cursor resumes right after it.
    const fromEdge = await feed(first.yoga, { first: 1, after: page1.edges[9]!.cursor });
    expect(fromEdge.edges.map((e) => e.node.seq)).toEqual([11]);

    // More is written, then the service is replaced (new driver and Yoga; the old one is closed).
    const writes = [
      gql(
        first.yoga,
        'mutation { upsertEntity(input: { key: "company:feed-one", kind: Company, name: "Feed One" }) { __typename } }',
        {},
        asWriter,
      ),
      gql(
        first.yoga,
        'mutation { retractAssertion(key: "fact:baidu-measured-approach", reason: "feed test") { __typename } }',
        {},
        asWriter,
      ),
      gql(
        first.yoga,
        'mutation { upsertEntity(input: { key: "company:feed-two", kind: Company, name: "Feed Two" }) { __typename } }',
        {},
        asWriter,
      ),
    ];
    for (const res of await Promise.all(writes)) expect(JSON.stringify(res.data)).toContain('Success');
    await first.database.close();
    opened.splice(opened.indexOf(first.database), 1);

    const second = serviceInstance();
    const resumed = await feed(second.yoga, { after: page2.endCursor });
    expect(resumed.edges.map((e) => e.node.seq)).toEqual([83, 84, 85]);
    expect(resumed.edges.map((e) => `${e.node.op} ${e.node.key}`).sort()).toEqual(
      ['upsert company:feed-one', 'upsert company:feed-two', 'retract fact:baidu-measured-approach'].sort(),
    );
    expect(new Set(resumed.edges.map((e) => e.node.actor))).toEqual(new Set(['feed-writer']));
    expect(resumed).toMatchObject({ hasNextPage: false, lastSeq: 85 });
    // Caught up: the end cursor stays where it is, and an empty page keeps it.
    const idle = await feed(second.yoga, { after: resumed.endCursor });
    expect(idle).toMatchObject({ edges: [], endCursor: resumed.endCursor, hasNextPage: false });
  });

  it('filters by entity, kind and source give the seed lines concerning them', async () => {
    const { yoga } = serviceInstance();
    const concerns = (l: Line, entity: string) =>
      l.key === entity ||
      l.from === entity ||
      l.to === entity ||
      Object.values(l.roles ?? {})
        .flat()
        .includes(entity);
    const byEntity = await feed(yoga, { first: 100, filter: { entity: 'company:bytedance' } });
    expect(byEntity.edges.map((e) => e.node.key)).toEqual(
      seedLog.filter((l) => concerns(l, 'company:bytedance')).map(keyOf),
    );
    const byKinds = await feed(yoga, { first: 100, filter: { kinds: ['Ownership', 'PART_OF'] } });
    expect(byKinds.edges.map((e) => e.node.key)).toEqual(
      seedLog.filter((l) => l.kind === 'Ownership' || l.rel === 'PART_OF').map(keyOf),
    );
    const source = 'source:panfinance-chinese-tech-giants-ai-investment';
    const bySource = await feed(yoga, { first: 100, filter: { source, kinds: ['Quote', 'Source'] } });
    expect(bySource.edges.map((e) => e.node.key)).toEqual([source, 'fact:eddie-wu-quote-invest-rd-ai-capex']);
  });

  it('a filtered read looks through a bounded window and says where it stopped', async () => {
    const { database } = serviceInstance();
    const log = changeRepository(database.scope('test-change-feed'));
    const window = await log.after(0, 10, { entity: 'company:nothing-has-this', kinds: null, source: null }, 20);
    expect(window).toMatchObject({ changes: [], readTo: 20 });
    const next = await log.after(window.readTo, 10, { entity: null, kinds: ['Quote'], source: null }, 100);
    expect(next.changes.map((c) => c.key)).toEqual(['fact:eddie-wu-quote-invest-rd-ai-capex']);
    expect(next.readTo).toBe(next.last);
  });

  it('refuses a cursor it did not give, an unknown kind and a page too large', async () => {
    const { yoga } = serviceInstance();
    const errors = async (variables: Record<string, unknown>) =>
      (await gql(yoga, FEED, variables)).errors?.map((e) => [e.extensions?.code, e.message]);
    expect(await errors({ after: 'bm90IGEgY3Vyc29y' })).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('Invalid cursor')],
    ]);
    expect(await errors({ filter: { kinds: ['FinancialFigures'] } })).toEqual([
      ['BAD_USER_INPUT', expect.stringContaining('did you mean FinancialFigure')],
    ]);
    expect(await errors({ first: 101 })).toEqual([['BAD_USER_INPUT', expect.stringContaining('between 0 and 100')]]);
  });
});
