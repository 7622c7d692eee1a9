/**
 * Checks the seed dataset cypher/seed/article.ndjson against the import format and the article text.
 * Run: npx node scripts/check-seed.ts   (exit code 1 on any problem)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImportLine, type ImportRecord } from '../src/domain/format.ts';
import { SEED_ARTICLE } from '../src/services/seed.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const articlePath = SEED_ARTICLE;
const seedPath = path.resolve(projectRoot, 'cypher/seed/article.ndjson');

const articleBytes = readFileSync(articlePath);
const article = articleBytes.toString('utf8');
const articleHash = `sha256:${createHash('sha256').update(articleBytes).digest('hex')}`;

const errors: string[] = [];
const warnings: string[] = [];
const records: { line: number; rec: ImportRecord }[] = [];

const rawLines = readFileSync(seedPath, 'utf8').split('\n');
rawLines.forEach((raw, i) => {
  const line = i + 1;
  if (raw.trim() === '') return;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    errors.push(`line ${line}: invalid JSON (${(e as Error).message})`);
    return;
  }
  const parsed = ImportLine.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors.push(`line ${line}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return;
  }
  records.push({ line, rec: parsed.data });
});

// Declared keys (and duplicates)
const entityKeys = new Set<string>();
const sourceKeys = new Set<string>();
const seen = new Map<string, number>();
for (const { line, rec } of records) {
  if (rec.type === 'link') continue;
  const prev = seen.get(rec.key);
  if (prev !== undefined) errors.push(`line ${line}: duplicate key ${rec.key} (first on line ${prev})`);
  seen.set(rec.key, line);
  if (rec.type === 'entity') entityKeys.add(rec.key);
  if (rec.type === 'source') sourceKeys.add(rec.key);
}

// Line order: curators, entities, sources, links, rules, assertions
const ORDER = ['curator', 'entity', 'source', 'link', 'rule', 'assertion'] as const;
let lastRank = 0;
for (const { line, rec } of records) {
  const rank = ORDER.indexOf(rec.type);
  if (rank < lastRank) errors.push(`line ${line}: ${rec.type} after ${ORDER[lastRank]} (order is ${ORDER.join(', ')})`);
  lastRank = Math.max(lastRank, rank);
}

const needEntity = (line: number, key: string, what: string) => {
  if (!entityKeys.has(key)) errors.push(`line ${line}: ${what} ${key} is not declared as an entity`);
};

/** Snippets must be the article's words at their offsets (facts, links, rules alike). */
const checkRefs = (
  line: number,
  owner: string,
  refs: { source: string; snippet: string; start?: number; end?: number }[],
) => {
  for (const ref of refs) {
    if (!sourceKeys.has(ref.source)) errors.push(`line ${line}: ${owner}: source ${ref.source} not declared`);
    if (ref.start === undefined || ref.end === undefined) {
      errors.push(`line ${line}: ${owner}: snippet without start/end`);
      continue;
    }
    const actual = article.slice(ref.start, ref.end);
    if (actual !== ref.snippet) {
      const at = article.indexOf(ref.snippet);
      errors.push(
        `line ${line}: ${owner}: snippet != article[${ref.start},${ref.end})` +
          (at >= 0 ? ` (found at ${at})` : ' (not found in the article)'),
      );
    } else if (article.indexOf(ref.snippet) !== ref.start) {
      warnings.push(`line ${line}: ${owner}: snippet also occurs earlier, at ${article.indexOf(ref.snippet)}`);
    }
  }
};
/** Verbatim texts must be the article's words at their offsets. */
const checkVerbatim = (
  line: number,
  owner: string,
  rec: Record<string, unknown>,
  spans: { field: string; start: number; end: number }[] | undefined,
) => {
  for (const span of spans ?? []) {
    if (article.slice(span.start, span.end) !== rec[span.field])
      errors.push(`line ${line}: ${owner}: verbatim ${span.field} != article[${span.start},${span.end})`);
  }
};

const counts = new Map<string, number>();
const bump = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
const links = new Set<string>();

for (const { line, rec } of records) {
  switch (rec.type) {
    case 'curator':
      bump('curator');
      break;
    case 'rule':
      bump('rule');
      checkRefs(line, rec.key, rec.sources);
      for (const k of [rec.regulation, rec.jurisdiction, ...rec.context])
        if (k) needEntity(line, k, `${rec.key} place`);
      break;
    case 'entity':
      bump(`entity:${rec.kind}`);
      checkVerbatim(line, rec.key, rec, rec.verbatim);
      break;
    case 'source':
      bump('source');
      if (rec.publisher) needEntity(line, rec.publisher, 'publisher');
      if (rec.contentHash !== articleHash) {
        errors.push(`line ${line}: contentHash ${rec.contentHash ?? '(missing)'} != ${articleHash}`);
      }
      break;
    case 'link': {
      bump(`link:${rec.rel}`);
      needEntity(line, rec.from, `${rec.rel} from`);
      needEntity(line, rec.to, `${rec.rel} to`);
      const id = `${rec.from} ${rec.rel} ${rec.to}`;
      if (links.has(id)) errors.push(`line ${line}: duplicate link ${id}`);
      links.add(id);
      checkRefs(line, id, rec.sources);
      break;
    }
    case 'assertion': {
      bump(`assertion:${rec.kind}`);
      if (rec.mode === 'derived') errors.push(`line ${line}: ${rec.key}: the seed must not contain derived assertions`);
      for (const [role, keys] of Object.entries(rec.roles)) {
        for (const k of keys) needEntity(line, k, `${rec.key} role ${role}`);
      }
      checkRefs(line, rec.key, rec.sources);
      checkVerbatim(line, rec.key, rec, rec.verbatim);
      break;
    }
  }
}

const sorted = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
const total = (prefix: string) => sorted.filter(([k]) => k.startsWith(prefix)).reduce((n, [, c]) => n + c, 0);
console.log(`seed: ${path.relative(projectRoot, seedPath)} (${records.length} valid lines)`);
for (const [k, c] of sorted) console.log(`  ${k.padEnd(32)} ${c}`);
console.log(
  `  totals: curators ${total('curator')}, entities ${total('entity:')}, sources ${total('source')}, ` +
    `links ${total('link:')}, rules ${total('rule')}, assertions ${total('assertion:')}`,
);
for (const w of warnings) console.warn(`warning: ${w}`);
if (errors.length > 0) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`FAILED: ${errors.length} error(s)`);
  process.exit(1);
}
console.log('OK: all lines valid, snippets match the article, keys declared, content hash matches');
