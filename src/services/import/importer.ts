import type { DbScope } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { schemaRepository } from '../../repositories/schema.ts';
import { systemRepository } from '../../repositories/system.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, updateSchema } from '../migrations.ts';
import { DeclarationTracker, LOOKUP_CHUNK, ReferenceTracker, storedValueClashes } from './checks.ts';
import {
  fileLines,
  LineReader,
  type LineSource,
  LineTypes,
  type ParsedLine,
  parseLine,
  type Rejection,
  Rejections,
  recordLines,
  TYPE_CODES,
  textLines,
} from './lines.ts';
import { SourceTextCheck } from './source-texts.ts';
import {
  addCounts,
  addToBatch,
  emptyBatch,
  type ImportCounts,
  noCounts,
  type RecordType,
  WRITE_ORDER,
  writeBatch,
} from './write.ts';

/**
 * The importer (docs/import-format.md). Files, the seed, the Epoch records and tests all come through here:
 *   1. validate: one streaming pass parses every line and tracks which keys are declared and which references are
 *      still unresolved; then the unresolved ones are looked up in the graph, snippets are checked against known
 *      texts, and existing entities and sources against their stored values (a few more passes over only the lines
 *      concerned);
 *   2. write, only when no line is bad (or with `skipInvalid`): everything in one transaction when it fits one batch
 *      (all or nothing), else one streaming pass per record type in WRITE_ORDER, `batchSize` lines per transaction.
 * A file is parsed again on every pass; input held in memory (text, records) is parsed once and kept.
 * Memory grows with the number of distinct keys declared (a few strings per key) and of rejected lines, not with the
 * size of the input. Every write is a MERGE by key, so a second run, or a re-run after a kill, converges to the same
 * graph.
 */

export { type ImportCounts, pluralOf, type RecordType, WRITE_ORDER } from './write.ts';
export { fileLines, type LineSource, parseLine, type Rejection, recordLines, textLines };

export interface ValidationResult {
  /** Non-blank lines in the input. */
  lines: number;
  /** Valid lines per record type (those that will be written). */
  valid: Record<RecordType, number>;
  /** Every bad line, in line order, with all its reasons. */
  rejected: Rejection[];
}

export interface ImportProgress {
  /** Validating, or writing records of one type (named as in the counts). */
  phase: 'validate' | keyof ImportCounts;
  done: number;
  /** 0 while validating (the number of lines is not known yet). */
  total: number;
}

export interface ImportOptions {
  /** Lines per write transaction (default 500). */
  batchSize?: number;
  /** Write the valid lines even when some are bad (they are still reported). */
  skipInvalid?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  validation: ValidationResult;
  written: boolean;
  counts: ImportCounts;
}

interface Validation extends ValidationResult {
  types: LineTypes;
  /** The input's first curator line: the curator of the lines that name none. */
  curator: string | null;
}

/** Pass 1 and its checks against the graph: every line is parsed and checked; nothing is written. */
async function validate(
  db: DbScope,
  reader: LineReader,
  onProgress?: (p: ImportProgress) => void,
): Promise<Validation> {
  const types = new LineTypes();
  const rejections = new Rejections();
  const references = new ReferenceTracker();
  const declarations = new DeclarationTracker();
  const texts = new SourceTextCheck();
  /** Lines of sources with a publisher: a source rejected for its publisher is not written, nor what cites it. */
  const publishedSources = new Map<string, number[]>();
  let lines = 0;
  for await (const result of reader.all()) {
    const { line } = result;
    lines += 1;
    if (lines % 10_000 === 0) onProgress?.({ phase: 'validate', done: lines, total: 0 });
    if (!('record' in result)) {
      rejections.add(result);
      continue;
    }
    const { record } = result;
    types.set(line, record.type);
    const contradiction = declarations.check(record, line);
    if (contradiction) rejections.add({ line, reason: contradiction });
    references.add(record, line);
    texts.collect(record, line);
    if (record.type === 'source' && record.publisher) {
      publishedSources.set(record.key, [...(publishedSources.get(record.key) ?? []), line]);
    }
  }
  onProgress?.({ phase: 'validate', done: lines, total: lines });

  for (const r of await references.unresolved(db)) rejections.add(r);

  // Snippets are checked against the texts given in the input or stored in the graph (one more pass, only if any).
  for (const r of await texts.resolve(db)) rejections.add(r);
  if (texts.hasTexts) {
    for await (const { record, line } of reader.ofType(types, 'assertion', 'link', 'rule', 'entity')) {
      const problem = texts.check(record, line);
      if (problem) rejections.add(problem);
    }
  }

  // Entities and sources that exist already must match what is stored (upserts never overwrite): one more pass over
  // their lines, skipped when the graph is empty (a first import).
  if ((await systemRepository(db).counts()).nodes > 0) {
    let chunk: ParsedLine[] = [];
    const check = async () => {
      for (const r of await storedValueClashes(db, chunk)) rejections.add(r);
      chunk = [];
    };
    for await (const parsed of reader.ofType(types, 'entity', 'source')) {
      chunk.push(parsed);
      if (chunk.length >= LOOKUP_CHUNK) await check();
    }
    await check();
  }

  // A source none of whose lines can be written takes the assertions that cite it with it.
  const deadSources = new Map(
    [...publishedSources].filter(([, at]) => at.every((l) => rejections.has(l))).map(([key, at]) => [key, at[0]!]),
  );
  if (deadSources.size) {
    for await (const { record, line } of reader.ofType(types, 'assertion', 'link', 'rule')) {
      if (record.type !== 'assertion' && record.type !== 'link' && record.type !== 'rule') continue;
      for (const { source: key } of record.sources) {
        const dead = deadSources.get(key);
        if (dead !== undefined)
          rejections.add({ line, reason: `cites source ${key}, whose line ${dead} was rejected` });
      }
    }
  }

  for (const line of rejections.lines()) types.set(line, null);
  const valid = Object.fromEntries(TYPE_CODES.map((t) => [t, types.count(t)])) as Record<RecordType, number>;
  return { lines, valid, rejected: rejections.sorted(), types, curator: references.firstCurator };
}

/**
 * Without the key constraints (a fresh database) every MERGE by key would scan its label. The migrations come first,
 * as at start, so a graph the import creates is recorded as migrated and no later start migrates it again.
 */
async function ensureSchema(db: DbScope) {
  if (!(await schemaRepository(db).ready())) await updateSchema(db, { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS });
}

/** Pass 2: the valid lines, in one transaction when they fit one batch, else per type in batches. */
async function write(
  db: DbScope,
  reader: LineReader,
  { valid, types, curator }: Validation,
  options: ImportOptions,
): Promise<ImportCounts> {
  const batchSize = options.batchSize ?? 500;
  const total = TYPE_CODES.reduce((n, t) => n + valid[t], 0);
  const counts = noCounts();
  if (total === 0) return counts;
  await ensureSchema(db);
  if (total <= batchSize) {
    // All or nothing: an entity is never left without the link beside it.
    const batch = emptyBatch();
    for await (const { record } of reader.ofType(types, ...TYPE_CODES)) addToBatch(batch, record);
    addCounts(counts, await db.writeTransaction('import/all', (tx) => writeBatch(tx, batch, curator)));
    let done = 0;
    for (const { type, plural } of WRITE_ORDER) {
      done += valid[type];
      if (valid[type]) options.onProgress?.({ phase: plural, done, total });
    }
    return counts;
  }
  let done = 0;
  for (const { type, plural } of WRITE_ORDER) {
    if (!valid[type]) continue;
    let batch = emptyBatch();
    let size = 0;
    const flush = async () => {
      if (!size) return;
      const written = batch;
      addCounts(counts, await db.writeTransaction(`import/${plural}`, (tx) => writeBatch(tx, written, curator)));
      done += size;
      options.onProgress?.({ phase: plural, done, total });
      batch = emptyBatch();
      size = 0;
    };
    for await (const { record } of reader.ofType(types, type)) {
      addToBatch(batch, record);
      size += 1;
      if (size >= batchSize) await flush();
    }
    await flush();
  }
  return counts;
}

/** Validates the whole input, then writes it unless a line is bad (or writes the good ones with `skipInvalid`). */
export async function importLines(db: DbScope, source: LineSource, options: ImportOptions = {}): Promise<ImportResult> {
  const reader = new LineReader(source);
  const { types, curator, ...validation } = await validate(db, reader, options.onProgress);
  if (validation.rejected.length && !options.skipInvalid) return { validation, written: false, counts: noCounts() };
  const counts = await write(db, reader, { ...validation, types, curator }, options);
  return { validation, written: true, counts };
}

/** An NDJSON file, streamed (`npm run import`). */
export function importFile(db: DbScope, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  return importLines(db, fileLines(path), options);
}

/**
 * All or nothing for callers that hold their input (the seed, the Epoch records, tests): any bad line throws
 * BAD_USER_INPUT listing every rejected line, and nothing is written.
 */
export async function importOrThrow(
  db: DbScope,
  source: LineSource,
  options: Omit<ImportOptions, 'skipInvalid'> & { what?: string } = {},
): Promise<{ counts: ImportCounts; lines: number }> {
  const { validation, counts } = await importLines(db, source, { ...options, skipInvalid: false });
  const { rejected, lines } = validation;
  if (rejected.length) {
    const what = options.what ?? 'line';
    throw new DomainError('BAD_USER_INPUT', `${rejected.length} ${what}(s) rejected; nothing was written`, {
      rejected,
    });
  }
  return { counts, lines };
}

/** NDJSON text held in memory, all or nothing (see importOrThrow). */
export function importNdjson(db: DbScope, text: string, options: Omit<ImportOptions, 'skipInvalid'> = {}) {
  return importOrThrow(db, textLines(text), options);
}
