import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ImportLine, type ImportRecord } from '../../domain/format.ts';
import { assertionRow, curatorRow, entityRow, linkRow, ruleRow, sourceRow } from '../../domain/records.ts';
import { type RecordType, WRITE_ORDER } from './write.ts';

/**
 * The importer's input: NDJSON lines that can be read more than once (it validates everything in one pass before it
 * writes in another), never held whole. A file is re-read from disk; text and records are small inputs to the same
 * importer (the seed, the Epoch records, tests) and are `held`: their lines are parsed once and kept between passes.
 */
export type LineSource = (() => AsyncIterable<string>) & { held?: boolean };

export interface Rejection {
  line: number;
  reason: string;
}

export interface ParsedLine {
  line: number;
  record: ImportRecord;
}

/** The lines of a file, read as a stream on every pass (CRLF or LF). */
export function fileLines(path: string): LineSource {
  return async function* () {
    const input = createReadStream(path, { encoding: 'utf8' });
    const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      yield* reader;
    } finally {
      reader.close();
      input.destroy();
    }
  };
}

/** The lines of an NDJSON text held in memory. */
export function textLines(text: string): LineSource {
  return Object.assign(
    async function* () {
      yield* text.split('\n');
    },
    { held: true },
  );
}

/** Records built in memory (e.g. from CSV rows), one line each, in the import format. */
export function recordLines(records: readonly object[]): LineSource {
  return Object.assign(
    async function* () {
      for (const record of records) yield JSON.stringify(record);
    },
    { held: true },
  );
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
    case 'curator':
      return curatorRow(record);
    case 'rule':
      return ruleRow(record);
  }
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

/** Record types in the write order; a line's type code is its index + 1 (0: blank or rejected). */
export const TYPE_CODES: readonly RecordType[] = WRITE_ORDER.map((t) => t.type);

/** One byte per line: which record type it holds (0 for blank or rejected lines), so later passes parse only what they need. */
export class LineTypes {
  private codes = new Uint8Array(1 << 16);
  set(line: number, type: RecordType | null) {
    if (line >= this.codes.length) {
      const grown = new Uint8Array(Math.max(line + 1, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[line] = type === null ? 0 : TYPE_CODES.indexOf(type) + 1;
  }
  is(line: number, ...types: RecordType[]) {
    const code = this.codes[line] ?? 0;
    return code > 0 && types.includes(TYPE_CODES[code - 1]!);
  }
  count(type: RecordType) {
    const code = TYPE_CODES.indexOf(type) + 1;
    let n = 0;
    for (const c of this.codes) if (c === code) n += 1;
    return n;
  }
}

/**
 * Reads a source pass after pass, numbering its lines from 1 (blank lines count) and parsing them. A file's lines are
 * parsed again on every pass (memory stays flat); a held input's are parsed once, in the first whole pass, and kept.
 */
export class LineReader {
  private readonly source: LineSource;
  private readonly kept: Map<number, ParsedLine | Rejection> | null;
  private complete = false;

  constructor(source: LineSource) {
    this.source = source;
    this.kept = source.held ? new Map() : null;
  }

  /** Every non-blank line, parsed. */
  async *all(): AsyncGenerator<ParsedLine | Rejection> {
    if (this.kept && this.complete) {
      yield* this.kept.values();
      return;
    }
    let line = 0;
    for await (const raw of this.source()) {
      line += 1;
      const result = parseLine(raw, line);
      if (result === null) continue;
      this.kept?.set(line, result);
      yield result;
    }
    this.complete = true;
  }

  /** The lines `types` marks as one of `wanted` (valid lines), parsed, in input order. */
  async *ofType(types: LineTypes, ...wanted: RecordType[]): AsyncGenerator<ParsedLine> {
    if (this.kept && this.complete) {
      for (const result of this.kept.values()) if ('record' in result && types.is(result.line, ...wanted)) yield result;
      return;
    }
    let line = 0;
    for await (const raw of this.source()) {
      line += 1;
      if (!types.is(line, ...wanted)) continue;
      const result = parseLine(raw, line);
      if (result && 'record' in result) yield result;
    }
  }
}

/** Reasons per rejected line; a line may be bad for several. */
export class Rejections {
  private readonly reasons = new Map<number, string[]>();
  add({ line, reason }: Rejection) {
    const list = this.reasons.get(line);
    if (list) list.push(reason);
    else this.reasons.set(line, [reason]);
  }
  has(line: number) {
    return this.reasons.has(line);
  }
  lines() {
    return this.reasons.keys();
  }
  sorted(): Rejection[] {
    return [...this.reasons]
      .sort(([a], [b]) => a - b)
      .map(([line, list]) => ({ line, reason: [...new Set(list)].join('; ') }));
  }
}
