import type { Reader } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';

const CURATORS = statement('curators/by-keys');
const RULES = statement('rules/by-keys');
const RULE_KEYS = statement('rules/keys');
const LINK_SOURCES = statement('entities/link-sources');

export interface CuratorRow {
  key: string;
  name: string;
  note: string | null;
}

export interface CitationRow {
  sourceKey: string;
  snippet: string;
  start: number | null;
  end: number | null;
  locator: string | null;
  verified: boolean | null;
  position: number | null;
}

export interface RuleRow {
  key: string;
  name: string;
  statement: string;
  regulation: string | null;
  jurisdiction: string | null;
  context: string[] | null;
  limits: string | null;
  curator: string | null;
  sources: CitationRow[];
}

/** A timeless link with its sources as stored: parallel lists (-1 and "" where a citation has no offsets or locator). */
export interface LinkRow {
  type: string;
  fromKey: string;
  toKey: string;
  sourceKeys: string[];
  snippets: string[];
  starts: number[];
  ends: number[];
  locators: string[];
}

/** Who wrote the editorial texts, the inference rules, and the sources of timeless links. */
export function provenanceRepository(db: Reader) {
  const byKeys = async <T>(name: ReturnType<typeof statement>, field: string, keys: readonly string[]) => {
    const rows = await db.read<Record<string, unknown>>(name, { keys });
    const found = new Map(rows.map((r) => [String(r.requested), (r[field] ?? null) as T | null]));
    return keys.map((k) => found.get(k) ?? null);
  };
  return {
    curators: (keys: readonly string[]) => byKeys<CuratorRow>(CURATORS, 'curator', keys),
    rules: (keys: readonly string[]) => byKeys<RuleRow>(RULES, 'rule', keys),
    async ruleKeys(limit: number): Promise<string[]> {
      return (await db.read<{ key: string }>(RULE_KEYS, { limit: int(limit) })).map((r) => r.key);
    },
    async links(keys: readonly string[], limit: number): Promise<LinkRow[][]> {
      const rows = await db.read<{ key: string; links: LinkRow[] }>(LINK_SOURCES, { keys, limit: int(limit) });
      const found = new Map(rows.map((r) => [r.key, r.links]));
      return keys.map((k) => found.get(k) ?? []);
    },
  };
}
