import { readFileSync } from 'node:fs';
import type { DbScope } from '../db/database.ts';
import { CYPHER_DIR } from '../db/statements.ts';
import { schemaRepository } from '../repositories/schema.ts';
import { systemRepository } from '../repositories/system.ts';
import { importNdjson } from './importer.ts';

/** The seed article's facts in the import format (see docs/data-model.md). */
export const SEED_FILE = `${CYPHER_DIR}/seed/article.ndjson`;

/** Applies constraints and indexes, then the seed dataset. Safe to run any number of times. */
export async function applySchemaAndSeed(db: DbScope) {
  await schemaRepository(db).apply();
  return importNdjson(db, readFileSync(SEED_FILE, 'utf8'));
}

/** Applies the schema; loads the seed only into a graph that has no entities yet. */
export async function prepareDatabase(db: DbScope, seedWhenEmpty: boolean) {
  await schemaRepository(db).apply();
  const { entities } = await systemRepository(db).counts();
  if (seedWhenEmpty && entities === 0) return importNdjson(db, readFileSync(SEED_FILE, 'utf8'));
  return null;
}
