import type { DbScope } from '../../db/database.ts';
import { describeConflict } from '../../domain/conflicts.ts';
import type { ImportRecord } from '../../domain/format.ts';
import { entityRow, sourceRow } from '../../domain/records.ts';
import { type ClashCheckRow, importChecksRepository } from '../../repositories/import-checks.ts';
import type { ParsedLine, Rejection } from './lines.ts';

/** Keys looked up in the graph per statement. */
export const LOOKUP_CHUNK = 10_000;

type KeyKind = 'entities' | 'sources' | 'curators';
const KEY_KINDS = ['entities', 'sources', 'curators'] as const;
const LABELS: Record<KeyKind, string> = { entities: 'entity', sources: 'source', curators: 'curator' };

const curatorOf = (record: { curator?: string | undefined }) => (record.curator ? [record.curator] : []);
const spanSources = (spans: readonly { source: string }[] | undefined) => (spans ?? []).map((s) => s.source);

/**
 * Entity, source and curator keys a record points at (roles, link ends, publisher, a rule's regulation and places;
 * cited sources, verbatim spans' sources; the curator it names).
 */
export function referencesOf(record: ImportRecord): Record<KeyKind, string[]> {
  switch (record.type) {
    case 'curator':
      return { entities: [], sources: [], curators: [] };
    case 'entity':
      return { entities: [], sources: spanSources(record.verbatim), curators: curatorOf(record) };
    case 'source':
      return { entities: record.publisher ? [record.publisher] : [], sources: [], curators: curatorOf(record) };
    case 'link':
      return { entities: [record.from, record.to], sources: record.sources.map((s) => s.source), curators: [] };
    case 'rule':
      return {
        entities: [record.regulation, record.jurisdiction, ...record.context].filter((k) => k !== undefined),
        sources: record.sources.map((s) => s.source),
        curators: curatorOf(record),
      };
    case 'assertion':
      return {
        entities: Object.values(record.roles).flat(),
        sources: [...record.sources.map((s) => s.source), ...spanSources(record.verbatim)],
        curators: curatorOf(record),
      };
  }
}

/**
 * Keys declared so far and references that no line declared yet (a later line may still declare them). Memory: one
 * string per declared key and one line number per pending reference.
 */
export class ReferenceTracker {
  private readonly declared = { entities: new Set<string>(), sources: new Set<string>(), curators: new Set<string>() };
  private readonly pending = {
    entities: new Map<string, number[]>(),
    sources: new Map<string, number[]>(),
    curators: new Map<string, number[]>(),
  };
  /** The first curator line of the input: the curator of the lines that name none. */
  firstCurator: string | null = null;

  add(record: ImportRecord, line: number) {
    if (record.type === 'entity') this.markDeclared('entities', record.key);
    if (record.type === 'source') this.markDeclared('sources', record.key);
    if (record.type === 'curator') {
      this.markDeclared('curators', record.key);
      this.firstCurator ??= record.key;
    }
    const refs = referencesOf(record);
    for (const kind of KEY_KINDS) {
      for (const key of refs[kind]) {
        if (this.declared[kind].has(key)) continue;
        const lines = this.pending[kind].get(key);
        if (lines) lines.push(line);
        else this.pending[kind].set(key, [line]);
      }
    }
  }

  /** Lines pointing at a key that neither the input nor the graph has. */
  async unresolved(db: DbScope): Promise<Rejection[]> {
    const repo = importChecksRepository(db);
    const entities = [...this.pending.entities.keys()];
    const sources = [...this.pending.sources.keys()];
    const curators = [...this.pending.curators.keys()];
    const rejected: Rejection[] = [];
    const reject = (kind: KeyKind, keys: string[]) => {
      const label = LABELS[kind];
      for (const key of keys) {
        for (const line of this.pending[kind].get(key) ?? []) {
          rejected.push({ line, reason: `unknown ${label} key ${key}: neither in the file nor in the graph` });
        }
      }
    };
    for (let i = 0; i < Math.max(entities.length, sources.length, curators.length); i += LOOKUP_CHUNK) {
      const missing = await repo.missing(
        entities.slice(i, i + LOOKUP_CHUNK),
        sources.slice(i, i + LOOKUP_CHUNK),
        curators.slice(i, i + LOOKUP_CHUNK),
      );
      reject('entities', missing.entities);
      reject('sources', missing.sources);
      reject('curators', missing.curators);
    }
    return rejected;
  }

  private markDeclared(kind: KeyKind, key: string) {
    this.declared[kind].add(key);
    this.pending[kind].delete(key);
  }
}

/**
 * One kind and one name per entity, one title, URL and hash per source, within one input: a later line that
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

/** The entity or source of a line, as the stored-value check compares it (null for links and facts). */
function clashRow({ line, record }: ParsedLine): ClashCheckRow | null {
  if (record.type === 'entity') return { line, key: record.key, kind: record.kind, props: entityRow(record).props };
  if (record.type === 'source') return { line, key: record.key, props: sourceRow(record).props };
  return null;
}

/**
 * Lines whose entity or source differs from the stored one — another kind, name, title, URL, hash or other stored
 * value, or a URL another source holds — which the write would refuse (upserts never overwrite stored values).
 * Give at most LOOKUP_CHUNK lines per call.
 */
export async function storedValueClashes(db: DbScope, lines: ParsedLine[]): Promise<Rejection[]> {
  const rows = lines.map(clashRow).filter((r) => r !== null);
  const found = await importChecksRepository(db).clashes(
    rows.filter((r) => r.kind !== undefined),
    rows.filter((r) => r.kind === undefined),
  );
  return [
    ...found.entities.map((c) => ({ line: c.line, reason: describeConflict('entity', c) })),
    ...found.sources.map((c) => ({ line: c.line, reason: describeConflict('source', c) })),
  ];
}
