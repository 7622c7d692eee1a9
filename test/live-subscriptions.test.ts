import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { tokenConfigLine } from '../src/server/auth.ts';
import { createLogger } from '../src/server/logger.ts';
import { LiveChanges, type LiveEvent } from '../src/services/live-changes.ts';
import { testApp } from './helpers/app.ts';
import { ROOT, type Service, startService } from './helpers/service.ts';
import { openSse, payload, type SseStream } from './helpers/sse.ts';
import { sleep, waitFor } from './helpers/wait.ts';

/**
 * Issue 17 item 4, end to end over HTTP: two service processes (src/index.ts) on one Neo4j, each with its own
 * change-log tailer. A fact written through A's mutation reaches a subscriber on B; a stream resumes from its
 * Last-Event-ID on the other instance without gap or repeat; limits per client; access as for reads; heartbeats;
 * a slow reader is dropped with a final error; SIGTERM ends open streams. Latencies are printed and written to
 * test/.artifacts/live-latency.json, never asserted.
 */
const WRITER = 'live-writer-token-0123456789';
const READER = 'live-reader-token-0123456789';
const READER2 = 'live-reader2-token-012345678';
const RESEARCHER = 'live-research-token-01234567';
/** Tokens of their own for the tests that count places, so streams of other tests cannot take them. */
const LIMITED = 'live-limited-token-012345678';
const CLOSING = 'live-closing-token-012345678';
const API_TOKENS = [
  tokenConfigLine('writer', ['write'], WRITER),
  tokenConfigLine('reader', ['read'], READER),
  tokenConfigLine('reader2', ['read'], READER2),
  tokenConfigLine('researcher', ['research'], RESEARCHER),
  tokenConfigLine('limited', ['read'], LIMITED),
  tokenConfigLine('closing', ['read'], CLOSING),
].join(',');
const MAX_PER_CLIENT = 3;
const COMMON = {
  API_TOKENS,
  SUBSCRIPTION_MAX_PER_CLIENT: String(MAX_PER_CLIENT),
  SUBSCRIPTION_HEARTBEAT_MS: '300',
  // As for the in-process tests (vitest.config.ts): a loaded machine must not turn writes into timing checks.
  NEO4J_QUERY_TIMEOUT_MS: '60000',
};
const MARKER = 'wtest-live-';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const { database } = testApp();
let a: Service;
let b: Service;
const streams: SseStream[] = [];
const url = (s: Service) => `http://127.0.0.1:${s.port}/graphql`;

beforeAll(async () => {
  // A serves anonymous reads (behind a proxy that names the client's address); B requires a token with the read
  // scope (READS_REQUIRE_TOKEN), as production might.
  [a, b] = await Promise.all([
    startService({ ...COMMON, READS_REQUIRE_TOKEN: 'false', CLIENT_IP_HEADER: 'x-forwarded-for' }),
    startService({ ...COMMON, READS_REQUIRE_TOKEN: 'true' }),
  ]);
});

afterEach(() => {
  // A failed test leaves nothing open for the next one.
  for (const s of streams.splice(0)) s.close();
});

afterAll(async () => {
  for (const service of [a, b]) {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }
  await database.close();
});

async function subscribe(service: Service, query: string, options: Partial<Parameters<typeof openSse>[0]> = {}) {
  const stream = await openSse({ url: url(service), query, ...options });
  streams.push(stream);
  return stream;
}

const ADD = `mutation($assertion: AssertionInput!, $sources: [SupportInput!]!, $newEntities: [EntityInput!]) {
  addAssertion(assertion: $assertion, sources: $sources, newEntities: $newEntities) { __typename
    ... on MutationAddAssertionSuccess { data { key } } ... on WriteRejected { code message } } }`;

/** addAssertion through an instance's HTTP endpoint, as the writer; the fact's key. */
async function writeFact(service: Service, name: string, subject = 'company:baidu', newEntities: unknown[] = []) {
  const response = await fetch(url(service), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(WRITER) },
    body: JSON.stringify({
      query: ADD,
      variables: {
        assertion: {
          key: `fact:${MARKER}${name}`,
          kind: 'Claim',
          summary: `Live test ${name}`,
          mode: 'reported',
          roles: { subject: [subject] },
          text: `a paraphrase for the subscription tests (${name})`,
        },
        sources: [
          {
            source: { title: `Live test source ${name}`, url: `https://example.test/${MARKER}${name}` },
            snippet: 'a verbatim snippet',
          },
        ],
        newEntities,
      },
    }),
  });
  const body = (await response.json()) as { data?: { addAssertion?: { __typename: string; data?: { key: string } } } };
  expect(body.data?.addAssertion?.__typename, JSON.stringify(body)).toBe('MutationAddAssertionSuccess');
  return body.data!.addAssertion!.data!.key;
}

/** The log's last seq, read from Neo4j directly (the test's own view, not the service's). */
async function lastSeq(): Promise<number> {
  const { records } = await database.driver.executeQuery(
    "OPTIONAL MATCH (c:ChangeCounter {id: 'changes'}) RETURN coalesce(c.seq, 0) AS n",
  );
  return Number(records[0]?.get('n'));
}

/** The seq of a fact's `create` entry in the log. */
async function seqOf(factKey: string): Promise<number> {
  const { records } = await database.driver.executeQuery(
    "MATCH (c:Change {target: 'fact', targetKey: $key}) RETURN c.seq AS seq",
    { key: factKey },
  );
  return Number(records[0]?.get('seq'));
}

const FACTS = `subscription($filter: FactChangeFilter, $after: Int) {
  factChanged(filter: $filter, after: $after) { change { seq op actor target key kind entities } fact { key summary } } }`;
const BAIDU = { filter: { entity: 'company:baidu' } };

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

describe('access as for reads', () => {
  it('B (READS_REQUIRE_TOKEN) refuses a subscription without a token, with an unknown token, or without the read scope', async () => {
    const none = await subscribe(b, FACTS, { variables: BAIDU });
    const unknown = await subscribe(b, FACTS, { variables: BAIDU, headers: bearer('not-a-configured-token-000') });
    const research = await subscribe(b, FACTS, { variables: BAIDU, headers: bearer(RESEARCHER) });
    for (const [stream, status, code] of [
      [none, 401, 'UNAUTHENTICATED'],
      [unknown, 401, 'UNAUTHENTICATED'],
      [research, 403, 'FORBIDDEN'],
    ] as const) {
      expect(stream.status).toBe(status);
      expect(stream.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(stream.body).errors[0].extensions.code).toBe(code);
      expect(stream.events).toEqual([]);
    }
    expect(JSON.parse(research.body).errors[0].message).toBe('The token "researcher" lacks the "read" scope');
  });
});

describe('a fact written on instance A reaches a subscriber on instance B', () => {
  it('20 writes through A: each arrives once, in order, on B (and on A), with the fact as stored; latency printed', async () => {
    const onB = await subscribe(b, FACTS, { variables: BAIDU, headers: bearer(READER) });
    const onA = await subscribe(a, FACTS, { variables: BAIDU });
    expect(onB.status).toBe(200);
    expect(onB.contentType).toBe('text/event-stream; charset=utf-8');
    const before = await lastSeq();
    const written: string[] = [];
    const sent: number[] = [];
    const acked: number[] = [];
    for (let i = 0; i < 20; i++) {
      sent.push(performance.now());
      written.push(await writeFact(a, `ab-${i}`));
      acked.push(performance.now());
      // A fact about another company in between: not for these subscribers.
      if (i === 10) await writeFact(a, 'ab-other', 'company:alibaba');
      await Promise.all([onB.nextEvents(i + 1), onA.nextEvents(i + 1)]);
    }
    const events = await onB.nextEvents(20);
    const answers = events.map(payload);
    expect(answers.map((p) => p.data.factChanged.change.key)).toEqual(written);
    expect(answers.map((p) => p.data.factChanged.fact)).toEqual(
      written.map((key, i) => ({ key, summary: `Live test ab-${i}` })),
    );
    for (const p of answers) {
      expect(p.errors).toBeUndefined();
      expect(p.data.factChanged.change).toMatchObject({
        op: 'create',
        actor: 'writer',
        target: 'fact',
        kind: 'Claim',
        entities: ['company:baidu'],
      });
    }
    // Each event's SSE id is its seq (= extensions.seq = change.seq), increasing, within what was written.
    const seqs = answers.map((p) => p.data.factChanged.change.seq as number);
    expect(events.map((e) => Number(e.id))).toEqual(seqs);
    expect(answers.map((p) => p.extensions.seq)).toEqual(seqs);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    expect(seqs[0]!).toBeGreaterThan(before);
    // A sees exactly the same events (its tailer is its own; the log is the same).
    expect((await onA.nextEvents(20)).map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(onB.events.filter((e) => e.event === 'next')).toHaveLength(20);

    const fromWrite = events.map((e, i) => e.at - sent[i]!);
    const fromAck = events.map((e, i) => e.at - acked[i]!);
    const local = (await onA.nextEvents(20)).map((e, i) => e.at - acked[i]!);
    const figures = {
      date: new Date().toISOString(),
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      writes: 20,
      pollIntervalMs: loadConfig({}).live.pollIntervalMs,
      note: 'two service processes on one Neo4j (local jars), this 2-core machine shared with other agents',
      writeToEventOnB: { medianMs: round(median(fromWrite)), maxMs: round(Math.max(...fromWrite)) },
      ackToEventOnB: { medianMs: round(median(fromAck)), maxMs: round(Math.max(...fromAck)) },
      ackToEventOnA: { medianMs: round(median(local)), maxMs: round(Math.max(...local)) },
    };
    console.log(`[live] latency ${JSON.stringify(figures)}`);
    mkdirSync(join(ROOT, 'test/.artifacts'), { recursive: true });
    writeFileSync(join(ROOT, 'test/.artifacts/live-latency.json'), `${JSON.stringify(figures, null, 2)}\n`);
    onA.close();
    onB.close();
  }, 300_000); // 20 writes one after another: minutes on a loaded machine (the test timeout is 60 s)

  it('entityChanged on B: an update of the entity and a fact about it, in seq order, the entity as it stands', async () => {
    const stream = await subscribe(
      b,
      `subscription($key: String!) { entityChanged(key: $key) {
        change { op actor target key } entity { key name description } } }`,
      { headers: bearer(READER), variables: { key: 'Baidu' } }, // a unique name works as the key
    );
    expect(stream.status).toBe(200);
    const update = await fetch(url(a), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(WRITER) },
      body: JSON.stringify({
        query: `mutation { updateEntity(key: "company:baidu", changes: { description: "Live test description" },
          reason: "subscription test") { __typename } }`,
      }),
    });
    const updated = (await update.json()) as any;
    expect(updated.data?.updateEntity?.__typename, JSON.stringify(updated)).toBe('MutationUpdateEntitySuccess');
    const fact = await writeFact(a, 'entity-baidu');
    const events = (await stream.nextEvents(2)).map((e) => payload(e).data.entityChanged);
    const entity = { key: 'company:baidu', name: 'Baidu', description: 'Live test description' };
    expect(events).toEqual([
      { change: { op: 'update', actor: 'writer', target: 'entity', key: 'company:baidu' }, entity },
      { change: { op: 'create', actor: 'writer', target: 'fact', key: fact }, entity },
    ]);
    // An unknown key is refused up front, with the nearest keys, as every key argument is.
    const unknown = await subscribe(b, 'subscription { entityChanged(key: "company:baid") { change { seq } } }', {
      headers: bearer(READER),
    });
    const [refusal] = await unknown.nextEvents(1);
    expect(payload(refusal!).errors?.[0]).toMatchObject({
      message: expect.stringContaining('did you mean company:baidu (Baidu)?'),
      extensions: { code: 'NOT_FOUND' },
    });
    await unknown.ended;
    expect(unknown.events.map((e) => e.event)).toEqual(['next', 'complete']);
    stream.close();
  });
});

describe('resuming', () => {
  it('a stream dropped on B resumes on A from its Last-Event-ID: the missed facts from the log, then live ones, none twice', async () => {
    const first = await subscribe(b, FACTS, { variables: BAIDU, headers: bearer(READER) });
    const keys = [await writeFact(a, 'resume-0'), await writeFact(b, 'resume-1')];
    const seen = await first.nextEvents(2);
    first.close(); // the client goes away
    const missed = [await writeFact(a, 'resume-2'), await writeFact(b, 'resume-3'), await writeFact(a, 'resume-4')];
    // What a browser's EventSource sends when it reconnects: a GET of the same URL with Last-Event-ID. The URL's
    // `after: 0` would replay the whole log; the header wins.
    const resumed = await subscribe(a, FACTS, {
      method: 'GET',
      variables: { ...BAIDU, after: 0 },
      headers: { 'last-event-id': seen[1]!.id! },
    });
    expect(resumed.status).toBe(200);
    const replayed = await resumed.nextEvents(3);
    const live = await writeFact(b, 'resume-5');
    const all = await resumed.nextEvents(4);
    const received = [...seen, ...all].map((e) => payload(e).data.factChanged.change.key);
    expect(received).toEqual([...keys, ...missed, live]);
    expect(replayed.map((e) => Number(e.id))).toEqual(
      replayed.map((e) => payload(e).data.factChanged.change.seq as number),
    );
    const ids = [...seen, ...all].map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(6);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    resumed.close();
  });

  it('`after` resumes too; a resume point beyond the log or a malformed Last-Event-ID is refused', async () => {
    const from = await lastSeq();
    const key = await writeFact(a, 'after-0');
    const stream = await subscribe(b, FACTS, { variables: { ...BAIDU, after: from }, headers: bearer(READER) });
    const [event] = await stream.nextEvents(1);
    expect(payload(event!).data.factChanged.change.key).toBe(key);
    stream.close();

    const beyond = await subscribe(b, FACTS, { variables: { ...BAIDU, after: from + 1000 }, headers: bearer(READER) });
    const [refusal] = await beyond.nextEvents(1);
    expect(payload(refusal!).errors?.[0]).toMatchObject({
      message: `Cannot resume after ${from + 1000}: the change log's last seq is ${await lastSeq()} (an id from another database?)`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const malformed = await subscribe(b, FACTS, {
      variables: BAIDU,
      headers: { ...bearer(READER), 'last-event-id': 'abc' },
    });
    const [bad] = await malformed.nextEvents(1);
    expect(payload(bad!).errors?.[0]).toMatchObject({
      message: 'Last-Event-ID must be a change seq (a whole number), got "abc"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('many writers on both instances while a subscriber resumes mid-burst: every fact exactly once, in seq order', async () => {
    const from = await lastSeq();
    const burst = Array.from({ length: 30 }, (_, i) => writeFact(i % 2 ? a : b, `burst-${i}`));
    await sleep(50); // the subscriber joins while the burst is being written: part replay, part live
    const stream = await subscribe(b, FACTS, { variables: { ...BAIDU, after: from }, headers: bearer(READER) });
    const written = await Promise.all(burst);
    const events = await stream.nextEvents(30, 60_000);
    const keys = events.map((e) => payload(e).data.factChanged.change.key);
    expect([...keys].sort()).toEqual([...written].sort());
    const seqs = events.map((e) => Number(e.id));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    // Exactly the fact entries the log holds for them (read from Neo4j by the test).
    const { records } = await database.driver.executeQuery(
      "MATCH (c:Change {target: 'fact'}) WHERE c.seq > $from AND c.targetKey STARTS WITH $prefix RETURN c.seq AS seq ORDER BY seq",
      { from, prefix: `fact:${MARKER}burst-` },
    );
    expect(seqs).toEqual(records.map((r) => Number(r.get('seq'))));
    await sleep(500);
    expect(stream.events.filter((e) => e.event === 'next')).toHaveLength(30);
    stream.close();
  });
});

describe('limits', () => {
  it(`a token holds at most ${MAX_PER_CLIENT} streams on a replica (429 TOO_MANY_SUBSCRIPTIONS); another token is unaffected; closing one frees a place`, async () => {
    const held = [];
    for (let i = 0; i < MAX_PER_CLIENT; i++) held.push(await subscribe(b, FACTS, { headers: bearer(LIMITED) }));
    for (const stream of held) expect(stream.status).toBe(200);
    const refused = await subscribe(b, FACTS, { headers: bearer(LIMITED) });
    expect(refused.status).toBe(429);
    const [event] = await refused.nextEvents(1);
    expect(payload(event!).errors?.[0]).toMatchObject({
      message:
        `This client already holds ${MAX_PER_CLIENT} subscriptions on this server, the most allowed ` +
        `(SUBSCRIPTION_MAX_PER_CLIENT=${MAX_PER_CLIENT}); close one first`,
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    });
    const other = await subscribe(b, FACTS, { headers: bearer(READER2) });
    expect(other.status).toBe(200);
    held[0]!.close();
    // The server frees the place when it notices the connection closed: try until it has.
    let again: SseStream | undefined;
    for (let attempt = 0; attempt < 50 && again?.status !== 200; attempt++) {
      again?.close();
      again = await subscribe(b, FACTS, { headers: bearer(LIMITED) });
      if (again.status !== 200) await sleep(100);
    }
    expect(again?.status).toBe(200);
    for (const stream of [...held, other, again]) stream?.close();
  });

  it(`anonymous clients are told apart by address (CLIENT_IP_HEADER on A): at most ${MAX_PER_CLIENT} from one`, async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `198.51.100.1, ${address}` } });
    const held = [];
    for (let i = 0; i < MAX_PER_CLIENT; i++) held.push(await subscribe(a, FACTS, from('203.0.113.7')));
    expect(held.map((s) => s.status)).toEqual(Array(MAX_PER_CLIENT).fill(200));
    const refused = await subscribe(a, FACTS, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(payload((await refused.nextEvents(1))[0]!).errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    // The proxy's own address comes first in the header and is not the client: another client is served.
    const other = await subscribe(a, FACTS, from('203.0.113.8'));
    expect(other.status).toBe(200);
  });

  it('an idle stream gets heartbeat comments (SUBSCRIPTION_HEARTBEAT_MS=300)', async () => {
    const stream = await subscribe(b, FACTS, { headers: bearer(READER2) });
    await waitFor(() => stream.heartbeats >= 3, 20_000, 50);
    expect(stream.events).toEqual([]);
    stream.close();
  });
});

describe('a reader too slow for its queue (the tailer in-process, on the same Neo4j)', () => {
  it('is ended after what its queue holds, with SUBSCRIBER_TOO_SLOW naming the last seq, and holds no more', async () => {
    const hub = new LiveChanges(
      () => database.scope('test-live-slow'),
      { pollIntervalMs: 50, maxPerClient: 5, queueSize: 3, heartbeatMs: 1000 },
      createLogger('silent'),
    );
    const stream = await hub.subscribe({
      client: 'token:slow',
      after: undefined,
      filter: { target: 'fact', entity: 'company:baidu', kinds: null, source: null },
    });
    const first = stream.next(); // catches up, joins the live feed, waits
    const keys = [await writeFact(a, 'slow-0')];
    const firstEvent = (await first).value as LiveEvent;
    expect(firstEvent.type === 'change' && firstEvent.change.key).toBe(keys[0]);
    // Nobody reads now: three wait in the queue, the fourth ends the stream.
    for (let i = 1; i <= 5; i++) keys.push(await writeFact(a, `slow-${i}`));
    // Wait until the tailer has handed out the fourth (the one that overflows); reading before would make room.
    const overflow = await seqOf(keys[4]!);
    await waitFor(() => hub.position >= overflow, 20_000);
    const rest: LiveEvent[] = [];
    for (;;) {
      const next = await stream.next();
      if (next.done) break;
      rest.push(next.value);
    }
    expect(rest.slice(0, 3).map((e) => e.type === 'change' && e.change.key)).toEqual(keys.slice(1, 4));
    const end = rest[3]!;
    expect(rest).toHaveLength(4);
    const lastQueued = rest[2]!.type === 'change' ? rest[2]!.change.seq : -1;
    expect(end.type === 'end' && { code: end.error.code, message: end.error.message }).toEqual({
      code: 'SUBSCRIBER_TOO_SLOW',
      message:
        `This stream fell more than 3 events behind (SUBSCRIPTION_QUEUE_SIZE) and was ended after seq ${lastQueued}; ` +
        'subscribe again with Last-Event-ID (or `after`) set to the last id you received to get the rest from the log',
    });
    expect(hub.size).toBe(0);
    hub.close();
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM on B ends its open streams (SHUTTING_DOWN, then complete) and B exits 0, drained', async () => {
    const open = [
      await subscribe(b, FACTS, { headers: bearer(CLOSING) }),
      await subscribe(b, FACTS, { variables: BAIDU, headers: bearer(CLOSING) }),
    ];
    for (const stream of open) expect(stream.status).toBe(200);
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    for (const stream of open) {
      await stream.ended;
      expect(stream.events.map((e) => e.event)).toEqual(['next', 'complete']);
      expect(payload(stream.events[0]!).errors?.[0]).toMatchObject({
        message:
          'This server is shutting down; subscribe again (Last-Event-ID or `after` resumes where this stream stopped)',
        extensions: { code: 'SHUTTING_DOWN' },
      });
    }
    expect(b.logs.find((l) => l.msg === 'shutdown complete')).toMatchObject({ outcome: 'drained', code: 0 });
  });
});
