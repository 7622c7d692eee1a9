import { ENTITY_CORE_PROPS } from './entity-props.ts';
import { badInput } from './errors.ts';
import { storeFactFields } from './facts/index.ts';
import type {
  AssertionInput,
  CuratorInput,
  EntityInput,
  LinkInput,
  RuleInput,
  SourceInput,
  VerbatimSpan,
} from './format.ts';
import { sha256Of } from './text-hash.ts';

/** Graph rows (property maps) for the UNWIND write statements; a fact's value fields are stored by their codecs. */

const definedOnly = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export const normaliseAlias = (alias: string) => alias.normalize('NFKC').toLowerCase().trim();

/**
 * Verbatim spans as node properties (parallel lists: field i is source i's text from start i to end i); none when
 * every text is editorial.
 */
export function verbatimProps(spans: readonly VerbatimSpan[] | undefined) {
  const list = spans ?? [];
  return {
    verbatimFields: list.length ? list.map((s) => s.field) : null,
    verbatimSources: list.length ? list.map((s) => s.source) : null,
    verbatimStarts: list.length ? list.map((s) => BigInt(s.start)) : null,
    verbatimEnds: list.length ? list.map((s) => BigInt(s.end)) : null,
  };
}

/** A line's curator: its own, else the input's default (the first curator line). */
export type CuratorDefault = string | null;

/** A citation as the write statements take it (offsets as integers, nulls where absent). */
export function supportRows(sources: AssertionInput['sources']) {
  return sources.map((s, position) => ({
    position,
    source: s.source,
    snippet: s.snippet,
    start: s.start === undefined ? null : BigInt(s.start),
    end: s.end === undefined ? null : BigInt(s.end),
    locator: s.locator ?? null,
  }));
}

export function curatorRow(c: CuratorInput) {
  return { key: c.key, props: definedOnly({ name: c.name, note: c.note }) };
}

export function ruleRow(r: RuleInput, curator: CuratorDefault = null) {
  return {
    key: r.key,
    props: {
      name: r.name,
      statement: r.statement,
      regulation: r.regulation ?? null,
      jurisdiction: r.jurisdiction ?? null,
      context: r.context,
      limits: r.limits ?? null,
      curator: r.curator ?? curator,
    },
    sources: supportRows(r.sources),
  };
}

export function entityRow(e: EntityInput, curator: CuratorDefault = null) {
  for (const p of Object.keys(e.props)) {
    if (ENTITY_CORE_PROPS.has(p) || !/^[a-z][A-Za-z0-9_]*$/.test(p))
      throw badInput(`Entity ${e.key}: property "${p}" is not allowed`);
  }
  const aliases = [...new Set([e.name, ...e.aliases])];
  return {
    key: e.key,
    kind: e.kind,
    // Only the fields given: an upsert never nulls what the caller left out (writes/upsert-entities).
    props: definedOnly({
      name: e.name,
      wikidata: e.wikidata,
      description: e.description,
      ...e.props,
      ...(e.verbatim ? verbatimProps(e.verbatim) : {}),
    }),
    /** Kept by the first write that gives one (not a stored value a re-declaration could clash with). */
    curator: e.curator ?? curator,
    aliases,
    aliasKeys: aliases.map(normaliseAlias),
  };
}

/** The full text, when given, is not a Source property: it is written to its own SourceText node. */
export function sourceRow(s: SourceInput, curator: CuratorDefault = null) {
  const textSha256 = s.text === undefined ? null : sha256Of(s.text);
  return {
    key: s.key,
    publisher: s.publisher ?? null,
    curator: s.curator ?? curator,
    text: s.text ?? null,
    textSha256,
    // Only the fields given: an upsert never nulls what the caller left out (writes/upsert-sources).
    props: definedOnly({
      title: s.title,
      kind: s.kind,
      url: s.url,
      publishedDate: s.publishedDate,
      contentHash: s.contentHash ?? textSha256 ?? undefined,
      license: s.license,
      citation: s.citation,
      note: s.note,
    }),
  };
}

export function linkRow(l: LinkInput) {
  return { rel: l.rel, from: l.from, to: l.to, ...linkSupportProps(l.sources) };
}

/**
 * A link's sources as relationship properties: parallel lists (a relationship cannot hold maps), with "" and -1
 * where a citation has no locator or offsets.
 */
export function linkSupportProps(sources: LinkInput['sources']) {
  return {
    sourceKeys: sources.map((s) => s.source),
    snippets: sources.map((s) => s.snippet),
    starts: sources.map((s) => BigInt(s.start ?? -1)),
    ends: sources.map((s) => BigInt(s.end ?? -1)),
    locators: sources.map((s) => s.locator ?? ''),
  };
}

export function assertionRow(a: AssertionInput, curator: CuratorDefault = null) {
  const roles = Object.entries(a.roles).flatMap(([type, keys]) =>
    keys.map((key, position) => ({ type, key, position })),
  );
  const props = {
    kind: a.kind,
    summary: a.summary,
    mode: a.mode,
    rank: a.rank,
    confidence: a.confidence ?? null,
    ...storeFactFields(a),
    curator: a.curator ?? curator,
    ...verbatimProps(a.verbatim),
  };
  const sources = supportRows(a.sources);
  return { key: a.key, kind: a.kind, props, roles, sources };
}
