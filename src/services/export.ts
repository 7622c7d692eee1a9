import type { DbScope } from '../db/database.ts';
import { ENTITY_CORE_PROPS } from '../domain/entity-props.ts';
import { factFieldsLine } from '../domain/facts/index.ts';
import {
  type AssertionInput,
  type CuratorInput,
  type EntityInput,
  FORMAT_VERSION,
  ImportLine,
  type ImportRecord,
  type LinkInput,
  ROLE_TYPES,
  type RuleInput,
  type SourceInput,
  type TextField,
  type VerbatimSpan,
} from '../domain/format.ts';
import {
  type AssertionExportRow,
  type CuratorExportRow,
  type EntityExportRow,
  exportRepository,
  type LinkExportRow,
  type RuleExportRow,
  type SourceExportRow,
  type SupportExportRow,
} from '../repositories/export.ts';

/**
 * The graph back as import lines (src/domain/format.ts), the inverse of src/domain/records.ts:
 * curators, entities, sources, links, rules, then assertions, each in key order, so two exports of the same graph
 * are byte-identical. Every line is checked against the format before it is written.
 */

type Props = Record<string, unknown>;

/** Copies the props that are set, dropping nulls (the import stores absent values as missing properties). */
function defined<T extends Props>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** Verbatim spans from their node properties (parallel lists); undefined when every text is editorial. */
export function verbatimOf(p: Props): VerbatimSpan[] | undefined {
  const fields = p.verbatimFields as string[] | null | undefined;
  if (!fields?.length) return undefined;
  const at = (name: string, i: number) => (p[name] as unknown[])[i];
  return fields.map((field, i) => ({
    field: field as TextField,
    source: String(at('verbatimSources', i)),
    start: Number(at('verbatimStarts', i)),
    end: Number(at('verbatimEnds', i)),
  }));
}

export function curatorLine(row: CuratorExportRow): CuratorInput {
  return {
    v: FORMAT_VERSION,
    type: 'curator',
    key: row.key,
    name: String(row.props.name),
    ...defined({ note: str(row.props.note) }),
  };
}

function citations(sources: SupportExportRow[]) {
  return [...sources]
    .sort((a, b) => byPosition(a, b) || (a.start ?? 0) - (b.start ?? 0) || (a.snippet < b.snippet ? -1 : 1))
    .map((s) => ({
      source: s.source,
      snippet: s.snippet,
      ...defined({ start: s.start ?? undefined, end: s.end ?? undefined, locator: s.locator ?? undefined }),
    }));
}

export function ruleLine(row: RuleExportRow): RuleInput {
  const p = row.props;
  return {
    v: FORMAT_VERSION,
    type: 'rule',
    key: row.key,
    name: String(p.name),
    statement: String(p.statement),
    ...defined({ regulation: str(p.regulation), jurisdiction: str(p.jurisdiction) }),
    context: (p.context as string[] | null) ?? [],
    ...defined({ limits: str(p.limits), curator: str(p.curator) }),
    sources: citations(row.sources),
  };
}

export function entityLine(row: EntityExportRow): EntityInput {
  const p = row.props;
  const name = String(p.name);
  const stored = (p.aliases as string[] | undefined) ?? [];
  const props = Object.fromEntries(
    Object.entries(p)
      .filter(([k]) => !ENTITY_CORE_PROPS.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ) as EntityInput['props'];
  return {
    v: FORMAT_VERSION,
    type: 'entity',
    kind: row.kind as EntityInput['kind'],
    key: row.key,
    name,
    // The importer stores the name as the first alias; the line lists only the others.
    aliases: stored.filter((a) => a !== name),
    ...defined({ wikidata: str(p.wikidata), description: str(p.description) }),
    props,
    ...defined({ curator: str(p.curator), verbatim: verbatimOf(p) as EntityInput['verbatim'] }),
  };
}

export function sourceLine(row: SourceExportRow): SourceInput {
  const p = row.props;
  return {
    v: FORMAT_VERSION,
    type: 'source',
    key: row.key,
    title: String(p.title),
    kind: (p.kind ?? 'article') as SourceInput['kind'],
    ...defined({
      publisher: row.publisher ?? undefined,
      url: str(p.url),
      publishedDate: str(p.publishedDate),
      contentHash: str(p.contentHash),
      license: str(p.license),
      citation: str(p.citation),
      note: str(p.note),
      text: row.text ?? undefined,
      curator: str(p.curator),
    }),
  };
}

export function linkLines(row: LinkExportRow): LinkInput[] {
  return row.links
    .map((l) => ({
      v: FORMAT_VERSION,
      type: 'link' as const,
      rel: l.rel as LinkInput['rel'],
      from: row.key,
      to: l.to,
      // An unsourced link stored before links carried sources exports with none, and the format check below refuses it.
      sources: (l.sourceKeys ?? []).map((source, i) => {
        const start = Number(l.starts?.[i] ?? -1);
        const end = Number(l.ends?.[i] ?? -1);
        const locator = l.locators?.[i] ?? '';
        return {
          source,
          snippet: l.snippets?.[i] ?? '',
          ...(start >= 0 ? { start, end } : {}),
          ...(locator ? { locator } : {}),
        };
      }),
    }))
    .sort((a, b) => (a.rel + a.to < b.rel + b.to ? -1 : 1));
}

const byPosition = <T extends { position: number | null }>(a: T, b: T) => (a.position ?? 0) - (b.position ?? 0);

export function assertionLine(row: AssertionExportRow): AssertionInput {
  const p = row.props;
  const roles = Object.fromEntries(
    ROLE_TYPES.map((type) => [
      type,
      row.roles
        .filter((r) => r.type === type)
        .sort(byPosition)
        .map((r) => r.key),
    ]),
  ) as AssertionInput['roles'];
  const sources = citations(row.sources);
  return {
    v: FORMAT_VERSION,
    type: 'assertion',
    kind: p.kind as AssertionInput['kind'],
    key: row.key,
    summary: String(p.summary),
    mode: p.mode as AssertionInput['mode'],
    rank: (p.rank ?? 'normal') as AssertionInput['rank'],
    ...defined({
      confidence: p.confidence as AssertionInput['confidence'],
    }),
    roles,
    ...factFieldsLine(p),
    sources,
    ...defined({ curator: str(p.curator), verbatim: verbatimOf(p) as AssertionInput['verbatim'] }),
  };
}

function checked<R extends ImportRecord>(record: R): R {
  const result = ImportLine.safeParse(record);
  if (!result.success) {
    const why = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(
      `The graph holds ${record.type} ${'key' in record ? record.key : ''} that the format rejects: ${why}`,
    );
  }
  return record;
}

/** One record of the export with the row it was read from (the JSON-LD export also says who recorded it, and when). */
export type ExportEntry =
  | { type: 'curator'; record: CuratorInput; row: CuratorExportRow }
  | { type: 'entity'; record: EntityInput; row: EntityExportRow }
  | { type: 'source'; record: SourceInput; row: SourceExportRow }
  | { type: 'link'; record: LinkInput }
  | { type: 'rule'; record: RuleInput; row: RuleExportRow }
  | { type: 'assertion'; record: AssertionInput; row: AssertionExportRow };

export const EXPORT_PARTS = ['curators', 'entities', 'sources', 'links', 'rules', 'assertions'] as const;
export type ExportPart = (typeof EXPORT_PARTS)[number];

export interface ExportOptions {
  /** Rows per read (each page one short read statement). */
  pageSize?: number;
  /** The parts to read, always in export order (default: all). */
  parts?: readonly ExportPart[];
  /** Only the assertions of this kind (one CSV table). */
  kind?: string;
}

/**
 * Every record of the graph in export order (curators, entities, sources, links, rules, assertions; each by key),
 * validated against the import format, with its row. Pages are read as the consumer asks for them: memory holds one
 * page.
 */
export async function* exportEntries(db: DbScope, options: ExportOptions = {}): AsyncGenerator<ExportEntry> {
  const { pageSize = 2000, parts = EXPORT_PARTS, kind } = options;
  const repo = exportRepository(db);
  const wanted = new Set(parts);
  if (wanted.has('curators'))
    for await (const page of repo.pages('curators', pageSize))
      for (const row of page) yield { type: 'curator', record: checked(curatorLine(row)), row };
  if (wanted.has('entities'))
    for await (const page of repo.pages('entities', pageSize))
      for (const row of page) yield { type: 'entity', record: checked(entityLine(row)), row };
  if (wanted.has('sources'))
    for await (const page of repo.pages('sources', pageSize))
      for (const row of page) yield { type: 'source', record: checked(sourceLine(row)), row };
  if (wanted.has('links'))
    for await (const page of repo.pages('links', pageSize))
      for (const row of page) for (const link of linkLines(row)) yield { type: 'link', record: checked(link) };
  if (wanted.has('rules'))
    for await (const page of repo.pages('rules', pageSize))
      for (const row of page) yield { type: 'rule', record: checked(ruleLine(row)), row };
  if (wanted.has('assertions')) {
    const pages = kind === undefined ? repo.pages('assertions', pageSize) : repo.assertionsOfKind(kind, pageSize);
    for await (const page of pages)
      for (const row of page) yield { type: 'assertion', record: checked(assertionLine(row)), row };
  }
}

/** Every record of the graph in export order; each is validated against the import format. */
export async function* exportRecords(db: DbScope, pageSize = 2000): AsyncGenerator<ImportRecord> {
  for await (const entry of exportEntries(db, { pageSize })) yield entry.record;
}
