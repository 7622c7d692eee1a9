import { ENTITY_CORE_PROPS } from './entity-props.ts';
import { badInput } from './errors.ts';
import { storeFactFields } from './facts/index.ts';
import type { AssertionInput, EntityInput, LinkInput, SourceInput } from './format.ts';
import { sha256Of } from './text-hash.ts';

/** Graph rows (property maps) for the UNWIND write statements; a fact's value fields are stored by their codecs. */

const definedOnly = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export const normaliseAlias = (alias: string) => alias.normalize('NFKC').toLowerCase().trim();

export function entityRow(e: EntityInput) {
  for (const p of Object.keys(e.props)) {
    if (ENTITY_CORE_PROPS.has(p) || !/^[a-z][A-Za-z0-9_]*$/.test(p))
      throw badInput(`Entity ${e.key}: property "${p}" is not allowed`);
  }
  const aliases = [...new Set([e.name, ...e.aliases])];
  return {
    key: e.key,
    kind: e.kind,
    // Only the fields given: an upsert never nulls what the caller left out (writes/upsert-entities).
    props: definedOnly({ name: e.name, wikidata: e.wikidata, description: e.description, ...e.props }),
    aliases,
    aliasKeys: aliases.map(normaliseAlias),
  };
}

/** The full text, when given, is not a Source property: it is written to its own SourceText node. */
export function sourceRow(s: SourceInput) {
  const textSha256 = s.text === undefined ? null : sha256Of(s.text);
  return {
    key: s.key,
    publisher: s.publisher ?? null,
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
  return { rel: l.rel, from: l.from, to: l.to };
}

export function assertionRow(a: AssertionInput) {
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
  };
  const sources = a.sources.map((s, position) => ({
    position,
    source: s.source,
    snippet: s.snippet,
    start: s.start === undefined ? null : BigInt(s.start),
    end: s.end === undefined ? null : BigInt(s.end),
    locator: s.locator ?? null,
  }));
  return { key: a.key, kind: a.kind, props, roles, sources };
}
