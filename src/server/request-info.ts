import { randomUUID } from 'node:crypto';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { DbScope } from '../db/database.ts';

/** What the observability plugins learn about one HTTP request as it goes through Yoga. */
export interface RequestInfo {
  id: string;
  started: number;
  operation: string;
  operationType: string;
  errorCodes: string[];
  db?: DbScope;
}

const infos = new WeakMap<Request, RequestInfo>();

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The caller's x-request-id when it is sane, else a new UUID; the same object for the whole request. */
export function requestInfo(request: Request): RequestInfo {
  let info = infos.get(request);
  if (!info) {
    const header = request.headers.get('x-request-id') ?? '';
    info = {
      id: REQUEST_ID.test(header) ? header : randomUUID(),
      started: performance.now(),
      operation: 'unknown',
      operationType: 'unknown',
      errorCodes: [],
    };
    infos.set(request, info);
  }
  return info;
}

/** Bookmarks from x-neo4j-bookmarks (comma-separated), bounded in number and size. */
export function clientBookmarks(request: Request): string[] {
  const header = request.headers.get('x-neo4j-bookmarks');
  if (!header) return [];
  return header
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0 && b.length <= 512)
    .slice(0, 16);
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function errorCodesOf(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((r) => {
    const errors = (r as { errors?: { extensions?: { code?: unknown } }[] } | null)?.errors ?? [];
    return errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNCODED'));
  });
}

function withRequestId<T extends { extensions?: unknown }>(result: T, id: string): T {
  const extensions = (result.extensions ?? {}) as Record<string, unknown>;
  return extensions.requestId === id ? result : { ...result, extensions: { ...extensions, requestId: id } };
}

/**
 * Fills RequestInfo (operation, its type, error codes, the request's DbScope) for the metrics and
 * log plugins, and answers with x-request-id and, after a write, x-neo4j-bookmarks.
 */
export function useRequestTracking(): Plugin<{ db?: DbScope }> {
  return {
    onRequest({ request }) {
      requestInfo(request);
    },
    onParams({ request, params }) {
      const info = requestInfo(request);
      if (params.operationName) info.operation = params.operationName;
    },
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request) return;
      const info = requestInfo(request);
      const operation = getOperationAST(args.document, args.operationName);
      info.operationType = operation?.operation ?? 'unknown';
      info.operation = operation?.name?.value ?? (args.operationName || 'anonymous');
      info.db = args.contextValue.db;
    },
    onResultProcess({ request, result, setResult }) {
      const info = requestInfo(request);
      info.errorCodes.push(...errorCodesOf(result));
      // Every answer carries its request id, refusals before execution (parse, validation, limits) too.
      if (Array.isArray(result)) setResult(result.map((r) => withRequestId(r, info.id)));
      else if (result && !(Symbol.asyncIterator in result)) setResult(withRequestId(result, info.id));
    },
    onResponse({ request, response }) {
      const info = requestInfo(request);
      response.headers.set('x-request-id', info.id);
      const bookmarks = info.db?.lastWriteBookmarks ?? [];
      if (bookmarks.length) response.headers.set('x-neo4j-bookmarks', bookmarks.join(','));
    },
  };
}

/** Operation names are client-chosen: only well-formed ones become metric labels. */
export function operationLabel(name: string): string {
  return OPERATION_NAME.test(name) ? name : 'invalid';
}
