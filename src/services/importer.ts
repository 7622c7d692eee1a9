import type { DbScope } from '../db/database.ts';
import { describeConflict } from '../domain/conflicts.ts';
import { DomainError } from '../domain/errors.ts';
import { ImportLine, type ImportRecord } from '../domain/format.ts';
import { assertionRow, entityRow, linkRow, sourceRow } from '../domain/records.ts';
import { graphWrites } from '../repositories/graph-writes.ts';
import { type ClashCheckRow, importChecksRepository } from '../repositories/import-checks.ts';
import { sourceTexts } from '../repositories/source-texts.ts';
import { SourceTextCheck } from './source-text-check.ts';

export interface Rejection {
  line: number;
  reason: string;
}

export interface ParsedLine {
  line: number;
  record: ImportRecord;
}

export interface ImportCounts {
  entities: number;
  sources: number;
  links: number;
  assertions: number;
}

export interface ImportProgress {
  done: number;
  total: number;
}

/** Validates one line (JSON, schema, value conversions); blank lines are null. */
export function parseLine(raw: string, line: number): ParsedLine | Rejection | null {
  if (raw.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { line, reason: `not JSON: ${(error as Error).message}` };
  }
  const result = ImportLine.safeParse(json);
  if (!result.success) {
    const reason = result.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
    return { line, reason };
  }
  try {
    toRow(result.data);
    return { line, record: result.data };
  } catch (error) {
    return { line, reason: (error as Error).message };
  }
}

/** Validates every line (JSON, schema, value conversions) and reports each bad one with its number. */
export function parseNdjson(text: string): { parsed: ParsedLine[]; rejected: Rejection[] } {
  const parsed: ParsedLine[] = [];
  const rejected: Rejection[] = [];
  text.split('\n').forEach((raw, index) => {
    const result = parseLine(raw, index + 1);
    if (result === null) return;
    if ('record' in result) parsed.push(result);
    else rejected.push(result);
  });
  return { parsed, rejected };
}

export function toRow(record: ImportRecord) {
  switch (record.type) {
    case 'entity':
      return entityRow(record);
    case 'source':
      return sourceRow(record);
    case 'link':
      return linkRow(record);
    case 'assertion':
      return assertionRow(record);
  }
}

/** Entity keys and source keys a record points at (roles, link ends, publisher; cited sources). */
export function referencesOf(record: ImportRecord): { entities: string[]; sources: string[] } {
  switch (record.type) {
    case 'entity':
      return { entities: [], sources: [] };
    case 'source':
      return { entities: record.publisher ? [record.publisher] : [], sources: [] };
    case 'link':
      return { entities: [record.from, record.to], sources: [] };
    case 'assertion':
      return { entities: Object.values(record.roles).flat(), sources: record.sources.map((s) => s.source) };
  }
}

/** Lines whose references are neither declared in the file nor present in the graph (under the right label). */
export async function unresolvedReferences(db: DbScope, parsed: ParsedLine[]): Promise<Rejection[]> {
  const declared = {
    entities: new Set(parsed.flatMap(({ record }) => (record.type === 'entity' ? [record.key] : []))),
    sources: new Set(parsed.flatMap(({ record }) => (record.type === 'source' ? [record.key] : []))),
  };
  const external = (kind: 'entities' | 'sources') => [
    ...new Set(parsed.flatMap(({ record }) => referencesOf(record)[kind]).filter((k) => !declared[kind].has(k))),
  ];
  const found = await importChecksRepository(db).missing(external('entities'), external('sources'));
  const missing = { entities: new Set(found.entities), sources: new Set(found.sources) };
  return parsed.flatMap(({ line, record }) => {
    const refs = referencesOf(record);
    const unknown = [
      ...refs.entities.filter((k) => missing.entities.has(k)).map((k) => `entity ${k}`),
      ...refs.sources.filter((k) => missing.sources.has(k)).map((k) => `source ${k}`),
    ];
    return unknown.length ? [{ line, reason: `unknown key(s): ${unknown.join(', ')}` }] : [];
  });
}

/**
 * One kind and one name per entity, one title, URL and hash per source, within a file: a later line that
 * re-declares a key differently is rejected (the first declaration wins). Keeps a few strings per declared key.
 */
export class DeclarationTracker {
  private readonly entities = new Map<string, { kind: string; name: string; line: number }>();
  private readonly sources = new Map<string, { title: string; url?: string; hash?: string; line: number }>();
  private readonly urls = new Map<string, { key: string; line: number }>();

  /** Why the line contradicts an earlier one, or null. */
  check(record: ImportRecord, line: number): string | null {
    if (record.type === 'entity') {
      const first = this.entities.get(record.key);
      if (!first) {
        this.entities.set(record.key, { kind: record.kind, name: record.name, line });
        return null;
      }
      if (first.kind !== record.kind)
        return `entity ${record.key} is declared as ${first.kind} on line ${first.line}, not ${record.kind}: one kind per entity`;
      if (first.name !== record.name)
        return `entity ${record.key} is named ${JSON.stringify(first.name)} on line ${first.line}, not ${JSON.stringify(record.name)}`;
      return null;
    }
    if (record.type === 'source') {
      if (record.url) {
        const holder = this.urls.get(record.url);
        if (holder && holder.key !== record.key)
          return `source ${record.key}: the URL ${record.url} belongs to source ${holder.key} (line ${holder.line}); a URL names one source`;
        if (!holder) this.urls.set(record.url, { key: record.key, line });
      }
      const first = this.sources.get(record.key);
      if (!first) {
        this.sources.set(record.key, { title: record.title, url: record.url, hash: record.contentHash, line });
        return null;
      }
      const differs = (['title', 'url', 'hash'] as const).filter(
        (f) => first[f] !== (f === 'title' ? record.title : f === 'url' ? record.url : record.contentHash),
      );
      return differs.length
        ? `source ${record.key} is declared differently on line ${first.line} (${differs.join(', ')})`
        : null;
    }
    return null;
  }
}

/** Lines that re-declare an entity or source of the same file differently. */
export function declarationConflicts(parsed: ParsedLine[]): Rejection[] {
  const tracker = new DeclarationTracker();
  return parsed.flatMap(({ line, record }) => {
    const reason = tracker.check(record, line);
    return reason ? [{ line, reason }] : [];
  });
}

/** The entity or source of a line, as the stored-value check compares it (null for links and facts). */
export function clashRow({ line, record }: ParsedLine): ClashCheckRow | null {
  if (record.type === 'entity') return { line, key: record.key, kind: record.kind, props: entityRow(record).props };
  if (record.type === 'source') return { line, key: record.key, props: sourceRow(record).props };
  return null;
}

const CLASH_CHUNK = 1_000;

/**
 * Lines whose entity or source differs from the stored one — another kind, name, title, URL, hash or other stored
 * value, or a URL another source holds — which the write would refuse (upserts never overwrite stored values).
 */
export async function storedValueClashes(db: DbScope, lines: ParsedLine[]): Promise<Rejection[]> {
  const rows = lines.map(clashRow).filter((r) => r !== null);
  const repo = importChecksRepository(db);
  const rejected: Rejection[] = [];
  for (let i = 0; i < rows.length; i += CLASH_CHUNK) {
    const chunk = rows.slice(i, i + CLASH_CHUNK);
    const found = await repo.clashes(
      chunk.filter((r) => r.kind !== undefined),
      chunk.filter((r) => r.kind === undefined),
    );
    for (const c of found.entities) rejected.push({ line: c.line, reason: describeConflict('entity', c) });
    for (const c of found.sources) rejected.push({ line: c.line, reason: describeConflict('source', c) });
  }
  return rejected;
}

/** Sources, then the full texts given with them (their own nodes). */
async function writeSources(tx: Parameters<typeof graphWrites.sources>[0], rows: ReturnType<typeof sourceRow>[]) {
  const written = await graphWrites.sources(tx, rows);
  await sourceTexts.write(tx, rows);
  return written;
}

/** Snippets of assertion lines that a known source text (in the file or in the graph) does not contain. */
export async function snippetRejections(db: DbScope, parsed: ParsedLine[]): Promise<Rejection[]> {
  const check = new SourceTextCheck();
  for (const { record, line } of parsed) check.collect(record, line);
  const rejected = await check.resolve(db);
  for (const { record, line } of parsed) {
    const problem = check.check(record, line);
    if (problem) rejected.push(problem);
  }
  return rejected;
}

/** Everything checked against the file itself and the graph before anything is written. */
export async function graphChecks(db: DbScope, parsed: ParsedLine[]): Promise<Rejection[]> {
  return [
    ...declarationConflicts(parsed),
    ...(await unresolvedReferences(db, parsed)),
    ...(await storedValueClashes(db, parsed)),
    ...(await snippetRejections(db, parsed)),
  ];
}

/** Rows per record type, in the order they must be written (entities before what points at them). */
function rowsInOrder(parsed: ParsedLine[]) {
  const records = parsed.map((p) => p.record);
  return [
    {
      type: 'entities',
      rows: records.flatMap((r) => (r.type === 'entity' ? [entityRow(r)] : [])),
      write: graphWrites.entities,
    },
    {
      type: 'sources',
      rows: records.flatMap((r) => (r.type === 'source' ? [sourceRow(r)] : [])),
      write: writeSources,
    },
    { type: 'links', rows: records.flatMap((r) => (r.type === 'link' ? [linkRow(r)] : [])), write: graphWrites.links },
    {
      type: 'assertions',
      rows: records.flatMap((r) => (r.type === 'assertion' ? [assertionRow(r)] : [])),
      write: graphWrites.assertions,
    },
  ] as const;
}

/**
 * Writes valid records in dependency order, in batched UNWIND transactions. Every write is a
 * MERGE by key, so re-running after a crash converges to the same graph.
 */
export async function writeRecords(
  db: DbScope,
  parsed: ParsedLine[],
  options: { batchSize?: number; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportCounts> {
  const batchSize = options.batchSize ?? 500;
  const empty = (): ImportCounts => ({ entities: 0, sources: 0, links: 0, assertions: 0 });
  if (parsed.length <= batchSize) {
    // Small enough for one transaction: all or nothing (an entity is never left without the link beside it).
    const written = await db.writeTransaction('import/all', async (tx) => {
      const counts = empty();
      for (const { type, rows, write } of rowsInOrder(parsed)) {
        if (rows.length) counts[type] += await (write as (t: typeof tx, r: typeof rows) => Promise<number>)(tx, rows);
      }
      return counts;
    });
    options.onProgress?.({ done: parsed.length, total: parsed.length });
    return written;
  }
  const counts = empty();
  let done = 0;
  for (const { type, rows, write } of rowsInOrder(parsed)) {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      counts[type] += await db.writeTransaction(`import/${type}`, (tx) =>
        (write as (t: typeof tx, r: typeof batch) => Promise<number>)(tx, batch),
      );
      done += batch.length;
      options.onProgress?.({ done, total: parsed.length });
    }
  }
  return counts;
}

/** Validate everything first; write only when no line is bad. */
export async function importNdjson(
  db: DbScope,
  text: string,
  options: Parameters<typeof writeRecords>[2] = {},
): Promise<{ counts: ImportCounts; lines: number }> {
  const { parsed, rejected } = parseNdjson(text);
  rejected.push(...(await graphChecks(db, parsed)));
  if (rejected.length) {
    rejected.sort((a, b) => a.line - b.line);
    throw new DomainError('BAD_USER_INPUT', `${rejected.length} line(s) rejected; nothing was written`, { rejected });
  }
  return { counts: await writeRecords(db, parsed, options), lines: parsed.length };
}
