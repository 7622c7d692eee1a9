import { readFileSync } from 'node:fs';
import { Neo4jError } from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { Database } from '../src/db/database.ts';
import type { ChangeRow } from '../src/domain/changes.ts';
import { changeLog, changeRepository } from '../src/repositories/changes.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { buildYoga } from '../src/server/yoga.ts';
import { importNdjson } from '../src/services/import/importer.ts';
import { SEED_FILE } from '../src/services/seed.ts';
import { gql } from './helpers/app.ts';

/**
 * Issue 17 item 1: every write records its changes in the graph, in its own transaction, numbered by a gap-free seq —
 * the seed import, many API writers at once (some refused), a transaction the driver retries, and a re-import that
 * confirms what the graph holds (lastSeen moves, firstSeen stays).
 */
const WRITER = 'writer-token-for-change-log-tests';
const neo4j = inject('neo4j');
const database = new Database({ ...loadConfig().neo4j, ...neo4j, writeQueueTimeoutMs: 120_000 });
const auth = loadConfig({ API_TOKENS: tokenConfigLine('log-writer', ['write'], WRITER) }).auth;
const yoga = buildYoga({ database, logger: createLogger('silent'), auth });
const asWriter = { authorization: `Bearer ${WRITER}` };
const db = database.scope('test-change-log');
const log = changeRepository(db);
const MARKER = 'clog-';

afterAll(() => database.close());

/** Every entry after `after`, page by page (the repository's own bound per read). */
async function entriesAfter(after: number): Promise<ChangeRow[]> {
  const all: ChangeRow[] = [];
  let at = after;
  for (;;) {
    const page = await log.after(at, 100);
    all.push(...page.changes);
    if (page.readTo >= page.last) return all;
    at = page.readTo;
  }
}

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on MutationAddAssertionSuccess { data { key } } ... on WriteRejected { code } } }`;
const UPSERT = `mutation($input: EntityInput!) { upsertEntity(input: $input) { __typename
  ... on MutationUpsertEntitySuccess { data { key } } ... on WriteRejected { code } } }`;
const RETRACT = `mutation($key: String!) { retractAssertion(key: $key, reason: "change-log test") { __typename
  ... on WriteRejected { code } } }`;
const SET_RANK = `mutation($key: String!, $rank: Rank!) { setRank(key: $key, rank: $rank, reason: "change-log test") {
  __typename ... on WriteRejected { code } } }`;
const JUDGE = `mutation($entity: String!, $other: String!) {
  judgeEntities(entity: $entity, other: $other, verdict: negative, reason: "change-log test") { __typename
    ... on WriteRejected { code } } }`;

const claim = (key: string, subject: string) => ({
  key,
  kind: 'Claim',
  summary: `Change-log claim ${key}`,
  mode: 'reported',
  roles: { subject: [subject] },
  text: 'a paraphrase for the change-log tests',
});
const support = (url: string) => ({ source: { title: `Clog source ${url}`, url }, snippet: 'a verbatim snippet' });
const code = (res: Awaited<ReturnType<typeof gql<Record<string, any>>>>) => {
  const result = Object.values(res.data ?? {})[0] as { __typename?: string; code?: string } | undefined;
  return result?.__typename?.endsWith('Success') ? 'OK' : (result?.code ?? res.errors?.[0]?.extensions?.code ?? '?');
};

describe('the change log', () => {
  it('holds the seed import: one entry per line, in write order, numbered 1 … n, by "seed"', async () => {
    const lines = readFileSync(SEED_FILE, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map(
        (l) => JSON.parse(l) as { type: string; key?: string; kind?: string; rel?: string; from?: string; to?: string },
      );
    const expected = ['entity', 'source', 'link', 'assertion'].flatMap((type) =>
      lines.filter((l) => l.type === type).map((l) => (type === 'link' ? `${l.from} ${l.rel} ${l.to}` : l.key!)),
    );
    expect(expected.length).toBe(82); // 25 entities, 1 source, 5 links, 51 facts (docs/data-model.md)
    const entries = await entriesAfter(0);
    expect(entries.map((e) => e.key)).toEqual(expected);
    expect(entries.map((e) => e.seq)).toEqual(expected.map((_, i) => i + 1));
    expect(new Set(entries.map((e) => `${e.actor}/${e.op}`))).toEqual(new Set(['seed/import']));
    const bytedanceOwnsTiktok = entries.find((e) => e.key === 'fact:bytedance-owns-tiktok')!;
    expect(bytedanceOwnsTiktok).toMatchObject({
      target: 'fact',
      kind: 'Ownership',
      entities: ['company:bytedance', 'company:tiktok'],
      sources: ['source:panfinance-chinese-tech-giants-ai-investment'],
    });
    expect(await log.last()).toMatchObject({ last: 82 });
  });

  it('many writers at once: every committed change once, none of the refused ones, seq gap-free, at ordered', async () => {
    const { last: base } = await log.last();
    const distinct = Array.from({ length: 20 }, (_, i) =>
      gql(
        yoga,
        ADD,
        {
          assertion: claim(`fact:${MARKER}distinct-${i}`, `company:${MARKER}distinct-${i}`),
          sources: [support(`https://example.test/${MARKER}distinct-${i}`)],
          newEntities: [{ key: `company:${MARKER}distinct-${i}`, kind: 'Company', name: `Clog Distinct ${i}` }],
        },
        asWriter,
      ),
    );
    const sameKey = Array.from({ length: 10 }, (_, i) =>
      gql(
        yoga,
        ADD,
        {
          assertion: claim(`fact:${MARKER}same-key`, 'company:baidu'),
          sources: [support(`https://example.test/${MARKER}same-key-${i}`)],
        },
        asWriter,
      ),
    );
    const upserts = Array.from({ length: 10 }, (_, i) =>
      gql(yoga, UPSERT, { input: { key: `company:${MARKER}upsert-${i}`, kind: 'Company', name: `U ${i}` } }, asWriter),
    );
    const retracted = ['fact:baidu-measured-approach', 'fact:nvidia-blackwell-upcoming', 'fact:global-ai-race-intense'];
    // Each fact retracted twice at once: one succeeds, the other is refused (CONFLICT) and must leave no entry.
    const retractions = [...retracted, ...retracted].map((key) => gql(yoga, RETRACT, { key }, asWriter));
    const codes = (await Promise.all([...distinct, ...sameKey, ...upserts, ...retractions])).map(code);
    const tally = (list: string[]) => {
      const counts: Record<string, number> = {};
      for (const c of list) counts[c] = (counts[c] ?? 0) + 1;
      return counts;
    };
    expect(tally(codes.slice(0, 20))).toEqual({ OK: 20 });
    expect(tally(codes.slice(20, 30))).toEqual({ OK: 1, CONFLICT: 9 });
    expect(tally(codes.slice(30, 40))).toEqual({ OK: 10 });
    expect(tally(codes.slice(40))).toEqual({ OK: 3, CONFLICT: 3 });

    const entries = await entriesAfter(base);
    // Per new fact: its new entity (distinct ones only), its new source, the fact; one per upsert and retraction.
    const expected = [
      ...Array.from({ length: 20 }, (_, i) => [
        `upsert entity company:${MARKER}distinct-${i}`,
        `upsert source source:url-`,
        `create fact fact:${MARKER}distinct-${i}`,
      ]).flat(),
      'upsert source source:url-',
      `create fact fact:${MARKER}same-key`,
      ...Array.from({ length: 10 }, (_, i) => `upsert entity company:${MARKER}upsert-${i}`),
      ...retracted.map((key) => `retract fact ${key}`),
    ];
    const seen = entries.map((e) => `${e.op} ${e.target} ${e.key}`.replace(/source:url-[0-9a-f]{20}$/, 'source:url-'));
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => base + i + 1));
    expect(new Set(entries.map((e) => e.actor))).toEqual(new Set(['log-writer']));
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // One transaction's entries are consecutive: each new fact follows its own entity and source.
    for (let i = 0; i < 20; i++) {
      const at = entries.findIndex((e) => e.key === `fact:${MARKER}distinct-${i}`);
      expect(entries.slice(at - 2, at + 1).map((e) => e.op)).toEqual(['upsert', 'upsert', 'create']);
      expect(entries[at - 2]!.key).toBe(`company:${MARKER}distinct-${i}`);
    }
    expect(entries.find((e) => e.key === 'fact:baidu-measured-approach')).toMatchObject({
      kind: 'Claim',
      reason: 'change-log test',
      entities: ['company:baidu'],
      sources: ['source:panfinance-chinese-tech-giants-ai-investment'],
    });
  }, 300_000);

  it('a transaction the driver retries leaves its change once', async () => {
    const { last: base } = await log.last();
    let attempts = 0;
    await db.writeTransaction('test/retried', async (tx) => {
      attempts += 1;
      await changeLog.record(tx, 'retry-test', [
        {
          op: 'update',
          target: 'entity',
          key: 'company:baidu',
          kind: 'Company',
          entities: ['company:baidu'],
          sources: [],
          fields: ['description'],
          reason: `attempt ${attempts}`,
        },
      ]);
      // A transient error after the change was recorded: the driver rolls the attempt back and runs it again.
      if (attempts === 1)
        throw new Neo4jError(
          'simulated deadlock',
          'Neo.TransientError.Transaction.DeadlockDetected',
          '50N42',
          'simulated for the change-log test',
        );
    });
    expect(attempts).toBe(2);
    const entries = await entriesAfter(base);
    expect(entries.map((e) => [e.seq, e.actor, e.reason])).toEqual([[base + 1, 'retry-test', 'attempt 2']]);
  });

  it('a refused write records nothing', async () => {
    const { last: before } = await log.last();
    const res = await gql(
      yoga,
      UPSERT,
      { input: { key: 'company:alibaba', kind: 'Company', name: 'Not Alibaba' } },
      asWriter,
    );
    expect(code(res)).toBe('CONFLICT');
    expect((await log.last()).last).toBe(before);
  });

  it('a re-import of the same line moves lastSeen to the new entry and keeps firstSeen', async () => {
    const key = `fact:${MARKER}reimport`;
    const ndjson = [
      { v: 1, type: 'entity', kind: 'Company', key: `company:${MARKER}reimport`, name: 'Clog Reimport' },
      { v: 1, type: 'source', key: `source:${MARKER}reimport`, title: 'Clog reimport source' },
      {
        v: 1,
        type: 'assertion',
        kind: 'Claim',
        key,
        summary: 'Clog reimport',
        mode: 'reported',
        roles: { SUBJECT: [`company:${MARKER}reimport`] },
        text: 'the same line twice',
        sources: [{ source: `source:${MARKER}reimport`, snippet: 'the same line' }],
      },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const seen = async () => {
      const res = await gql(yoga, `{ assertion(key: "${key}") { firstSeen lastSeen } }`);
      return res.data!.assertion as { firstSeen: string; lastSeen: string };
    };
    const { last: base } = await log.last();
    await importNdjson(db, ndjson);
    const first = await seen();
    await importNdjson(db, ndjson);
    const second = await seen();
    const entries = (await entriesAfter(base)).filter((e) => e.key === key);
    expect(entries.map((e) => [e.seq, e.op, e.actor])).toEqual([
      [base + 3, 'import', 'import'],
      [base + 6, 'import', 'import'],
    ]);
    expect(first).toEqual({ firstSeen: entries[0]!.at, lastSeen: entries[0]!.at });
    expect(second).toEqual({ firstSeen: entries[0]!.at, lastSeen: entries[1]!.at });
    expect(Date.parse(second.lastSeen)).toBeGreaterThan(Date.parse(second.firstSeen));
  });

  it('rank changes and judgements are logged but write no content: firstSeen and lastSeen stay where they were', async () => {
    const fact = 'fact:tencent-capex-2024-h1';
    const [tencent, baidu] = ['company:tencent', 'company:baidu'];
    const logged = await entriesAfter(0);
    const seen = async () => {
      const res = await gql(
        yoga,
        `{ assertion(key: "${fact}") { firstSeen lastSeen } tencent: entity(key: "${tencent}") { firstSeen lastSeen }
          baidu: entity(key: "${baidu}") { firstSeen lastSeen } }`,
      );
      return res.data as Record<string, { firstSeen: string; lastSeen: string }>;
    };
    // The stamps are the times of the first and the latest entry about each (the seed's; an earlier test's for Baidu).
    const stamped = (key: string) => ({
      firstSeen: logged.find((e) => e.key === key)!.at,
      lastSeen: logged.findLast((e) => e.key === key)!.at,
    });
    const asSeeded = { assertion: stamped(fact), tencent: stamped(tencent), baidu: stamped(baidu) };
    expect(await seen()).toEqual(asSeeded);

    const { last: base } = await log.last();
    expect(code(await gql(yoga, SET_RANK, { key: fact, rank: 'preferred' }, asWriter))).toBe('OK');
    expect(code(await gql(yoga, SET_RANK, { key: fact, rank: 'normal' }, asWriter))).toBe('OK');
    expect(code(await gql(yoga, JUDGE, { entity: tencent, other: baidu }, asWriter))).toBe('OK');
    const entries = await entriesAfter(base);
    expect(entries.map((e) => [e.seq, e.op, e.target, e.reason])).toEqual([
      [base + 1, 'rank', 'fact', 'change-log test'],
      [base + 2, 'rank', 'fact', 'change-log test'],
      [base + 3, 'judge', 'judgement', 'change-log test'],
    ]);
    expect(entries[2]!.entities).toEqual([tencent, baidu]);
    expect(await seen()).toEqual(asSeeded);
  });
});
