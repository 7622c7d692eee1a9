import { FACT_FIELD_NAMES } from '../../domain/facts/index.ts';
import type { ExportEntry } from '../export.ts';

/**
 * The graph as one JSON-LD 1.1 document with PROV-O provenance. Nodes are named by their graph key under
 * `urn:ai-infra-graph:` (`aig:company:alibaba`), terms without a namespace of their own under
 * `urn:ai-infra-graph:vocab:`. Every fact is a `prov:Entity` typed with its kind, `prov:wasDerivedFrom` the sources it
 * cites; each snippet is a `prov:Entity` of its own whose `prov:value` is the verbatim words and which
 * `prov:wasQuotedFrom` its source (listed in the fact's order under `quotations`); the activity that recorded the fact
 * (`Import` or `Mutation`, when, by which token when known) is its `prov:wasGeneratedBy`, and a retraction its
 * `prov:wasInvalidatedBy`. Value fields keep the import format's shape (`money: {amount, currency, …}`), amounts as
 * `xsd:decimal`.
 */

export const ID_BASE = 'urn:ai-infra-graph:';
export const VOCAB = `${ID_BASE}vocab:`;

const decimal = { '@type': 'xsd:decimal' };
const reference = { '@type': '@id' };
const roleList = { '@type': '@id', '@container': '@list' };
const dateTime = { '@type': 'xsd:dateTime' };

export const JSONLD_CONTEXT = {
  '@version': 1.1,
  '@vocab': VOCAB,
  aig: ID_BASE,
  prop: `${ID_BASE}prop:`,
  prov: 'http://www.w3.org/ns/prov#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcterms: 'http://purl.org/dc/terms/',
  Entity: 'prov:Entity',
  Activity: 'prov:Activity',
  Agent: 'prov:Agent',
  name: 'rdfs:label',
  aliases: { '@id': `${VOCAB}alias`, '@container': '@set' },
  wikidata: reference,
  title: 'dcterms:title',
  publisher: { '@id': 'dcterms:publisher', '@type': '@id' },
  license: 'dcterms:license',
  publishedDate: 'dcterms:issued',
  SUBJECT: roleList,
  OBJECT: roleList,
  MEMBER: roleList,
  SPEAKER: roleList,
  CONCERNS: roleList,
  PART_OF: reference,
  MADE_BY: reference,
  LOCATED_IN: reference,
  UNIT_OF: reference,
  amount: decimal,
  lower: decimal,
  upper: decimal,
  percent: decimal,
  value: decimal,
  quotations: { '@container': '@list' },
  curator: reference,
  regulation: reference,
  jurisdiction: reference,
  context: roleList,
  wasDerivedFrom: { '@id': 'prov:wasDerivedFrom', '@type': '@id', '@container': '@set' },
  wasQuotedFrom: { '@id': 'prov:wasQuotedFrom', '@type': '@id' },
  wasGeneratedBy: 'prov:wasGeneratedBy',
  wasInvalidatedBy: 'prov:wasInvalidatedBy',
  wasAssociatedWith: { '@id': 'prov:wasAssociatedWith', '@type': '@id' },
  generatedAtTime: { '@id': 'prov:generatedAtTime', ...dateTime },
  invalidatedAtTime: { '@id': 'prov:invalidatedAtTime', ...dateTime },
  endedAtTime: { '@id': 'prov:endedAtTime', ...dateTime },
} as const;

type Node = Record<string, unknown>;

/** A key as the node's compact IRI. */
export const idOf = (key: string) => `aig:${key}`;

/** Drops undefined and null members (JSON-LD would drop nulls anyway; this keeps the text small). */
const compact = (node: Node): Node =>
  Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined && v !== null));

const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

function agent(principal: unknown) {
  const name = text(principal);
  return name ? { '@id': idOf(`agent:${encodeURIComponent(name)}`), '@type': 'Agent', name } : undefined;
}

/** How the fact came into the graph, as far as the graph recorded it (`createdVia`, `createdBy`, `createdAt`). */
function recording(key: string, props: Node) {
  const via = props.createdVia === 'import' ? 'Import' : props.createdVia === 'mutation' ? 'Mutation' : 'Recording';
  return compact({
    '@id': `${idOf(key)}#recorded`,
    '@type': ['Activity', via],
    endedAtTime: text(props.createdAt),
    wasAssociatedWith: agent(props.createdBy),
  });
}

function retraction(key: string, props: Node) {
  if (props.rank !== 'deprecated' || !text(props.retractedAt)) return undefined;
  return compact({
    '@id': `${idOf(key)}#retraction`,
    '@type': ['Activity', 'Retraction'],
    endedAtTime: text(props.retractedAt),
    wasAssociatedWith: agent(props.retractedBy),
    reason: text(props.retractionReason),
  });
}

/** The sources a fact or rule cites, and its snippets as quotation entities in its order. */
function citing(
  key: string,
  sources: readonly { source: string; snippet: string; start?: number; end?: number; locator?: string }[],
) {
  return {
    wasDerivedFrom: [...new Set(sources.map((s) => idOf(s.source)))],
    quotations: sources.map((s, i) =>
      compact({
        '@id': `${idOf(key)}#snippet-${i + 1}`,
        '@type': 'Entity',
        'prov:value': s.snippet,
        wasQuotedFrom: idOf(s.source),
        start: s.start,
        end: s.end,
        locator: s.locator,
      }),
    ),
  };
}

const ref = (key: string | undefined) => (key ? idOf(key) : undefined);

/** The node (or, for a link, the partial node of its `from` entity) of one export entry. */
export function jsonldNode(entry: ExportEntry): Node {
  switch (entry.type) {
    case 'curator':
      return compact({
        '@id': idOf(entry.record.key),
        '@type': ['Agent', 'Curator'],
        key: entry.record.key,
        name: entry.record.name,
        note: entry.record.note,
      });
    case 'rule': {
      const r = entry.record;
      return compact({
        '@id': idOf(r.key),
        '@type': ['Entity', 'Rule'],
        key: r.key,
        name: r.name,
        statement: r.statement,
        regulation: ref(r.regulation),
        jurisdiction: ref(r.jurisdiction),
        context: r.context.length ? r.context.map(idOf) : undefined,
        limits: r.limits,
        curator: ref(r.curator),
        ...citing(r.key, r.sources),
      });
    }
    case 'entity': {
      const e = entry.record;
      const props = Object.fromEntries(
        Object.entries(e.props)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [`prop:${k}`, v]),
      );
      return compact({
        '@id': idOf(e.key),
        '@type': e.kind,
        key: e.key,
        name: e.name,
        aliases: e.aliases.length ? e.aliases : undefined,
        wikidata: e.wikidata ? `http://www.wikidata.org/entity/${e.wikidata}` : undefined,
        description: e.description,
        curator: ref(e.curator),
        ...props,
      });
    }
    case 'source': {
      const s = entry.record;
      return compact({
        '@id': idOf(s.key),
        '@type': ['Entity', 'Source'],
        key: s.key,
        title: s.title,
        kind: s.kind,
        publisher: s.publisher ? idOf(s.publisher) : undefined,
        url: s.url,
        publishedDate: s.publishedDate,
        contentHash: s.contentHash,
        license: s.license,
        citation: s.citation,
        note: s.note,
        text: s.text,
        curator: ref(s.curator),
      });
    }
    case 'link':
      return { '@id': idOf(entry.record.from), [entry.record.rel]: idOf(entry.record.to) };
    case 'assertion': {
      const a = entry.record;
      const props = entry.row.props as Node;
      const roles = Object.fromEntries(
        Object.entries(a.roles)
          .filter(([, keys]) => keys.length > 0)
          .map(([role, keys]) => [role, keys.map(idOf)]),
      );
      const { kind, key, summary, mode, rank, confidence, sources } = a;
      const record = a as unknown as Node;
      const values = Object.fromEntries(FACT_FIELD_NAMES.map((f) => [f, record[f]]));
      const retracted = retraction(key, props);
      return compact({
        '@id': idOf(key),
        '@type': ['Entity', 'Assertion', kind],
        key,
        summary,
        mode,
        rank,
        confidence,
        ...roles,
        ...values,
        curator: ref(a.curator),
        ...citing(key, sources),
        generatedAtTime: text(props.createdAt),
        wasGeneratedBy: recording(key, props),
        invalidatedAtTime: retracted ? text(props.retractedAt) : undefined,
        wasInvalidatedBy: retracted,
      });
    }
  }
}

/** The document's text up to its first node, the text between two nodes, and after the last. */
export const JSONLD_HEAD = `{"@context":${JSON.stringify(JSONLD_CONTEXT)},\n"@graph":[`;
export const jsonldSeparator = (first: boolean) => (first ? '\n' : ',\n');
export const JSONLD_TAIL = '\n]}\n';

/** The document as text chunks: the context, then one chunk per node, never the whole graph at once. */
export async function* jsonldChunks(entries: AsyncIterable<ExportEntry>): AsyncGenerator<string> {
  yield JSONLD_HEAD;
  let first = true;
  for await (const entry of entries) {
    yield jsonldSeparator(first) + JSON.stringify(jsonldNode(entry));
    first = false;
  }
  yield JSONLD_TAIL;
}
