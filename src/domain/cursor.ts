import { badInput } from './errors.ts';

/**
 * Keyset cursors: the ordering values of the last row seen (e.g. [name, key]), so any page costs
 * what the first page costs — no SKIP. Opaque to clients (base64url JSON).
 */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string')) return values;
  } catch {
    // fall through to the typed error
  }
  throw badInput(`Invalid cursor "${cursor.slice(0, 80)}": pass an endCursor this API returned`, {
    code: 'BAD_CURSOR',
  });
}
