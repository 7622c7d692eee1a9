import type { Plugin } from 'graphql-yoga';
import type { ExportsConfig } from '../config/index.ts';
import type { Database } from '../db/database.ts';
import { BUSY_RETRY_AFTER_SECONDS } from '../db/write-gate.ts';
import { DomainError } from '../domain/errors.ts';
import {
  CSV_TABLES,
  csvTable,
  type ExportFormatName,
  type ExportTarget,
  exportChunks,
  exportFileName,
  MEDIA_TYPES,
} from '../services/export-formats/index.ts';
import type { Logger } from './logger.ts';
import { clientBookmarks, requestInfo } from './request-info.ts';

/**
 * GET /export/… : the whole graph streamed as NDJSON (the import format), JSON-LD with PROV-O, or one CSV table per
 * request. Pages are read with keyset reads only when the client has taken the previous ones (a pull stream), each
 * page its own short read statement, so an export never holds the graph in memory nor a pooled connection between
 * pages. At most `maxConcurrent` exports stream at once (one more is BUSY, 429); one whose client stops reading for
 * `stallTimeoutMs` is cut. Access is that of GraphQL reads (src/server/auth.ts guards these paths too).
 */
export const EXPORT_PATH = '/export';

export const isExportPath = (path: string) => path === EXPORT_PATH || path.startsWith(`${EXPORT_PATH}/`);

export type ExportOutcome = 'ok' | 'busy' | 'unavailable' | 'failed' | 'aborted' | 'stalled';

/** Metrics of the exports (src/server/metrics.ts). */
export interface ExportObserver {
  /** Answered BUSY at once: EXPORT_MAX_CONCURRENT exports were streaming. */
  refused(format: ExportFormatName): void;
  started(format: ExportFormatName): void;
  finished(format: ExportFormatName, outcome: ExportOutcome, bytes: number, seconds: number): void;
}

const PAGE_SIZE = 500;

/** The status of a failure before the first byte (after it, the transfer is cut). */
const STATUS_OF: Partial<Record<string, number>> = {
  BUSY: 429,
  DATABASE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 503,
  BAD_USER_INPUT: 400,
};

type FetchAPI = { Response: typeof Response; ReadableStream: typeof ReadableStream };

function json(fetchAPI: FetchAPI, status: number, body: unknown, headers: Record<string, string> = {}) {
  return new fetchAPI.Response(JSON.stringify(body, null, 2), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

const problem = (
  fetchAPI: FetchAPI,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => json(fetchAPI, status, { errors: [{ message, extensions: { code } }] }, headers);

/** What the paths under /export are; GET /export answers it. */
export function exportIndex() {
  return {
    ndjson: { path: `${EXPORT_PATH}/ndjson`, mediaType: MEDIA_TYPES.ndjson, description: 'The import format.' },
    jsonld: {
      path: `${EXPORT_PATH}/jsonld`,
      mediaType: MEDIA_TYPES.jsonld,
      description: 'JSON-LD 1.1 with PROV-O provenance.',
    },
    csv: CSV_TABLES.map((t) => ({
      table: t.name,
      path: `${EXPORT_PATH}/csv/${t.name}`,
      mediaType: MEDIA_TYPES.csv,
      columns: t.columns,
      description: t.description,
    })),
  };
}

function targetOf(path: string): ExportTarget | 'index' | undefined {
  const rest = path.slice(EXPORT_PATH.length).replace(/\/+$/, '');
  if (rest === '' || rest === '/csv') return 'index';
  if (rest === '/ndjson') return { format: 'ndjson' };
  if (rest === '/jsonld') return { format: 'jsonld' };
  const table = /^\/csv\/([a-z-]+)$/.exec(rest)?.[1];
  const found = table === undefined ? undefined : csvTable(table);
  return found ? { format: 'csv', table: found } : undefined;
}

export interface ExportsDeps {
  database: Database;
  logger: Logger;
  config: ExportsConfig;
  observer: ExportObserver;
}

export function useExports({ database, logger, config, observer }: ExportsDeps): Plugin {
  let streaming = 0;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!isExportPath(url.pathname)) return;
      const target = targetOf(url.pathname);
      if (target === undefined) {
        return endResponse(
          problem(fetchAPI, 404, 'NOT_FOUND', `No export at ${url.pathname}; GET ${EXPORT_PATH} lists them`, {}),
        );
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(
          problem(fetchAPI, 405, 'BAD_REQUEST', 'Exports answer GET and HEAD only', { allow: 'GET, HEAD' }),
        );
      }
      if (target === 'index') return endResponse(json(fetchAPI, 200, exportIndex()));

      const format = target.format;
      if (streaming >= config.maxConcurrent) {
        observer.refused(format);
        return endResponse(
          problem(
            fetchAPI,
            429,
            'BUSY',
            `${config.maxConcurrent} exports are streaming (EXPORT_MAX_CONCURRENT); try again shortly`,
            { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) },
          ),
        );
      }
      streaming += 1;
      const info = requestInfo(request);
      const db = database.scope(info.id, undefined, clientBookmarks(request));
      const started = performance.now();
      let bytes = 0;
      let done = false;
      observer.started(format);
      const finish = (outcome: ExportOutcome, error?: unknown) => {
        if (done) return;
        done = true;
        streaming -= 1;
        const seconds = (performance.now() - started) / 1000;
        observer.finished(format, outcome, bytes, seconds);
        const line = {
          requestId: info.id,
          format,
          table: target.format === 'csv' ? target.table.name : undefined,
          outcome,
          bytes,
          ms: Math.round(seconds * 1000),
          statements: db.stats.statements,
          error: error instanceof Error ? error.message : undefined,
        };
        if (outcome === 'ok') logger.info(line, 'export finished');
        else logger.warn(line, 'export ended early');
      };

      // Where the data stands when the export begins (after the client's x-neo4j-bookmarks, as for GraphQL reads); a
      // failure here still gets a proper status.
      let dataVersion: string;
      try {
        dataVersion = await db.dataVersion();
      } catch (error) {
        const code = error instanceof DomainError ? error.code : 'DATABASE_ERROR';
        finish(code === 'BUSY' ? 'busy' : code === 'DATABASE_UNAVAILABLE' ? 'unavailable' : 'failed', error);
        const status = STATUS_OF[code] ?? 500;
        const message = error instanceof DomainError ? error.message : 'The graph database failed to answer.';
        const retry: Record<string, string> =
          status === 429 || status === 503 ? { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } : {};
        return endResponse(problem(fetchAPI, status, code, message, retry));
      }

      const headers = {
        'content-type': MEDIA_TYPES[format],
        'content-disposition': `attachment; filename="${exportFileName(target, new Date())}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-data-version': dataVersion,
      };
      if (request.method === 'HEAD') {
        finish('ok');
        return endResponse(new fetchAPI.Response(null, { status: 200, headers }));
      }

      const chunks = exportChunks(db, target, PAGE_SIZE);
      const encoder = new TextEncoder();
      let stall: NodeJS.Timeout | undefined;
      const body = new fetchAPI.ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            clearTimeout(stall);
            try {
              const next = await chunks.next();
              if (next.done) {
                controller.close();
                finish('ok');
                return;
              }
              const encoded = encoder.encode(next.value);
              bytes += encoded.byteLength;
              controller.enqueue(encoded);
              stall = setTimeout(() => {
                finish('stalled');
                controller.error(new Error(`the client read nothing for ${config.stallTimeoutMs} ms`));
                void chunks.return(undefined);
              }, config.stallTimeoutMs);
              stall.unref();
            } catch (error) {
              // Headers are gone: the only honest signal left is to break the transfer (no end-of-body marker).
              finish(
                error instanceof DomainError && error.code === 'DATABASE_UNAVAILABLE' ? 'unavailable' : 'failed',
                error,
              );
              controller.error(error);
            }
          },
          cancel() {
            clearTimeout(stall);
            finish('aborted');
            void chunks.return(undefined);
          },
        },
        { highWaterMark: 1 },
      );
      return endResponse(new fetchAPI.Response(body, { status: 200, headers }));
    },
  };
}
