import { ASSERTION_KINDS, ENTITY_KINDS } from '../../domain/format.ts';

/** Entity and assertion kinds map one to one onto GraphQL object types of the same name. */
const ENTITY_TYPES = new Set<string>(ENTITY_KINDS);

export const isEntityKind = (kind: string) => ENTITY_TYPES.has(kind);
export const entityTypename = (kind: string) => kind;
export const assertionTypename = (kind: string) => kind;
export const ALL_NODE_TYPES = ['Source', ...ENTITY_KINDS, ...ASSERTION_KINDS];
