import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MigrationsConfig } from '../config/index.ts';
import type { DbScope } from '../db/database.ts';
import { CYPHER_DIR } from '../db/statements.ts';
import { systemRepository } from '../repositories/system.ts';
import { importNdjson } from './import/importer.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, type MigrationOptions, updateSchema } from './migrations.ts';

/** The seed article's facts in the import format (see docs/data-model.md). */
export const SEED_FILE = `${CYPHER_DIR}/seed/article.ndjson`;

/**
 * Full texts of the seed's sources, kept in the repository byte for byte. The loader attaches each
 * to its source line, so the import checks the file against the line's contentHash and every
 * snippet of the source against the text.
 */
export const SEED_ARTICLE = resolve(CYPHER_DIR, '../data/seed/article.txt');
export const SEED_TEXTS: Readonly<Record<string, string>> = {
  'source:panfinance-chinese-tech-giants-ai-investment': SEED_ARTICLE,
};

/** The seed NDJSON with each source's full text attached (`text` on its line). */
export function seedNdjson(): string {
  return readFileSync(SEED_FILE, 'utf8')
    .split('\n')
    .map((raw) => {
      if (raw.trim() === '') return raw;
      const record = JSON.parse(raw) as { type?: string; key?: string };
      const file = record.type === 'source' && record.key ? SEED_TEXTS[record.key] : undefined;
      return file ? JSON.stringify({ ...record, text: readFileSync(file, 'utf8') }) : raw;
    })
    .join('\n');
}

/** Migrations, constraints and indexes, then the seed dataset. Safe to run any number of times. */
export async function applySchemaAndSeed(
  db: DbScope,
  migrations: MigrationOptions = { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS },
) {
  await updateSchema(db, migrations);
  return importNdjson(db, seedNdjson());
}

/** Migrations, constraints and indexes; the seed only into a graph that has no entities yet. */
export async function prepareDatabase(
  db: DbScope,
  options: { seedWhenEmpty: boolean; migrations: MigrationsConfig; log?: MigrationOptions['log'] },
) {
  const { onStart, lockTimeoutMs } = options.migrations;
  await updateSchema(db, { apply: onStart, lockTimeoutMs, log: options.log });
  const { entities } = await systemRepository(db).counts();
  if (options.seedWhenEmpty && entities === 0) return importNdjson(db, seedNdjson());
  return null;
}
