import { invalidId } from './errors.ts';

/**
 * Opaque global ids: base64url of "Typename:key". Built from our stable keys, never from Neo4j
 * element ids (which change on restore or copy).
 */
export function encodeGlobalId(typename: string, key: string): string {
  return Buffer.from(`${typename}:${key}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(id: string, knownTypes: ReadonlySet<string>): { typename: string; key: string } {
  if (id.length === 0 || id.length > 600 || !/^[A-Za-z0-9_-]+$/.test(id)) throw invalidId(id, 'not a global id');
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const typename = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (colon <= 0 || key.length === 0) throw invalidId(id, 'not a global id');
  if (!knownTypes.has(typename)) throw invalidId(id, `type "${typename}" is not a node type of this graph`);
  return { typename, key };
}
