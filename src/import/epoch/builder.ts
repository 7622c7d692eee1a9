import type { z } from 'zod';
import type { AssertionLine, CuratorInput, EntityLine, LinkInput, SourceLine } from '../../domain/format.ts';
import {
  CHIP_ALIASES,
  COUNTRIES,
  type KnownEntity,
  type Locality,
  ORG_ALIASES,
  SEED_PLACES,
  VENDORS,
} from './aliases.ts';
import { ALIAS_TABLE_SOURCE, BLACKWELL_PARTS_SOURCE } from './sources.ts';
import { slug } from './values.ts';

/** A citation of a link: an Epoch row's cell (locator: file, row, column), the alias table, or a reference. */
export type LinkSource = LinkInput['sources'][number];

/** The alias table's entry, cited as what it declares (a curator's mapping, not Epoch's words). */
export const aliasEntry = (snippet: string, locator: string): LinkSource => ({
  source: ALIAS_TABLE_SOURCE,
  snippet,
  locator,
});

/** Import-format inputs before validation: what `ImportLine` parses (defaults may be left out). */
export type EntityDraft = Omit<z.input<typeof EntityLine>, 'v' | 'type'>;
export type AssertionDraft = Omit<z.input<typeof AssertionLine>, 'v' | 'type'>;
type SourceDraft = Omit<z.input<typeof SourceLine>, 'v' | 'type'>;
export type ImportDraft =
  | CuratorInput
  | ({ v: 1; type: 'entity' } & EntityDraft)
  | ({ v: 1; type: 'source' } & SourceDraft)
  | LinkInput
  | ({ v: 1; type: 'assertion' } & AssertionDraft);

export interface UnresolvedName {
  name: string;
  key: string;
  what: 'organization' | 'chip' | 'country';
  /** Where it was seen first, e.g. "epoch_gpu_clusters.csv row 12, Owner". */
  firstSeen: string;
  occurrences: number;
}

/** Which alias table resolved a name (src/import/epoch/aliases.ts). */
export type AliasTable = 'ORG_ALIASES' | 'CHIP_ALIASES' | 'COUNTRIES';

/** One row of an alias table as the import used it: the name, the key it means, where first and how often. */
export interface AliasUse {
  table: AliasTable;
  name: string;
  key: string;
  /** The first CSV cell that used it, e.g. "epoch_gpu_clusters.csv row 12, Owner". */
  firstSeen: string;
  occurrences: number;
}

export interface EpochReport {
  unresolved: UnresolvedName[];
  /** Free-text user cells of the GPU-clusters file that name no entity ("Cloud", "Academia" …); kept as text. */
  unlinkedUsers: { text: string; occurrences: number }[];
  /** Tagged-list items without a `#tag` that the alias table does not know; kept in notes, not linked. */
  unparsedTags: { text: string; where: string }[];
  /** Resolutions through the alias table: name → key, with how often each was used. */
  aliasHits: { name: string; key: string; occurrences: number }[];
}

/**
 * Collects the records of one Epoch import and resolves names to keys through the explicit tables in
 * aliases.ts. First declaration of a key wins; nothing is merged by similarity.
 */
export class EpochBuilder {
  private readonly entities = new Map<string, EntityDraft>();
  private readonly links = new Map<string, LinkInput>();
  private readonly assertions: AssertionDraft[] = [];
  private readonly sources: ImportDraft[] = [];
  private readonly curators: CuratorInput[] = [];
  private readonly unresolved = new Map<string, UnresolvedName>();
  private readonly slugOwners = new Map<string, string>();
  private readonly aliasHits = new Map<string, { name: string; key: string; occurrences: number }>();
  private readonly aliasUses = new Map<string, AliasUse>();
  readonly unlinkedUsers = new Map<string, number>();
  readonly unparsedTags: { text: string; where: string }[] = [];
  /** Names seen as owners or tagged users anywhere in the import (exact strings). */
  readonly knownOrgNames = new Set<string>();

  constructor() {
    // The whole alias table is declared, used or not, so its units and parents are always in the graph.
    for (const known of [...VENDORS, ...Object.values(ORG_ALIASES)]) this.declareKnown(known);
  }

  source(line: SourceDraft) {
    this.sources.push({ v: 1, type: 'source', ...line });
  }

  curator(line: Omit<CuratorInput, 'v' | 'type'>) {
    this.curators.push({ v: 1, type: 'curator', ...line });
  }

  entity(e: EntityDraft) {
    const existing = this.entities.get(e.key);
    if (!existing) {
      this.entities.set(e.key, e);
      return;
    }
    const aliases = new Set([...(existing.aliases ?? []), ...(e.aliases ?? [])]);
    aliases.delete(existing.name);
    existing.aliases = [...aliases];
  }

  has(key: string) {
    return this.entities.has(key);
  }

  /** A link with the sources that say it; the first row that gives a link is the one cited. */
  link(rel: LinkInput['rel'], from: string, to: string, sources: LinkSource[]) {
    const id = `${rel}|${from}|${to}`;
    if (!this.links.has(id)) this.links.set(id, { v: 1, type: 'link', rel, from, to, sources });
  }

  assertion(a: AssertionDraft) {
    this.assertions.push(a);
  }

  /** Owner / user / supplier name → entity key. */
  org(name: string, seenAt: string): string {
    const known = ORG_ALIASES[name];
    if (known) {
      this.declareKnown(known);
      this.hit(name, known.key, 'ORG_ALIASES', seenAt);
      return known.key;
    }
    return this.unresolvedEntity(name, 'organization', seenAt, () => ({
      kind: 'Organization',
      key: `organization:${this.uniqueSlug(name, 'organization')}`,
      name,
      props: { resolution: 'unresolved-new', orgType: 'unknown' },
    }));
  }

  /**
   * Chip type string → Chip key, declaring the chip and its MADE_BY / UNIT_OF links when it is new. The links cite
   * the row's cell (`source`, `seenAt`) and the alias-table entry; a family membership also the declared reference.
   */
  chip(name: string, seenAt: string, source: string): string {
    const known = CHIP_ALIASES[name];
    if (known) {
      this.hit(name, known.key, 'CHIP_ALIASES', seenAt);
      if (known.declare) {
        const { name: chipName, vendor, family } = known.declare;
        this.entity({
          kind: 'Chip',
          key: known.key,
          name: chipName,
          aliases: [name],
          props: { resolution: 'alias-table', family: false, designer: vendor },
        });
        const cell: LinkSource = { source, snippet: name, locator: seenAt };
        const entry = `CHIP_ALIASES[${JSON.stringify(name)}]`;
        this.link('MADE_BY', known.key, vendor, [
          cell,
          aliasEntry(`${name} → ${known.key}, designed by ${vendor}`, entry),
        ]);
        if (family) {
          this.link('UNIT_OF', known.key, family, [
            cell,
            aliasEntry(`${name} → ${known.key}, a part of ${family}`, entry),
            {
              source: BLACKWELL_PARTS_SOURCE,
              snippet: `${chipName} is a part of Nvidia’s Blackwell series`,
              locator: known.key,
            },
          ]);
        }
      }
      return known.key;
    }
    return this.unresolvedEntity(name, 'chip', seenAt, () => ({
      kind: 'Chip',
      key: `chip:${this.uniqueSlug(name, 'chip')}`,
      name,
      props: { resolution: 'unresolved-new', family: false },
    }));
  }

  /** Country name → `place:<iso2>`; the seed's countries are referenced, others declared. */
  country(name: string, seenAt: string): string {
    const known = COUNTRIES[name];
    if (!known) {
      return this.unresolvedEntity(name, 'country', seenAt, () => ({
        kind: 'Place',
        key: `place:${this.uniqueSlug(name, 'place')}`,
        name,
        props: { resolution: 'unresolved-new', placeType: 'unknown' },
      }));
    }
    const key = `place:${known.iso2.toLowerCase()}`;
    this.hit(name, key, 'COUNTRIES', seenAt);
    if (!SEED_PLACES.has(key)) {
      this.entity({
        kind: 'Place',
        key,
        name: known.name,
        aliases: [name],
        props: { resolution: 'alias-table', placeType: 'country', iso2: known.iso2 },
      });
    }
    return key;
  }

  /** A locality below country level; its PART_OF cites the row's words when they say it (`cell`) and the table. */
  locality(place: Locality, cell?: LinkSource): string {
    if (!SEED_PLACES.has(place.key)) {
      this.entity({
        kind: 'Place',
        key: place.key,
        name: place.name,
        props: { resolution: 'alias-table', placeType: place.placeType },
      });
      this.link('PART_OF', place.key, place.partOf, [
        ...(cell ? [cell] : []),
        aliasEntry(place.basis, `locality ${place.key}`),
      ]);
    }
    return place.key;
  }

  records(): ImportDraft[] {
    return [
      ...this.curators,
      ...[...this.entities.values()].map((e) => ({ v: 1 as const, type: 'entity' as const, ...e })),
      ...this.sources,
      ...this.links.values(),
      ...this.assertions.map((a) => ({ v: 1 as const, type: 'assertion' as const, ...a })),
    ];
  }

  report(): EpochReport {
    const byCount = <T extends { occurrences: number }>(xs: T[]) => xs.sort((a, b) => b.occurrences - a.occurrences);
    return {
      unresolved: byCount([...this.unresolved.values()]),
      unlinkedUsers: byCount([...this.unlinkedUsers].map(([text, occurrences]) => ({ text, occurrences }))),
      unparsedTags: this.unparsedTags,
      aliasHits: byCount([...this.aliasHits.values()]),
    };
  }

  private declareKnown(known: KnownEntity) {
    if (!known.declare) return;
    const { name, aliases = [], unitOf, description } = known.declare;
    this.entity({
      kind: known.kind,
      key: known.key,
      name,
      aliases,
      ...(description ? { description } : {}),
      props: { resolution: 'alias-table' },
    });
    if (unitOf) {
      const parent = Object.values(ORG_ALIASES).find((k) => k.key === unitOf);
      if (parent) this.declareKnown(parent);
      this.link('UNIT_OF', known.key, unitOf, [
        aliasEntry(`${name} is a unit of ${unitOf}`, `ORG_ALIASES entry ${known.key}`),
      ]);
    }
  }

  /** The alias-table rows this import used, by table and name: they become judgements (epoch/alias-judgements). */
  aliasTableUses(): AliasUse[] {
    return [...this.aliasUses.values()].sort((a, b) =>
      a.table === b.table ? (a.name < b.name ? -1 : 1) : a.table < b.table ? -1 : 1,
    );
  }

  private hit(name: string, key: string, table: AliasTable, seenAt: string) {
    const h = this.aliasHits.get(name) ?? { name, key, occurrences: 0 };
    h.occurrences += 1;
    this.aliasHits.set(name, h);
    const id = `${table}|${name}`;
    const use = this.aliasUses.get(id) ?? { table, name, key, firstSeen: seenAt, occurrences: 0 };
    use.occurrences += 1;
    this.aliasUses.set(id, use);
  }

  private unresolvedEntity(
    name: string,
    what: UnresolvedName['what'],
    seenAt: string,
    make: () => EntityDraft,
  ): string {
    const id = `${what}|${name}`;
    const seen = this.unresolved.get(id);
    if (seen) {
      seen.occurrences += 1;
      return seen.key;
    }
    const entity = make();
    entity.props = { ...entity.props, firstSeenIn: seenAt };
    this.entity(entity);
    this.unresolved.set(id, { name, key: entity.key, what, firstSeen: seenAt, occurrences: 1 });
    return entity.key;
  }

  /** A slug shared by two different spellings would merge them silently, so the second gets a suffix. */
  private uniqueSlug(name: string, prefix: string): string {
    const base = slug(name) || 'unnamed';
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      const owner = this.slugOwners.get(`${prefix}:${candidate}`);
      if (owner === undefined || owner === name) {
        this.slugOwners.set(`${prefix}:${candidate}`, name);
        return candidate;
      }
    }
  }
}
