import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';

const PAGES = {
  curators: statement('export/curators'),
  rules: statement('export/rules'),
  entities: statement('export/entities'),
  sources: statement('export/sources'),
  links: statement('export/links'),
  assertions: statement('export/assertions'),
};

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

/** Keyset-paged reads of the whole graph for `npm run export`; each page is its own short read transaction. */
export function exportRepository(db: DbScope) {
  return {
    async *pages<K extends keyof RowTypes>(what: K, pageSize = 2000): AsyncGenerator<RowTypes[K][]> {
      let after = '';
      for (;;) {
        const rows = await db.read<RowTypes[K]>(PAGES[what], { after, limit: int(pageSize) });
        if (!rows.length) return;
        yield rows;
        after = rows[rows.length - 1]!.key;
        if (rows.length < pageSize) return;
      }
    },
  };
}
