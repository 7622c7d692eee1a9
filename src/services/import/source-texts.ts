import type { DbScope } from '../../db/database.ts';
import type { ImportRecord } from '../../domain/format.ts';
import { snippetProblems, verbatimProblems } from '../../domain/snippets.ts';
import { sha256Of } from '../../domain/text-hash.ts';
import { sourceTexts } from '../../repositories/source-texts.ts';
import type { Rejection } from './lines.ts';

/**
 * Snippet verification for imports (src/services/import/importer.ts). Pass 1 feeds every
 * valid record to `collect`; `resolve` then looks up the texts the graph already holds for the cited
 * sources and refuses a source line that would replace a stored text; `check` refuses an assertion
 * line whose snippet is not in a known text (one given in the file or stored in the graph).
 * Memory: the texts given in the file and the keys of the cited sources.
 */
export class SourceTextCheck {
  private readonly fileTexts = new Map<string, { text: string; line: number }>();
  private readonly cited = new Set<string>();
  private readonly rejected: Rejection[] = [];
  private texts = new Map<string, string>();
  /** Some line has a verbatim span (checked even when no text is known: it is then refused). */
  private spans = false;

  collect(record: ImportRecord, line: number) {
    if (record.type === 'source' && record.text !== undefined) {
      const earlier = this.fileTexts.get(record.key);
      if (earlier && earlier.text !== record.text) {
        this.rejected.push({
          line,
          reason: `text: source ${record.key} already has a different text on line ${earlier.line}`,
        });
      } else this.fileTexts.set(record.key, { text: record.text, line });
    }
    for (const key of citedBy(record)) this.cited.add(key);
    if ((record.type === 'assertion' || record.type === 'entity') && record.verbatim?.length) this.spans = true;
  }

  /** Rejections of source lines (a different text than the stored one); call once, after `collect`. */
  async resolve(db: DbScope): Promise<Rejection[]> {
    const storedHashes = await sourceTexts.read(db, [...this.fileTexts.keys()], false);
    for (const [key, { text, line }] of this.fileTexts) {
      const stored = storedHashes.get(key);
      if (stored && stored.sha256 !== sha256Of(text)) {
        this.rejected.push({
          line,
          reason: `text: source ${key} already holds a different text (${stored.sha256}); a source's text is set once`,
        });
      }
    }
    const fromGraph = await sourceTexts.read(
      db,
      [...this.cited].filter((k) => !this.fileTexts.has(k)),
      true,
    );
    this.texts = new Map([
      ...[...fromGraph].map(([k, v]) => [k, v.text ?? ''] as const),
      ...[...this.fileTexts].map(([k, v]) => [k, v.text] as const),
    ]);
    return this.rejected;
  }

  /** True when some assertion cites a source with a known text (otherwise `check` finds nothing). */
  get hasTexts() {
    return this.spans || [...this.cited].some((k) => this.texts.has(k));
  }

  /** A line whose snippets are not in a known text, or whose verbatim texts are not its source's words. */
  check(record: ImportRecord, line: number): Rejection | null {
    const problems: string[] = [];
    if (record.type === 'assertion' || record.type === 'link' || record.type === 'rule') {
      problems.push(...snippetProblems(record.sources, this.texts));
    }
    if (record.type === 'assertion' || record.type === 'entity') {
      problems.push(...verbatimProblems(record, record.verbatim, this.texts));
    }
    return problems.length ? { line, reason: problems.join('; ') } : null;
  }
}

/** The sources a line cites: by snippet (facts, links, rules) or by verbatim span (facts, entities). */
function citedBy(record: ImportRecord): string[] {
  switch (record.type) {
    case 'assertion':
      return [...record.sources.map((r) => r.source), ...(record.verbatim ?? []).map((s) => s.source)];
    case 'entity':
      return (record.verbatim ?? []).map((s) => s.source);
    case 'link':
    case 'rule':
      return record.sources.map((r) => r.source);
    default:
      return [];
  }
}
