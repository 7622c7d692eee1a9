import type { DbScope } from '../db/database.ts';
import { type Statement, statement } from '../db/statements.ts';
import { int } from '../db/values.ts';

const PAGES = {
  curators: statement('export/curators'),
  rules: statement('export/rules'),
  entities: statement('export/entities'),
  sources: statement('export/sources'),
  links: statement('export/links'),
  assertions: statement('export/assertions'),
};
const ASSERTIONS_OF_KIND = statement('export/assertions-of-kind');

type Props = Record<string, unknown>;
export interface EntityExportRow {
  key: string;
  kind: string;
  props: Props;
}
export interface SourceExportRow {
  key: string;
  props: Props;
  publisher: string | null;
  /** The stored full text (SourceText), if any. */
  text?: string | null;
}
export interface LinkExportRow {
  key: string;
  links: {
    rel: string;
    to: string;
    sourceKeys: string[] | null;
    snippets: string[] | null;
    starts: number[] | null;
    ends: number[] | null;
    locators: string[] | null;
  }[];
}
export interface SupportExportRow {
  source: string;
  snippet: string;
  start: number | null;
  end: number | null;
  locator: string | null;
  position: number | null;
}
export interface AssertionExportRow {
  key: string;
  props: Props;
  roles: { type: string; key: string; position: number | null }[];
  sources: SupportExportRow[];
}
export interface CuratorExportRow {
  key: string;
  props: Props;
}
export interface RuleExportRow {
  key: string;
  props: Props;
  sources: SupportExportRow[];
}

interface RowTypes {
  curators: CuratorExportRow;
  rules: RuleExportRow;
  entities: EntityExportRow;
  sources: SourceExportRow;
  links: LinkExportRow;
  assertions: AssertionExportRow;
}

async function* keyset<T extends { key: string }>(
  db: DbScope,
  page: Statement,
  params: Record<string, unknown>,
  pageSize: number,
): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const rows = await db.read<T>(page, { ...params, after, limit: int(pageSize) });
    if (!rows.length) return;
    yield rows;
    after = rows[rows.length - 1]!.key;
    if (rows.length < pageSize) return;
  }
}

/**
 * Keyset-paged reads of the whole graph for the exports (`npm run export`, `npm run dump`, GET /export/…): each page
 * is its own short read statement, so no connection or transaction is held between pages, however slowly the
 * consumer reads.
 */
export function exportRepository(db: DbScope) {
  return {
    pages<K extends keyof RowTypes>(what: K, pageSize = 2000): AsyncGenerator<RowTypes[K][]> {
      return keyset<RowTypes[K]>(db, PAGES[what], {}, pageSize);
    },
    /** The assertions of one kind, in key order. */
    assertionsOfKind(kind: string, pageSize = 2000): AsyncGenerator<AssertionExportRow[]> {
      return keyset<AssertionExportRow>(db, ASSERTIONS_OF_KIND, { kind }, pageSize);
    },
  };
}
