import type { LiveConfig } from '../config/index.ts';
import type { Reader } from '../db/database.ts';
import type { ChangeRow, ChangeTarget } from '../domain/changes.ts';
import { badInput, DomainError } from '../domain/errors.ts';
import { type ChangeFilter, changeRepository } from '../repositories/changes.ts';

/** What a stream yields: an entry of the change log, or its last word (dropped, shutting down, the database away). */
export type LiveEvent = { type: 'change'; change: ChangeRow } | { type: 'end'; error: DomainError };

/** Which entries a stream wants: the log's own filter (read from Neo4j when catching up), and a target. */
export interface LiveFilter extends ChangeFilter {
  /** Only entries about this kind of thing (factChanged: `fact`); null for all. */
  target: ChangeTarget | null;
}

export interface SubscribeOptions {
  /** Who holds the stream, for SUBSCRIPTION_MAX_PER_CLIENT: `token:<name>` or `ip:<address>`. */
  client: string;
  /** Resume after this seq (Last-Event-ID or `after`); undefined: from the log's last seq now. */
  after: number | undefined;
  filter: LiveFilter;
  /** The request's: aborted when the client goes away, which ends the stream and frees its place. */
  signal?: AbortSignal;
}

/** The same test the log's read applies (cypher/changes/after.cypher), for entries the tailer hands out. */
export function matchesFilter(filter: LiveFilter, change: ChangeRow): boolean {
  return (
    (filter.target === null || change.target === filter.target) &&
    (filter.entity === null || change.entities.includes(filter.entity)) &&
    (filter.kinds === null || filter.kinds.includes(change.kind)) &&
    (filter.source === null || change.sources.includes(filter.source))
  );
}

interface Logger {
  warn(object: object, message: string): void;
}

const NO_FILTER: ChangeFilter = { entity: null, kinds: null, source: null };
const REPLAY_PAGE = 100;
const POLL_BATCH = 500;
const WARN_EVERY_MS = 10_000;

/**
 * The change-log tailer of one process and the subscriptions it feeds. One poller per process, not per subscriber:
 * while anyone is subscribed it reads the changes after the last seq it saw every SUBSCRIPTION_POLL_INTERVAL_MS (at
 * once after a write through this process, see poke) and offers each to every local subscriber. The log in Neo4j is
 * the source of truth, so every replica sees every write, whichever replica made it.
 *
 * A subscriber first catches up from the log on its own (replay after its resume point, paced by its reader), then
 * joins the live feed at a seq no lower than the tailer's: seqs are gap-free and each stream skips what it has
 * passed, so nothing is missed or repeated. Live events wait in a queue of at most SUBSCRIPTION_QUEUE_SIZE; one more
 * and the stream ends with SUBSCRIBER_TOO_SLOW after what it holds (the client resumes from its last id).
 */
export class LiveChanges {
  private readonly live = new Set<Subscription>();
  private readonly all = new Set<Subscription>();
  private readonly perClient = new Map<string, number>();
  /** The last seq offered to the live subscribers. */
  private head = 0;
  private polling = false;
  /** Bumped when polling stops, so an answer of an earlier round is dropped. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;
  private again = false;
  private closed = false;
  private lastWarning = 0;
  /** Told the new head after each read of the log that moved it (the response cache); they keep the tailer polling. */
  private readonly watchers = new Set<(head: number) => void>();
  /** performance.now() when the last read of the log that succeeded began: every change committed before it is seen. */
  private readFrom = Number.NEGATIVE_INFINITY;

  /** A reader for one round of reads (the tailer's statements are counted apart from any request's). */
  private readonly reader: () => Reader;
  private readonly settings: LiveConfig;
  private readonly logger: Logger;

  constructor(reader: () => Reader, settings: LiveConfig, logger: Logger) {
    this.reader = reader;
    this.settings = settings;
    this.logger = logger;
  }

  /** Open streams on this process (all clients). */
  get size() {
    return this.all.size;
  }

  /** The last seq the tailer has handed out (0 before it first ran). */
  get position() {
    return this.head;
  }

  /**
   * When (performance.now()) the last successful read of the log began: every change committed before then has been
   * handed to the watchers. -Infinity while the tailer does not poll.
   */
  get seenUntil() {
    return this.polling ? this.readFrom : Number.NEGATIVE_INFINITY;
  }

  /**
   * Keeps the tailer reading the log every SUBSCRIPTION_POLL_INTERVAL_MS, with or without subscribers, and calls
   * `listener` with the new head after each read that moved it. Starts at the log's end. Returns the way to stop.
   */
  async watch(listener: (head: number) => void): Promise<() => void> {
    if (this.closed) throw shuttingDown();
    this.watchers.add(listener);
    if (!this.polling) {
      const from = performance.now();
      const { last } = await this.log().last();
      if (!this.polling && !this.closed && this.watchers.has(listener)) {
        this.head = last;
        this.readFrom = from;
        this.polling = true;
        this.schedule(this.generation);
      }
    }
    return () => {
      this.watchers.delete(listener);
      if (this.live.size === 0 && this.watchers.size === 0) this.stopPolling();
    };
  }

  /**
   * Checks the client's limit and the resume point, then hands out the stream. Throws TOO_MANY_SUBSCRIPTIONS,
   * SHUTTING_DOWN or BAD_USER_INPUT (a resume point beyond the log).
   */
  async subscribe(options: SubscribeOptions): Promise<AsyncIterableIterator<LiveEvent>> {
    this.checkOpen(options.client);
    const { last } = await this.log().last();
    if (options.after !== undefined && options.after > last) {
      throw badInput(
        `Cannot resume after ${options.after}: the change log's last seq is ${last} (an id from another database?)`,
        { after: options.after, lastSeq: last },
      );
    }
    this.checkOpen(options.client); // again: other subscriptions may have opened while the log answered
    const subscription = new Subscription(this, options, options.after ?? last);
    this.all.add(subscription);
    this.perClient.set(options.client, (this.perClient.get(options.client) ?? 0) + 1);
    if (options.signal?.aborted) void subscription.return();
    else options.signal?.addEventListener('abort', () => void subscription.return(), { once: true });
    return subscription;
  }

  private checkOpen(client: string) {
    if (this.closed) throw shuttingDown();
    const max = this.settings.maxPerClient;
    const held = this.perClient.get(client) ?? 0;
    if (held >= max) {
      throw new DomainError(
        'TOO_MANY_SUBSCRIPTIONS',
        max === 0
          ? 'Subscriptions are turned off on this server (SUBSCRIPTION_MAX_PER_CLIENT=0)'
          : `This client already holds ${held} subscriptions on this server, the most allowed ` +
              `(SUBSCRIPTION_MAX_PER_CLIENT=${max}); close one first`,
        { max },
      );
    }
  }

  /** Reads the log now instead of at the next interval (a write went through this process). */
  poke() {
    if (!this.polling) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    void this.poll(this.generation);
  }

  /** Ends every stream with SHUTTING_DOWN (after what each holds) and refuses new ones; graceful shutdown calls it. */
  close() {
    this.closed = true;
    for (const subscription of this.all) subscription.end(shuttingDown());
    this.stopPolling();
  }

  /** @internal A subscription that caught up with the log joins the live feed, if it is not behind the tailer. */
  join(subscription: Subscription): boolean {
    if (this.closed) {
      subscription.end(shuttingDown());
      return true;
    }
    if (!this.polling) {
      this.head = subscription.cursor;
      this.polling = true;
      this.live.add(subscription);
      this.schedule(this.generation);
      return true;
    }
    if (subscription.cursor < this.head) return false;
    this.live.add(subscription);
    return true;
  }

  /** @internal */
  leave(subscription: Subscription) {
    this.live.delete(subscription);
    if (this.live.size === 0 && this.watchers.size === 0) this.stopPolling();
  }

  /** @internal */
  release(subscription: Subscription) {
    this.leave(subscription);
    if (!this.all.delete(subscription)) return;
    const client = subscription.client;
    const held = (this.perClient.get(client) ?? 1) - 1;
    if (held > 0) this.perClient.set(client, held);
    else this.perClient.delete(client);
  }

  /** @internal */
  log() {
    return changeRepository(this.reader());
  }

  private stopPolling() {
    if (!this.polling) return;
    this.polling = false;
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(generation: number, delay = this.settings.pollIntervalMs) {
    if (generation !== this.generation || !this.polling) return;
    this.timer = setTimeout(() => void this.poll(generation), delay);
    this.timer.unref?.();
  }

  private async poll(generation: number) {
    this.inFlight = true;
    this.again = false;
    const from = performance.now();
    const before = this.head;
    try {
      let page: ChangeRow[];
      do {
        // Unfiltered, so the window is the page: each entry once, in seq order, to every subscriber.
        ({ changes: page } = await this.log().after(this.head, POLL_BATCH, NO_FILTER, POLL_BATCH));
        if (generation !== this.generation) return;
        for (const change of page) {
          if (change.seq <= this.head) continue;
          this.head = change.seq;
          for (const subscription of this.live) subscription.offer(change);
        }
      } while (page.length === POLL_BATCH);
      if (this.head !== before) for (const watcher of this.watchers) watcher(this.head);
      this.readFrom = from;
    } catch (error) {
      const now = Date.now();
      if (now - this.lastWarning >= WARN_EVERY_MS) {
        this.lastWarning = now;
        this.logger.warn({ err: error }, 'subscriptions: reading the change log failed; retrying');
      }
    } finally {
      this.inFlight = false;
      this.schedule(generation, this.again ? 0 : this.settings.pollIntervalMs);
    }
  }

  /** @internal */
  get queueSize() {
    return this.settings.queueSize;
  }
}

const shuttingDown = () =>
  new DomainError(
    'SHUTTING_DOWN',
    'This server is shutting down; subscribe again (Last-Event-ID or `after` resumes where this stream stopped)',
  );

/** One stream: catching up from the log, then live from the tailer's queue, then its last word. */
class Subscription implements AsyncIterableIterator<LiveEvent> {
  readonly client: string;
  /** The last seq this stream has passed (delivered, queued or skipped by its filter). */
  cursor: number;
  private state: 'replay' | 'live' | 'ending' | 'done' = 'replay';
  private readonly buffer: LiveEvent[] = [];
  /** How many of the buffered events at its front came from the replay (they do not count against the queue). */
  private replayed = 0;
  private endError: DomainError | undefined;
  private wake: (() => void) | undefined;
  private lastDelivered: number;

  private readonly hub: LiveChanges;
  private readonly options: SubscribeOptions;

  constructor(hub: LiveChanges, options: SubscribeOptions, start: number) {
    this.hub = hub;
    this.options = options;
    this.client = options.client;
    this.cursor = start;
    this.lastDelivered = start;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** From the tailer, in seq order. */
  offer(change: ChangeRow) {
    if (this.state !== 'live' || change.seq <= this.cursor) return;
    this.cursor = change.seq;
    if (!matchesFilter(this.options.filter, change)) return;
    if (this.buffer.length - this.replayed >= this.hub.queueSize) {
      this.end(
        new DomainError(
          'SUBSCRIBER_TOO_SLOW',
          `This stream fell more than ${this.hub.queueSize} events behind (SUBSCRIPTION_QUEUE_SIZE) and was ended ` +
            `after seq ${this.lastSeqQueued()}; subscribe again with Last-Event-ID (or \`after\`) set to the last id ` +
            'you received to get the rest from the log',
          { lastSeq: this.lastSeqQueued() },
        ),
      );
      return;
    }
    this.buffer.push({ type: 'change', change });
    this.notify();
  }

  /** Ends the stream after what it holds. */
  end(error: DomainError) {
    if (this.state === 'ending' || this.state === 'done') return;
    this.state = 'ending';
    this.endError = error;
    this.hub.leave(this);
    this.notify();
  }

  async next(): Promise<IteratorResult<LiveEvent>> {
    for (;;) {
      if (this.state === 'done') return { done: true, value: undefined };
      const queued = this.buffer.shift();
      if (queued) {
        if (this.replayed > 0) this.replayed -= 1;
        if (queued.type === 'change') this.lastDelivered = queued.change.seq;
        return { done: false, value: queued };
      }
      if (this.state === 'ending') {
        this.finish();
        return { done: false, value: { type: 'end', error: this.endError ?? shuttingDown() } };
      }
      if (this.state === 'replay') await this.replay();
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<LiveEvent>> {
    this.finish();
    return { done: true, value: undefined };
  }

  /**
   * One page of the log after the cursor, filtered in Neo4j; once a read reached the log's end, join the live feed
   * (unless the tailer is ahead by then: another page first).
   */
  private async replay() {
    let page: Awaited<ReturnType<ReturnType<LiveChanges['log']>['after']>>;
    try {
      page = await this.hub.log().after(this.cursor, REPLAY_PAGE, this.options.filter);
    } catch (error) {
      const cause = error instanceof DomainError ? error : new DomainError('DATABASE_ERROR', 'Reading the log failed');
      this.end(new DomainError(cause.code, `${cause.message}; subscribe again to resume`, cause.details));
      return;
    }
    if (this.state !== 'replay') return; // ended (shutdown, client gone) while the page was read
    for (const change of page.changes) {
      if (change.seq <= this.cursor || !matchesFilter(this.options.filter, change)) continue;
      this.buffer.push({ type: 'change', change });
      this.replayed += 1;
    }
    const lastSeen = page.changes.at(-1)?.seq ?? 0;
    this.cursor = Math.max(this.cursor, page.readTo, lastSeen);
    const atEnd = page.changes.length < REPLAY_PAGE && this.cursor >= page.last;
    if (atEnd && this.hub.join(this) && this.state === 'replay') this.state = 'live';
  }

  private lastSeqQueued() {
    const last = this.buffer.at(-1);
    return last?.type === 'change' ? last.change.seq : this.lastDelivered;
  }

  private notify() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private finish() {
    if (this.state === 'done') return;
    this.state = 'done';
    this.buffer.length = 0;
    this.replayed = 0;
    this.hub.release(this);
    this.notify();
  }
}
