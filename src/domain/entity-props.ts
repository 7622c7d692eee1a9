/** What every entity is: its kinds, and the properties every entity has (the rest are kind-specific `props`). */

export const ENTITY_KINDS = ['Company', 'Organization', 'Person', 'Chip', 'Place', 'DataCenter', 'Regulation'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * The core properties of an entity node: written by the import from the line's own fields, never from `props`
 * (a `props` entry of one of these names is refused), and left out of an entity's `properties` and of the export's
 * `props`.
 */
export const ENTITY_CORE_PROPS: ReadonlySet<string> = new Set([
  'key',
  'kind',
  'name',
  'aliases',
  'aliasKeys',
  'wikidata',
  'description',
  'createdAt',
  'curator',
  'verbatimFields',
  'verbatimSources',
  'verbatimStarts',
  'verbatimEnds',
]);
