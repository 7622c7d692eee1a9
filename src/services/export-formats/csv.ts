import { z } from 'zod';
import {
  ASSERTION_KINDS,
  type AssertionKind,
  FACT_FIELD_NAMES,
  FACT_FIELDS,
  factKind,
} from '../../domain/facts/index.ts';
import { ROLE_TYPES } from '../../domain/format.ts';
import type { ExportEntry, ExportPart } from '../export.ts';

/**
 * The graph as CSV tables for spreadsheets: entities, sources, links, the snippets citing each fact, and one table
 * per fact kind with its value fields flattened into columns (named as in the import format: `money.amount`,
 * `period.year`), the columns derived from the fact table (src/domain/facts). RFC 4180: a header row, fields quoted
 * when they hold a quote, comma or line break, records ended by CRLF; UTF-8 with a byte-order mark, so spreadsheet
 * programs read the encoding right. A cell that a spreadsheet would take for a formula (it starts with = + - @, a tab
 * or a carriage return, and is not a plain number) gets a leading apostrophe. Lossless copies are the NDJSON and
 * JSON-LD exports.
 */

type Cell = string | number | boolean | null | undefined;

export interface CsvTable {
  /** Its name in `/export/csv/<name>` and `csv/<name>.csv` of a dump. */
  name: string;
  description: string;
  columns: readonly string[];
  /** The parts of the export it is made from. */
  parts: readonly ExportPart[];
  /** Its fact kind, for a fact table. */
  kind?: AssertionKind;
  /** Its rows from one entry of the export (none when the entry belongs to another table). */
  rows(entry: ExportEntry): Cell[][];
}

/** Separator of several keys in one cell; keys never contain it (`[a-z0-9:._-]`). */
const KEYS = ';';
/** Separator of an entity's aliases in one cell. */
const ALIASES = '; ';

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A value a spreadsheet would evaluate is shown as text: a leading apostrophe. Plain numbers (-5, +1.5) stay. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export const csvRecord = (cells: readonly Cell[]) => `${cells.map(field).join(',')}\r\n`;

/** The byte-order mark that starts every table. */
export const BOM = '\uFEFF';

const kebab = (kind: string) => kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** A fact field as columns: an object value is one column per member (`money.amount` …), a string one column. */
function fieldColumns(field: (typeof FACT_FIELD_NAMES)[number]): string[] {
  const input = FACT_FIELDS[field].codec.input;
  return input instanceof z.ZodObject ? Object.keys(input.shape).map((m) => `${field}.${m}`) : [field];
}

const ROLE_COLUMNS = ROLE_TYPES.map((r) => r.toLowerCase());

/** The distinct sources cited, in order. */
const sourceKeys = (sources: readonly { source: string }[]) => [...new Set(sources.map((s) => s.source))].join(KEYS);

function factTable(kind: AssertionKind): CsvTable {
  const spec = factKind(kind);
  const fields = FACT_FIELD_NAMES.filter(
    (f) => !FACT_FIELDS[f].value || (spec.values as readonly string[]).includes(f),
  );
  const valueColumns = fields.flatMap(fieldColumns);
  return {
    name: kebab(kind),
    description: `${kind} facts, one per row: roles as entity keys (several separated by ${KEYS}), value fields flattened, the sources cited.`,
    columns: [
      'key',
      'kind',
      'summary',
      'mode',
      'rank',
      'confidence',
      ...ROLE_COLUMNS,
      ...valueColumns,
      'curator',
      'sources',
    ],
    parts: ['assertions'],
    kind,
    rows(entry) {
      if (entry.type !== 'assertion' || entry.record.kind !== kind) return [];
      const r = entry.record;
      const values = r as unknown as Record<string, unknown>;
      const cells = valueColumns.map((column) => {
        const [name, member] = column.split('.') as [string, string | undefined];
        const value = values[name];
        if (member === undefined) return value as Cell;
        return value && typeof value === 'object' ? ((value as Record<string, unknown>)[member] as Cell) : undefined;
      });
      const sources = sourceKeys(r.sources);
      return [
        [
          r.key,
          r.kind,
          r.summary,
          r.mode,
          r.rank,
          r.confidence,
          ...ROLE_TYPES.map((type) => r.roles[type].join(KEYS)),
          ...cells,
          r.curator,
          sources,
        ],
      ];
    },
  };
}

export const CSV_TABLES: readonly CsvTable[] = [
  {
    name: 'curators',
    description: 'Who wrote the editorial texts (summaries, descriptions, notes, paraphrases): key, name, note.',
    columns: ['key', 'name', 'note'],
    parts: ['curators'],
    rows: (entry) => (entry.type === 'curator' ? [[entry.record.key, entry.record.name, entry.record.note]] : []),
  },
  {
    name: 'entities',
    description: `Every entity: key, kind, name, aliases (separated by "${ALIASES}"), Wikidata id, description, kind-specific properties (JSON), curator.`,
    columns: ['key', 'kind', 'name', 'aliases', 'wikidata', 'description', 'props', 'curator'],
    parts: ['entities'],
    rows: (entry) => {
      if (entry.type !== 'entity') return [];
      const e = entry.record;
      const props = Object.keys(e.props).length ? JSON.stringify(e.props) : '';
      return [[e.key, e.kind, e.name, e.aliases.join(ALIASES), e.wikidata, e.description, props, e.curator]];
    },
  },
  {
    name: 'sources',
    description:
      'Every source: key, kind, title, publisher, URL, date, content hash, licence, citation, note, and the sha256 of the full text the graph holds (the text itself is in the NDJSON and JSON-LD exports).',
    columns: [
      'key',
      'kind',
      'title',
      'publisher',
      'url',
      'publishedDate',
      'contentHash',
      'license',
      'citation',
      'note',
      'textSha256',
      'curator',
    ],
    parts: ['sources'],
    rows: (entry) => {
      if (entry.type !== 'source') return [];
      const s = entry.record;
      const textSha256 = entry.row.props.textSha256;
      return [
        [
          s.key,
          s.kind,
          s.title,
          s.publisher,
          s.url,
          s.publishedDate,
          s.contentHash,
          s.license,
          s.citation,
          s.note,
          typeof textSha256 === 'string' ? textSha256 : undefined,
          s.curator,
        ],
      ];
    },
  },
  {
    name: 'links',
    description: `Timeless links between entities: relationship, from, to, the sources that say so (${KEYS}-separated).`,
    columns: ['rel', 'from', 'to', 'sources'],
    parts: ['links'],
    rows: (entry) =>
      entry.type === 'link'
        ? [[entry.record.rel, entry.record.from, entry.record.to, sourceKeys(entry.record.sources)]]
        : [],
  },
  {
    name: 'rules',
    description:
      'The inference rules the API applies, stated as data: key, name, statement, regulation, jurisdiction, context places, limits, curator, sources.',
    columns: ['key', 'name', 'statement', 'regulation', 'jurisdiction', 'context', 'limits', 'curator', 'sources'],
    parts: ['rules'],
    rows: (entry) => {
      if (entry.type !== 'rule') return [];
      const r = entry.record;
      return [
        [
          r.key,
          r.name,
          r.statement,
          r.regulation,
          r.jurisdiction,
          r.context.join(KEYS),
          r.limits,
          r.curator,
          sourceKeys(r.sources),
        ],
      ];
    },
  },
  {
    name: 'snippets',
    description:
      'The verbatim words citing each fact, one row per snippet in the fact’s order: fact key and kind, position (from 1), source, snippet, UTF-16 offsets (end exclusive) or locator.',
    columns: ['fact', 'kind', 'position', 'source', 'snippet', 'start', 'end', 'locator'],
    parts: ['assertions'],
    rows: (entry) =>
      entry.type === 'assertion'
        ? entry.record.sources.map((s, i) => [
            entry.record.key,
            entry.record.kind,
            i + 1,
            s.source,
            s.snippet,
            s.start,
            s.end,
            s.locator,
          ])
        : [],
  },
  ...ASSERTION_KINDS.map(factTable),
];

export const csvTable = (name: string) => CSV_TABLES.find((t) => t.name === name);

/** The start of a table: the byte-order mark and the header row. */
export const csvHead = (table: CsvTable) => BOM + csvRecord(table.columns);

/** One table as text chunks: the BOM and header, then a chunk per entry that has rows in it. */
export async function* csvChunks(table: CsvTable, entries: AsyncIterable<ExportEntry>): AsyncGenerator<string> {
  yield csvHead(table);
  for await (const entry of entries) {
    const rows = table.rows(entry);
    if (rows.length) yield rows.map(csvRecord).join('');
  }
}
