/**
 * The one rule for characters in text the graph stores. Names, keys, aliases, titles, summaries and
 * other one-line labels may hold no control character (C0 U+0000–U+001F including NUL, BEL, ESC,
 * TAB and line breaks; DEL U+007F; C1 U+0080–U+009F) and no bidirectional override or isolate
 * (U+202A–U+202E, U+2066–U+2069), which can make a name display as something else.
 * Longer prose (descriptions, notes, quotes, snippets, a source's full text) may also hold TAB, LF
 * and CR, and nothing else of the above.
 */
const LINE_BREAKS_AND_TAB = new Set([0x09, 0x0a, 0x0d]);

const isControl = (cp: number) => cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f);
const isBidiControl = (cp: number) => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);

export type TextKind = 'label' | 'prose';

/** The first character `text` may not hold, with its position (UTF-16 index), or null. */
export function forbiddenCharacter(text: string, kind: TextKind): { index: number; codePoint: string } | null {
  for (let index = 0; index < text.length; index += 1) {
    const cp = text.charCodeAt(index);
    if (kind === 'prose' && LINE_BREAKS_AND_TAB.has(cp)) continue;
    if (isControl(cp) || isBidiControl(cp)) {
      return { index, codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` };
    }
  }
  return null;
}

export function forbiddenCharacterMessage(text: string, kind: TextKind): string | null {
  const found = forbiddenCharacter(text, kind);
  if (!found) return null;
  const what = isBidiControl(Number.parseInt(found.codePoint.slice(2), 16))
    ? 'a bidirectional override or isolate'
    : 'a control character';
  return `holds ${found.codePoint} (${what}) at position ${found.index}; ${
    kind === 'label' ? 'names, keys, aliases, titles and labels' : 'text'
  } may not hold control characters${kind === 'prose' ? ' other than tab and line breaks' : ''} or bidi overrides/isolates`;
}
