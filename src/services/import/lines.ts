import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ImportLine, type ImportRecord } from '../../domain/format.ts';
import { assertionRow, entityRow, linkRow, sourceRow } from '../../domain/records.ts';

/**
 * The importer's input: NDJSON lines that can be read more than once (it validates everything in one pass before it
 * writes in another), never held whole. A file is re-read from disk; text and records are small inputs to the same
 * importer (the seed, the Epoch records, tests).
 */
export type LineSource = () => AsyncIterable<string>;

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
  return async function* () {
    yield* text.split('\n');
  };
}

/** Records built in memory (e.g. from CSV rows), one line each, in the import format. */
export function recordLines(records: readonly object[]): LineSource {
  return async function* () {
    for (const record of records) yield JSON.stringify(record);
  };
}

/** Every line with its 1-based number (blank lines count). */
export async function* numbered(source: LineSource): AsyncGenerator<{ raw: string; line: number }> {
  let line = 0;
  for await (const raw of source()) {
    line += 1;
    yield { raw, line };
  }
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
