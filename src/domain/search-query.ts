import { badInput } from './errors.ts';
import type { EntityKind } from './format.ts';
import { KIND_WORDS, SEARCH_SYNONYMS, STOP_WORDS, singular } from './search-words.ts';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const escapeLucene = (w: string) => w.replace(LUCENE_SPECIAL, '\\$&');
const quoted = (phrase: string) => `"${phrase.replace(/["\\]/g, '\\$&')}"`;

/** What `search` asks the full-text indexes, built from the user's text (never Lucene syntax from the user). */
export interface SearchPlan {
  /** Every word (or one of its variants) must match; quoted phrases as phrases; the whole text as a phrase ranks higher. */
  strict: string;
  /** Any word may match: asked only when `strict` finds nothing. Null when it would ask the same. */
  loose: string | null;
  /** The text as an alias key (NFKC, lower case, trimmed): a hit whose name or alias is exactly this ranks first. */
  exact: string;
  /** Entity kinds the text names ("data centres" → DataCenter): ranked before other hits. */
  kindHints: EntityKind[];
  /** Per word or phrase of the text, the forms that count as a match (lower case), for highlighting. */
  terms: string[][];
}

const synonymsOf = (word: string): string[] => {
  const base = singular(word);
  const group = SEARCH_SYNONYMS.find((g) => g.includes(base) || g.includes(word));
  return [...new Set([word, base, ...(group ?? [])])];
};

/** One word's clause: the word, its singular and its variants as terms (phrases for multi-word variants), and a prefix. */
const wordClause = (forms: string[], prefix: string | null) => {
  const parts = forms.map((f) => (f.includes(' ') ? quoted(f) : escapeLucene(f)));
  if (prefix !== null && prefix.length > 1 && !/^\d+$/.test(prefix)) parts.push(`${escapeLucene(prefix)}*`);
  return `(${[...new Set(parts)].join(' OR ')})`;
};

/**
 * Turns user text into a SearchPlan: words are matched as words (stemmed by the index's English analyzer), as a
 * prefix (so "alibab" finds Alibaba) and through SEARCH_SYNONYMS; "quoted phrases" as phrases; English stop words are
 * left out (a query of stop words only is BAD_USER_INPUT: nothing could match it). At most 16 words and 200 characters.
 */
export function searchPlan(text: string): SearchPlan {
  const normal = text.normalize('NFKC').trim();
  if (normal.length === 0 || text.length > 200) {
    throw badInput('search query must have 1 to 16 words and at most 200 characters', { limit: 'SEARCH_QUERY' });
  }
  const phrases = [...normal.matchAll(/"([^"]+)"/g)].map((m) => (m[1] ?? '').toLowerCase().trim()).filter(Boolean);
  const rest = normal.replace(/"[^"]*"/g, ' ').toLowerCase();
  let words = rest
    .split(/[\s,;]+/)
    .map((w) => w.replace(/^[.!?'\u2019()]+|[.!?'\u2019()]+$/g, ''))
    .filter((w) => w.length > 0);
  const meaningful = words.filter((w) => !STOP_WORDS.has(w));
  if (meaningful.length === 0 && words.length > 0 && phrases.length === 0) {
    // The English analyzer indexes no stop word, so such a query could never match: say so instead of answering [].
    throw badInput(`search query has no word to search for: ${words.join(', ')} are too common to be indexed`, {
      limit: 'SEARCH_QUERY',
    });
  }
  words = meaningful;
  if (words.length + phrases.length === 0 || words.length + phrases.length > 16) {
    throw badInput('search query must have 1 to 16 words and at most 200 characters', { limit: 'SEARCH_QUERY' });
  }

  // Kind words ("data centres") hint a kind; they stay optional while other words or phrases remain.
  const kindHints: EntityKind[] = [];
  const kindWordIndexes = new Set<number>();
  const singulars = words.map(singular);
  for (const { words: names, kind } of KIND_WORDS) {
    for (const name of names) {
      const parts = name.split(' ');
      for (let i = 0; i + parts.length <= singulars.length; i++) {
        if (parts.every((p, j) => singulars[i + j] === p)) {
          if (!kindHints.includes(kind)) kindHints.push(kind);
          for (let j = 0; j < parts.length; j++) kindWordIndexes.add(i + j);
        }
      }
    }
  }
  const hintOnly = kindWordIndexes.size < words.length || phrases.length > 0;

  const terms: string[][] = [];
  const required: string[] = [];
  const optional: string[] = [];
  words.forEach((word, i) => {
    const forms = synonymsOf(word);
    terms.push(forms);
    const clause = wordClause(forms, word);
    if (hintOnly && kindWordIndexes.has(i)) optional.push(clause);
    else required.push(clause);
  });
  for (const phrase of phrases) {
    terms.push([phrase]);
    required.push(quoted(phrase));
  }
  const whole = words.length > 1 ? [`${quoted(words.join(' '))}^4`] : [];
  const strict = [...required.map((c) => `+${c}`), ...optional, ...whole].join(' ');
  const loose = required.length > 1 ? [...required, ...optional, ...whole].join(' ') : null;
  return { strict, loose, exact: normal.toLowerCase(), kindHints, terms };
}
