import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../examples/app/codegen.ts';

/**
 * `npm run app:codegen`: generates the app example's typed client (examples/app/src/gql, not committed) from
 * schema/schema.graphql and its operations, and writes their manifest to schema/trusted-documents.json — the
 * trusted documents the service accepts (TRUSTED_DOCUMENTS_ONLY), keyed by the sha256 of each document.
 * Fails when an operation does not validate against the schema.
 */
export const APP_DIR = resolve(import.meta.dirname, '../examples/app');
export const TRUSTED_DOCUMENTS = resolve(import.meta.dirname, '../schema/trusted-documents.json');

/** Runs graphql-codegen for the example and returns the manifest it wrote (id → document). */
export async function generateAppClient(): Promise<Record<string, string>> {
  await generate({ ...config, cwd: APP_DIR, silent: true, errorsOnly: true }, true);
  return JSON.parse(readFileSync(join(APP_DIR, 'src/gql/persisted-documents.json'), 'utf8'));
}

/** The manifest as committed: stable key order, one document per key, a final newline. */
export const manifestText = (manifest: Record<string, string>) =>
  `${JSON.stringify(Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;

if (import.meta.main) {
  const manifest = await generateAppClient();
  writeFileSync(TRUSTED_DOCUMENTS, manifestText(manifest));
  console.log(`${Object.keys(manifest).length} trusted documents → ${TRUSTED_DOCUMENTS}`);
}
