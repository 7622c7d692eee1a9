import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DbScope } from '../db/database.ts';
import type { ImportRecord } from '../domain/format.ts';
import { importChecksRepository } from '../repositories/import-checks.ts';
import { schemaRepository } from '../repositories/schema.ts';
import { systemRepository } from '../repositories/system.ts';
import {
  DeclarationTracker,
  type ImportCounts,
  type ParsedLine,
  parseLine,
  type Rejection,
  referencesOf,
  storedValueClashes,
  writeRecords,
} from './importer.ts';
import { SourceTextCheck } from './source-text-check.ts';

/**
 * Bulk import of an NDJSON file (src/domain/format.ts) without holding the file in memory:
 *   1. validate: one streaming pass parses every line and tracks which keys are declared and which
 *      references are still unresolved; unresolved ones are then looked up in the graph;
 *   2. write: one streaming pass per record type (entities, sources, links, assertions, so that
 *      everything a line points at exists before it), in batched UNWIND transactions.
 * Memory grows with the number of distinct keys declared in the file (a Set of strings, roughly
 * 100 bytes per key) and with the number of rejected lines, not with the file size.
 * Every write is a MERGE by key, so a second run, or a re-run after a kill, converges to the same graph.
 */

export type RecordType = ImportRecord['type'];
export const WRITE_ORDER: readonly RecordType[] = ['entity', 'source', 'link', 'assertion'];

export interface ValidationResult {
  /** Non-blank lines in the file. */
  lines: number;
  /** Valid lines per record type (those that will be written). */
  valid: Record<RecordType, number>;
  /** Every bad line, in line order. */
  rejected: Rejection[];
}

export interface FileProgress {
  phase: 'validate' | RecordType;
  done: number;
  total: number;
}

export interface FileImportOptions {
  batchSize?: number;
  /** Write the valid lines even when some are bad (they are still reported). */
  skipInvalid?: boolean;
  onProgress?: (p: FileProgress) => void;
}

export interface FileImportResult {
  validation: ValidationResult;
  written: boolean;
  counts: ImportCounts;
}

const LOOKUP_CHUNK = 10_000;

async function* linesOf(path: string): AsyncGenerator<{ raw: string; line: number }> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const raw of reader) {
      line += 1;
      yield { raw, line };
    }
  } finally {
    reader.close();
    input.destroy();
  }
}

/** Keys seen so far and references that no earlier line declared (resolved later in the file or in the graph). */
class ReferenceTracker {
  readonly declared = { entities: new Set<string>(), sources: new Set<string>() };
  readonly pending = { entities: new Map<string, number[]>(), sources: new Map<string, number[]>() };

  declare(record: ImportRecord) {
    if (record.type === 'entity') this.add('entities', record.key);
    if (record.type === 'source') this.add('sources', record.key);
  }

  refer(record: ImportRecord, line: number) {
    const refs = referencesOf(record);
    for (const kind of ['entities', 'sources'] as const) {
      for (const key of refs[kind]) {
        if (this.declared[kind].has(key)) continue;
        const lines = this.pending[kind].get(key);
        if (lines) lines.push(line);
        else this.pending[kind].set(key, [line]);
      }
    }
  }

  private add(kind: 'entities' | 'sources', key: string) {
    this.declared[kind].add(key);
    this.pending[kind].delete(key);
  }
}

async function missingInGraph(db: DbScope, tracker: ReferenceTracker) {
  const repo = importChecksRepository(db);
  const entities = [...tracker.pending.entities.keys()];
  const sources = [...tracker.pending.sources.keys()];
  const missing = { entities: new Set<string>(), sources: new Set<string>() };
  for (let i = 0; i < Math.max(entities.length, sources.length); i += LOOKUP_CHUNK) {
    const found = await repo.missing(entities.slice(i, i + LOOKUP_CHUNK), sources.slice(i, i + LOOKUP_CHUNK));
    for (const k of found.entities) missing.entities.add(k);
    for (const k of found.sources) missing.sources.add(k);
  }
  return missing;
}

/** One byte per line: which record type it holds (0 for blank or rejected lines), so later passes parse only what they need. */
class LineTypes {
  private codes = new Uint8Array(1 << 16);
  set(line: number, type: RecordType | null) {
    if (line >= this.codes.length) {
      const grown = new Uint8Array(Math.max(line + 1, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[line] = type === null ? 0 : WRITE_ORDER.indexOf(type) + 1;
  }
  is(line: number, type: RecordType) {
    return this.codes[line] === WRITE_ORDER.indexOf(type) + 1;
  }
  count(type: RecordType) {
    const code = WRITE_ORDER.indexOf(type) + 1;
    let n = 0;
    for (const c of this.codes) if (c === code) n += 1;
    return n;
  }
}

interface Validation extends ValidationResult {
  lineTypes: LineTypes;
}

/** Pass 1: every line is parsed and checked; nothing is written. */
export async function validateFile(
  db: DbScope,
  path: string,
  onProgress?: (p: FileProgress) => void,
): Promise<Validation> {
  const tracker = new ReferenceTracker();
  const lineTypes = new LineTypes();
  const reasons = new Map<number, string[]>();
  const reject = (line: number, reason: string) => {
    lineTypes.set(line, null);
    const list = reasons.get(line);
    if (list) list.push(reason);
    else reasons.set(line, [reason]);
  };
  const publisherOf = new Map<string, number>();
  const declarations = new DeclarationTracker();
  const texts = new SourceTextCheck();
  let lines = 0;
  for await (const { raw, line } of linesOf(path)) {
    const result = parseLine(raw, line);
    if (result === null) continue;
    lines += 1;
    if (lines % 10_000 === 0) onProgress?.({ phase: 'validate', done: lines, total: 0 });
    if (!('record' in result)) {
      reject(line, result.reason);
      continue;
    }
    const { record } = result;
    const contradiction = declarations.check(record, line);
    if (contradiction) {
      reject(line, contradiction);
      continue;
    }
    lineTypes.set(line, record.type);
    tracker.declare(record);
    tracker.refer(record, line);
    texts.collect(record, line);
    if (record.type === 'source' && record.publisher) publisherOf.set(record.key, line);
  }

  // Snippets are checked against the texts given in the file or stored in the graph (another pass, only if any).
  for (const { line, reason } of await texts.resolve(db)) reject(line, reason);
  if (texts.hasTexts) {
    for await (const { raw, line } of linesOf(path)) {
      if (!lineTypes.is(line, 'assertion')) continue;
      const result = parseLine(raw, line);
      if (!result || !('record' in result)) continue;
      const problem = texts.check(result.record, line);
      if (problem) reject(line, problem.reason);
    }
  }

  const missing = await missingInGraph(db, tracker);
  for (const kind of ['entities', 'sources'] as const) {
    const label = kind === 'entities' ? 'entity' : 'source';
    for (const key of missing[kind]) {
      for (const line of tracker.pending[kind].get(key) ?? []) {
        reject(line, `unknown ${label} key ${key}: neither in the file nor in the graph`);
      }
    }
  }

  // Entities and sources that exist already must match what is stored (upserts never overwrite): one more pass over
  // their lines, skipped when the graph is empty (a first import).
  if ((await systemRepository(db).counts()).nodes > 0) {
    let batch: ParsedLine[] = [];
    const check = async () => {
      for (const r of await storedValueClashes(db, batch)) reject(r.line, r.reason);
      batch = [];
    };
    for await (const { raw, line } of linesOf(path)) {
      if (!lineTypes.is(line, 'entity') && !lineTypes.is(line, 'source')) continue;
      const result = parseLine(raw, line);
      if (!result || !('record' in result)) continue;
      batch.push(result);
      if (batch.length >= LOOKUP_CHUNK) await check();
    }
    await check();
  }

  // A source rejected for an unknown publisher takes the assertions that cite it with it.
  const deadSources = new Map([...publisherOf].filter(([, line]) => reasons.has(line)));
  if (deadSources.size) {
    for await (const { raw, line } of linesOf(path)) {
      if (!lineTypes.is(line, 'assertion')) continue;
      const result = parseLine(raw, line);
      if (!result || !('record' in result) || result.record.type !== 'assertion') continue;
      for (const { source } of result.record.sources) {
        const dead = deadSources.get(source);
        if (dead !== undefined) reject(line, `cites source ${source}, whose line ${dead} was rejected`);
      }
    }
  }

  const rejected = [...reasons]
    .sort(([a], [b]) => a - b)
    .map(([line, list]) => ({ line, reason: [...new Set(list)].join('; ') }));
  const valid = Object.fromEntries(WRITE_ORDER.map((t) => [t, lineTypes.count(t)])) as Record<RecordType, number>;
  return { lines, valid, rejected, lineTypes };
}

/** Pass 2: the valid lines of one record type at a time, in batches of `batchSize` per transaction. */
async function writeFile(
  db: DbScope,
  path: string,
  validation: Validation,
  options: FileImportOptions,
): Promise<ImportCounts> {
  const batchSize = options.batchSize ?? 500;
  const total = WRITE_ORDER.reduce((n, t) => n + validation.valid[t], 0);
  const counts: ImportCounts = { entities: 0, sources: 0, links: 0, assertions: 0 };
  let done = 0;
  const flush = async (type: RecordType, batch: ParsedLine[]) => {
    if (!batch.length) return;
    const written = await writeRecords(db, batch, { batchSize: batch.length });
    for (const k of Object.keys(counts) as (keyof ImportCounts)[]) counts[k] += written[k];
    done += batch.length;
    options.onProgress?.({ phase: type, done, total });
  };
  for (const type of WRITE_ORDER) {
    if (!validation.valid[type]) continue;
    let batch: ParsedLine[] = [];
    for await (const { raw, line } of linesOf(path)) {
      if (!validation.lineTypes.is(line, type)) continue;
      const result = parseLine(raw, line);
      if (!result || !('record' in result)) continue;
      batch.push(result);
      if (batch.length >= batchSize) {
        await flush(type, batch);
        batch = [];
      }
    }
    await flush(type, batch);
  }
  return counts;
}

/** Validates the whole file, then writes it unless a line is bad (or writes the good ones with skipInvalid). */
export async function importFile(
  db: DbScope,
  path: string,
  options: FileImportOptions = {},
): Promise<FileImportResult> {
  const { lineTypes, ...validation } = await validateFile(db, path, options.onProgress);
  const empty: ImportCounts = { entities: 0, sources: 0, links: 0, assertions: 0 };
  if (validation.rejected.length && !options.skipInvalid) return { validation, written: false, counts: empty };
  // Every write MERGEs by key: without the key constraints (a fresh database) each MERGE scans its label.
  await schemaRepository(db).apply();
  const counts = await writeFile(db, path, { ...validation, lineTypes }, options);
  return { validation, written: true, counts };
}
