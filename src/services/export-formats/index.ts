import type { DbScope } from '../../db/database.ts';
import { type ExportEntry, exportEntries } from '../export.ts';
import { type CsvTable, csvChunks } from './csv.ts';
import { jsonldChunks } from './jsonld.ts';

export { CSV_TABLES, type CsvTable, csvTable } from './csv.ts';
export { JSONLD_CONTEXT } from './jsonld.ts';

/** What one export is: the whole graph as NDJSON or JSON-LD, or one CSV table. */
export type ExportTarget = { format: 'ndjson' } | { format: 'jsonld' } | { format: 'csv'; table: CsvTable };
export type ExportFormatName = ExportTarget['format'];

export const MEDIA_TYPES: Record<ExportFormatName, string> = {
  ndjson: 'application/x-ndjson; charset=utf-8',
  jsonld: 'application/ld+json',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** The import format (docs/import-format.md), one record a line: what `npm run export` writes. */
export async function* ndjsonChunks(entries: AsyncIterable<ExportEntry>): AsyncGenerator<string> {
  for await (const entry of entries) yield `${JSON.stringify(entry.record)}\n`;
}

/** Joins small chunks into pieces of about `size` characters (fewer, larger writes to the socket or file). */
export async function* batched(chunks: AsyncIterable<string>, size = 16_384): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

/** The text of one export, as chunks read page by page from the graph as the consumer asks for them. */
export function exportChunks(db: DbScope, target: ExportTarget, pageSize = 500): AsyncGenerator<string> {
  switch (target.format) {
    case 'ndjson':
      return batched(ndjsonChunks(exportEntries(db, { pageSize })));
    case 'jsonld':
      return batched(jsonldChunks(exportEntries(db, { pageSize })));
    case 'csv': {
      const { table } = target;
      return batched(csvChunks(table, exportEntries(db, { pageSize, parts: table.parts, kind: table.kind })));
    }
  }
}

/** The file name a download of this export gets (`ai-infra-graph-2026-12-01.ndjson`, `…-financial-figure-….csv`). */
export function exportFileName(target: ExportTarget, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  switch (target.format) {
    case 'ndjson':
      return `ai-infra-graph-${day}.ndjson`;
    case 'jsonld':
      return `ai-infra-graph-${day}.jsonld`;
    case 'csv':
      return `ai-infra-graph-${target.table.name}-${day}.csv`;
  }
}
