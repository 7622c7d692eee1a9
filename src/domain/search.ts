const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A lenient Lucene query from the words of an entity key's local part (`place:malaysia` → malaysia), for suggesting
 * the nearest existing keys: any word may match, exactly, as a prefix or one edit away. Null when it has no words.
 */
export function keyWordsQuery(key: string): string | null {
  const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
  const words = local
    .normalize('NFKC')
    .split(/[\s\-_.:/]+/)
    .map((w) => w.replace(LUCENE_SPECIAL, '\\$&'))
    .filter((w) => w.length > 0 && w.length <= 40 && !/^(AND|OR|NOT|TO)$/.test(w))
    .slice(0, 8);
  if (words.length === 0 || key.length > 300) return null;
  return words.map((w) => (w.length > 3 ? `${w}^2 OR ${w}* OR ${w}~1` : `${w}^2 OR ${w}*`)).join(' OR ');
}

/**
 * The alias keys (as entityRow stores them: NFKC, lower case, trimmed) that a key argument may be meant as: the text
 * after a kind prefix, as given and with - and _ read as spaces. `alibaba` → [alibaba]; `place:malaysia` →
 * [malaysia]; `person:eddie-wu` → [eddie-wu, eddie wu].
 */
export function keyAsNames(key: string): string[] {
  const local = (key.includes(':') ? key.slice(key.indexOf(':') + 1) : key).normalize('NFKC').toLowerCase().trim();
  if (local.length === 0 || local.length > 300) return [];
  return [...new Set([local, local.replace(/[-_]+/g, ' ').trim()])];
}
