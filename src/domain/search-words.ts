import type { EntityKind } from './format.ts';

/**
 * The words search treats alike: British and American spellings, currency names and codes, number words and their
 * abbreviations. Each group's words are searched together, so "centres" finds "center", "yuan" finds "CNY" and
 * "billion" finds "bn". Lower case, singular; a plural is matched through its singular.
 */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['centre', 'center'],
  ['datacentre', 'datacenter'],
  ['organisation', 'organization'],
  ['programme', 'program'],
  ['signalling', 'signaling'],
  ['emphasise', 'emphasize'],
  ['emphasised', 'emphasized'],
  ['licence', 'license'],
  ['defence', 'defense'],
  ['analyse', 'analyze'],
  ['yuan', 'cny', 'rmb', 'renminbi'],
  ['dollar', 'usd'],
  ['euro', 'eur'],
  ['billion', 'bn'],
  ['million', 'mn'],
  ['percent', '%'],
  ['capex', 'capital expenditure'],
];

/**
 * Words that name an entity kind. A query naming one ("Malaysia data centres") ranks that kind first, and the words
 * themselves need not occur in a hit when other words remain ("Malaysia" must).
 */
export const KIND_WORDS: readonly { words: readonly string[]; kind: EntityKind }[] = [
  { words: ['data centre', 'data center', 'datacentre', 'datacenter'], kind: 'DataCenter' },
  { words: ['chip', 'gpu', 'accelerator'], kind: 'Chip' },
  { words: ['company'], kind: 'Company' },
  { words: ['person', 'people'], kind: 'Person' },
  { words: ['place', 'country'], kind: 'Place' },
  { words: ['regulation', 'export control'], kind: 'Regulation' },
];

/** Lucene's English stop words (the `english` analyzer drops them; a query of only these keeps them). */
export const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
]);

/** A light English singular: centres → centre, companies → company, processes → process. Not a full stemmer. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}
