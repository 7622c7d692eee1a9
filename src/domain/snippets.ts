import type { AssertionInput, VerbatimSpan } from './format.ts';

/**
 * Snippet verification. A source whose full text the graph holds (Source -[:HAS_TEXT]-> SourceText)
 * is a known text: every snippet citing it must occur in it verbatim, and at `start`/`end` when
 * those are given. A snippet citing a source without stored text cannot be checked and is stored
 * as unverified (`verified: false` on the citation).
 */
export const quoteSnippet = (snippet: string) =>
  JSON.stringify(snippet.length > 80 ? `${snippet.slice(0, 77)}...` : snippet);

/** One message per snippet that is not where it says in a known text; `texts` maps source keys to their text. */
export function snippetProblems(
  sources: AssertionInput['sources'],
  texts: ReadonlyMap<string, string>,
  path = 'sources',
): string[] {
  return sources.flatMap((ref, i) => {
    const text = texts.get(ref.source);
    if (text === undefined) return [];
    const where = `${path}.${i}.snippet`;
    if (!text.includes(ref.snippet)) {
      return [`${where}: ${quoteSnippet(ref.snippet)} is not found verbatim in the stored text of ${ref.source}`];
    }
    if (ref.start !== undefined && text.slice(ref.start, ref.end) !== ref.snippet) {
      return [
        `${where}: ${quoteSnippet(ref.snippet)} is in the text of ${ref.source}, but not at ${ref.start}–${ref.end} (first at ${text.indexOf(ref.snippet)})`,
      ];
    }
    return [];
  });
}

/**
 * One message per verbatim span whose field is not the source's words at its offsets. A verbatim text needs a source
 * whose text the graph holds (given in the input or stored): it cannot be called verbatim unchecked.
 */
export function verbatimProblems(
  line: Readonly<Record<string, unknown>>,
  spans: readonly VerbatimSpan[] | undefined,
  texts: ReadonlyMap<string, string>,
): string[] {
  return (spans ?? []).flatMap((span, i) => {
    const where = `verbatim.${i} (${span.field})`;
    const value = line[span.field];
    const text = texts.get(span.source);
    if (text === undefined) {
      return [
        `${where}: the graph holds no text of ${span.source}, so the ${span.field} cannot be checked as verbatim`,
      ];
    }
    const words = text.slice(span.start, span.end);
    if (words === value) return [];
    const at = typeof value === 'string' ? text.indexOf(value) : -1;
    return [
      `${where}: ${quoteSnippet(String(value))} is not the text of ${span.source} at ${span.start}–${span.end} ` +
        `(${quoteSnippet(words)}${at >= 0 ? `; it is at ${at}–${at + String(value).length}` : '; it is nowhere in the text'})`,
    ];
  });
}
