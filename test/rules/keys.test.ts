import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/domain/cursor.ts';
import { derivedFactKey } from '../../src/domain/fact-key.ts';
import { decodeGlobalId, encodeGlobalId } from '../../src/domain/global-id.ts';
import { thrown } from './thrown.ts';

/**
 * Keys that clients keep: derived fact keys, global ids and cursors. The expected strings were produced outside
 * the code under test, with coreutils: `printf '%s' TEXT | base64 -w0 | tr '+/' '-_' | tr -d '='` for base64url
 * and `printf '%s' TEXT | sha256sum` for hashes.
 */
describe('derivedFactKey', () => {
  it('is fact:<kind in lower case>-<first 20 hex of the sha256 of the sorted-key JSON>', () => {
    // {"B":true,"a":"x","list":[{"y":2,"z":1},3,[]],"m":{"amount":"0","n":0,"s":""}}: keys in code-unit order
    // ("B" before "a"), at every depth; array order kept; null and undefined fields left out; the key field ignored.
    const content = {
      m: { s: '', n: 0, amount: '0', gone: null },
      list: [{ z: 1, y: 2 }, 3, []],
      a: 'x',
      B: true,
      key: 'fact:given-by-the-caller',
      dropped: undefined,
      alsoDropped: null,
    };
    expect(derivedFactKey('FinancialFigure', content)).toBe('fact:financialfigure-b6f94ba59afc447b83bc');
  });

  it('names equal content equally, whatever the field order; any difference is another fact', () => {
    expect(derivedFactKey('Claim', { summary: 'Alibaba capex' })).toBe('fact:claim-badf433ab74eb92651f3');
    expect(derivedFactKey('Claim', { summary: 'alibaba capex' })).toBe('fact:claim-9875f8cdbc9e53871d51');
    expect(derivedFactKey('Quote', {})).toBe('fact:quote-44136fa355b3678a1146');
    expect(derivedFactKey('Quote', { key: 'fact:x', note: null })).toBe('fact:quote-44136fa355b3678a1146');
    const one = derivedFactKey('Claim', { roles: { SUBJECT: ['company:a'], OBJECT: ['company:b'] }, summary: 's' });
    const same = derivedFactKey('Claim', { summary: 's', roles: { OBJECT: ['company:b'], SUBJECT: ['company:a'] } });
    const swapped = derivedFactKey('Claim', { summary: 's', roles: { SUBJECT: ['company:b'], OBJECT: ['company:a'] } });
    const reordered = derivedFactKey('Claim', { summary: 's', roles: { SUBJECT: ['company:b', 'company:a'] } });
    const inOrder = derivedFactKey('Claim', { summary: 's', roles: { SUBJECT: ['company:a', 'company:b'] } });
    expect(same).toBe(one);
    expect(new Set([one, swapped, reordered, inOrder]).size).toBe(4);
  });
});

describe('global ids', () => {
  const TYPES = new Set(['Company', 'Person', 'Chip']);

  it('are base64url of "Typename:key" and decode back, the key keeping its own colons', () => {
    expect(encodeGlobalId('Company', 'company:alibaba')).toBe('Q29tcGFueTpjb21wYW55OmFsaWJhYmE');
    expect(encodeGlobalId('Person', 'person:li-qiang')).toBe('UGVyc29uOnBlcnNvbjpsaS1xaWFuZw');
    expect(encodeGlobalId('Chip', 'chip:h20?>')).toBe('Q2hpcDpjaGlwOmgyMD8-');
    expect(decodeGlobalId('Q29tcGFueTpjb21wYW55OmFsaWJhYmE', TYPES)).toEqual({
      typename: 'Company',
      key: 'company:alibaba',
    });
    expect(decodeGlobalId('Q2hpcDpjaGlwOmgyMD8-', TYPES)).toEqual({ typename: 'Chip', key: 'chip:h20?>' });
  });

  it('refuses what is not base64url, or longer than 600 characters', () => {
    for (const id of ['', 'Q29tcGFueTpjb21wYW55OmFsaWJhYmE=', 'Q2hpcDpjaGlwOmgyMD8+', 'a b', 'é']) {
      const error = thrown(() => decodeGlobalId(id, TYPES));
      expect(error.code).toBe('INVALID_ID');
      expect(error.message).toBe(`Invalid id "${id}": not a global id`);
      expect(error.details).toEqual({ id });
    }
    // Node's base64url decoder skips characters outside its alphabet, so these would otherwise decode to the same
    // entity as Q29tcGFueTpjb21wYW55OmFsaWJhYmE: an entity has one id, never look-alikes of it.
    for (const id of [' Q29tcGFueTpjb21wYW55OmFsaWJhYmE', '.Q29tcGFueTpjb21wYW55OmFsaWJhYmE'])
      expect(thrown(() => decodeGlobalId(id, TYPES)).message).toBe(`Invalid id "${id}": not a global id`);
    // "Company:" and a key of 442 letters are 450 bytes, exactly 600 base64url characters; one more letter is 602.
    const longest = encodeGlobalId('Company', 'a'.repeat(442));
    expect(longest).toHaveLength(600);
    expect(decodeGlobalId(longest, TYPES)).toEqual({ typename: 'Company', key: 'a'.repeat(442) });
    const tooLong = encodeGlobalId('Company', 'a'.repeat(443));
    expect(thrown(() => decodeGlobalId(tooLong, TYPES)).message).toBe(`Invalid id "${tooLong}": not a global id`);
  });

  it('refuses a text without a type, without a key, or without a colon', () => {
    // "Company", ":company:x", "Company:"
    for (const id of ['Q29tcGFueQ', 'OmNvbXBhbnk6eA', 'Q29tcGFueTo']) {
      expect(thrown(() => decodeGlobalId(id, TYPES)).message).toBe(`Invalid id "${id}": not a global id`);
    }
  });

  it('refuses a type that is not a node type of the graph, naming it', () => {
    const error = thrown(() => decodeGlobalId('Rm9vOng', TYPES)); // "Foo:x"
    expect(error.code).toBe('INVALID_ID');
    expect(error.message).toBe('Invalid id "Rm9vOng": type "Foo" is not a node type of this graph');
  });
});

describe('cursors', () => {
  it('are base64url JSON of the last row’s ordering values, and decode back', () => {
    expect(encodeCursor(['Alibaba', 'company:alibaba'])).toBe('WyJBbGliYWJhIiwiY29tcGFueTphbGliYWJhIl0');
    expect(decodeCursor('WyJBbGliYWJhIiwiY29tcGFueTphbGliYWJhIl0', 2)).toEqual(['Alibaba', 'company:alibaba']);
    expect(decodeCursor('WyJ4Il0', 1)).toEqual(['x']);
  });

  it('refuses a cursor of another arity, with numbers, not an array, or not JSON: BAD_USER_INPUT, BAD_CURSOR', () => {
    // ["a","b","c"] for arity 2, [1,"x"], {"a":"x"}, "not json"
    for (const [cursor, arity] of [
      ['WyJhIiwiYiIsImMiXQ', 2],
      ['WyJ4Il0', 2],
      ['WzEsIngiXQ', 2],
      ['eyJhIjoieCJ9', 1],
      ['bm90IGpzb24', 1],
    ] as const) {
      const error = thrown(() => decodeCursor(cursor, arity));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toBe(`Invalid cursor "${cursor}": pass an endCursor this API returned`);
      expect(error.details).toEqual({ code: 'BAD_CURSOR' });
    }
  });

  it('quotes at most the first 80 characters of a bad cursor', () => {
    const long = `${'A'.repeat(80)}BBBB`;
    expect(thrown(() => decodeCursor(long, 2)).message).toBe(
      `Invalid cursor "${'A'.repeat(80)}": pass an endCursor this API returned`,
    );
  });
});
