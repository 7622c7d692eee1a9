/** Shapes the repositories return: graph properties as stored (see docs/data-model.md). */
type Scalar = string | number | boolean | null;

export interface EntityRow {
  key: string;
  kind: string;
  name: string;
  aliases: string[] | null;
  wikidata: string | null;
  description: string | null;
  [property: string]: unknown;
}

export interface AssertionRow {
  key: string;
  kind: string;
  summary: string;
  mode: string;
  rank: string;
  confidence: string | null;
  metric: string | null;
  [property: string]: Scalar | Scalar[] | undefined;
}

export interface SourceRow {
  key: string;
  title: string;
  kind: string;
  url: string | null;
  publishedDate: string | null;
  contentHash: string | null;
  license: string | null;
  citation: string | null;
  note: string | null;
  /** sha256 of the stored full text (a SourceText node), absent when none is stored. */
  textSha256?: string | null;
  publisherKey: string | null;
  /** Stamped by the change log (docs/data-model.md#change-log); absent on sources written before it. */
  firstSeen?: string | null;
  lastSeen?: string | null;
  /** The curator who wrote its note, when one was declared. */
  curator?: string | null;
}

export interface RoleRow {
  role: 'SUBJECT' | 'OBJECT' | 'MEMBER' | 'SPEAKER' | 'CONCERNS';
  position: number;
  entity: EntityRow;
}

export interface SupportRow {
  snippet: string;
  start: number | null;
  end: number | null;
  locator: string | null;
  /** Found verbatim in the source's stored text when written; false when the source has no stored text. */
  verified: boolean;
  source: SourceRow;
}

/** A fact with its supporting sources (empty unless they were asked for), read in the same statement. */
export interface FactRow {
  fact: AssertionRow;
  sources: SupportRow[];
  /** Its participants, when the query asked for them (withRoles); else empty. */
  roles: RoleRow[];
}

/** An entity with the lists of facts its GraphQL selection asks for, in the order they were asked for. */
export interface EntityWithFacts {
  entity: EntityRow;
  facts: FactRow[][];
}

/** A graph node as returned by search, paths and neighbourhoods. */
export type GraphNodeRow = (EntityRow & { _label: 'Entity' }) | (AssertionRow & { _label: 'Assertion' });

export interface GraphEdgeRow {
  type: string;
  from: string;
  to: string;
}
