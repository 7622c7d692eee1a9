import { createHash } from 'node:crypto';
import { type Cache, useResponseCache } from '@envelop/response-cache';
import { type ExecutionResult, getOperationAST, print } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { ResponseCacheConfig } from '../config/index.ts';
import { hasScope } from '../domain/access.ts';
import type { Context } from '../schema/context.ts';
import type { LiveChanges } from '../services/live-changes.ts';
import { clientBookmarks } from './request-info.ts';

/** Fields answered live on purpose (their description says so), never from the cache. */
const NEVER_CACHED = { 'Query.system': 0 };

interface Entry {
  result: ExecutionResult;
  bytes: number;
  expires: number;
}

/**
 * The answers, least recently used first, within a budget of bytes (each answer counted by its JSON length; the heap
 * holds them as objects, a few times that). Entities are not tracked: a write empties it (ResponseCache.advance).
 * Keys start with the generation they were made in; an answer that finishes after the generation moved is dropped.
 */
class AnswerStore implements Cache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  /** The data's generation: moved by every write this process makes or its tailer reads. */
  generation = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get(key: string): ExecutionResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= performance.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.result;
  }

  set(key: string, result: ExecutionResult, _entities: unknown, ttlMs: number): void {
    if (!key.startsWith(`${this.generation}:`)) return;
    const bytes = JSON.stringify(result).length;
    if (bytes > this.maxBytes) return;
    this.delete(key);
    for (const [oldest, entry] of this.entries) {
      if (this.bytes + bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
    this.entries.set(key, { result, bytes, expires: performance.now() + ttlMs });
    this.bytes += bytes;
  }

  /** Called by the plugin only for mutations' entities, which it is not asked to track: empties everything. */
  invalidate(): void {
    this.clear();
  }

  /** The data changed: new keys from now on, and the old answers go. */
  advance() {
    this.generation += 1;
    this.clear();
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * RESPONSE_CACHE: answers to queries by callers without the `write` scope and without `x-neo4j-bookmarks`, kept in
 * this process and keyed by the document, operation name, variables, the caller's scopes (anonymous apart from every
 * scope set) and the data's generation. The generation moves, and the cache empties, when a mutation through this
 * process has finished (before its answer leaves) and when the change-log tailer reads a change written by any
 * process. The cache is only used while the tailer's last successful read began at most `staleAfterMs` ago, so an
 * answer never hides a write committed longer ago than that (writes that bypass the change log: RESPONSE_CACHE_TTL).
 * Answers with errors are never stored; mutations and subscriptions never use it.
 */
export class ResponseCache {
  private readonly store: AnswerStore;
  private readonly stopWatching: () => void;
  private readonly live: LiveChanges;
  private readonly config: ResponseCacheConfig;
  readonly staleAfterMs: number;

  private constructor(config: ResponseCacheConfig, live: LiveChanges, stopWatching: () => void, staleAfterMs: number) {
    this.config = config;
    this.live = live;
    this.stopWatching = stopWatching;
    this.staleAfterMs = staleAfterMs;
    this.store = new AnswerStore(config.maxBytes);
  }

  /** Starts following the change log (one read of its end now, then one per poll interval). */
  static async start(config: ResponseCacheConfig, live: LiveChanges, pollIntervalMs: number): Promise<ResponseCache> {
    let cache: ResponseCache | undefined;
    const stop = await live.watch(() => cache?.advance());
    cache = new ResponseCache(config, live, stop, Math.max(1_000, 4 * pollIntervalMs));
    return cache;
  }

  /** The data changed: new keys from now on, and the old answers go. */
  advance() {
    this.store.advance();
  }

  /** Answers held now. */
  get size() {
    return this.store.size;
  }

  close() {
    this.stopWatching();
    this.store.clear();
  }

  private usable() {
    return performance.now() - this.live.seenUntil <= this.staleAfterMs;
  }

  /** The two plugins, in this order, after every plugin that sets the execute function. */
  plugins(): Plugin[] {
    const cacheable = new WeakSet<object>();
    const marks: Plugin = {
      onExecute: ({ args }) => {
        const operation = getOperationAST(args.document, args.operationName)?.operation;
        // After the mutation's transactions committed, before its answer is sent: the writer's next read is fresh.
        if (operation === 'mutation') return { onExecuteDone: () => this.advance() };
        const ctx = args.contextValue as Context & YogaInitialContext;
        if (
          operation === 'query' &&
          this.usable() &&
          !hasScope(ctx.auth, 'write') &&
          clientBookmarks(ctx.request).length === 0
        ) {
          cacheable.add(ctx);
        }
      },
    };
    const cache = useResponseCache<Context & YogaInitialContext>({
      cache: this.store,
      ttl: this.config.ttlMs,
      ttlPerSchemaCoordinate: NEVER_CACHED,
      session: () => null,
      enabled: (ctx) => cacheable.has(ctx),
      invalidateViaMutation: false,
      includeExtensionMetadata: false,
      shouldCacheResult: ({ result }) => !result.errors?.length,
      getDocumentString: (args) =>
        (args.contextValue as Partial<YogaInitialContext>).params?.query ?? print(args.document),
      buildResponseCacheKey: ({ documentString, variableValues, operationName, context }) => {
        const { auth } = context as Context;
        const scopes = auth.principal === null ? 'anonymous' : `scopes:${[...auth.scopes].sort().join('+')}`;
        const hash = createHash('sha256')
          .update([scopes, operationName ?? '', JSON.stringify(variableValues ?? {}), documentString].join('\0'))
          .digest('base64url');
        return `${this.store.generation}:${hash}`;
      },
    });
    return [marks, cache as Plugin];
  }
}
