import type { AssertionInput } from './format.ts';

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
