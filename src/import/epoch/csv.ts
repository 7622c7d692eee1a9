import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based record number, header excluded: the first data record is row 1. */
  row: number;
  cells: Record<string, string>;
}

export interface CsvFile {
  name: string;
  records: CsvRecord[];
  columns: string[];
  sha256: string;
}

/** A real CSV parse: Epoch's fields contain quoted newlines, so lines are not records. */
export function readCsv(path: string, name: string): CsvFile {
  const bytes = readFileSync(path);
  const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return {
    name,
    columns,
    records: rows.map((cells, i) => ({ row: i + 1, cells })),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
