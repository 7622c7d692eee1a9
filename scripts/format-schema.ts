import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { FORMAT_VERSION, ImportLine } from '../src/domain/format.ts';

/**
 * npm run format:schema — writes docs/import-format.schema.json from the zod schema (the source
 * of truth). A test fails when the committed file is out of date.
 */
export function formatJsonSchema() {
  const schema = z.toJSONSchema(ImportLine, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://github.com/ai-infra-graph/import-format/v${FORMAT_VERSION}.schema.json`,
    title: `AI-infrastructure knowledge graph import line, format version ${FORMAT_VERSION}`,
    description:
      'One NDJSON line: an entity, a source, a timeless link or an assertion. Generated from src/domain/format.ts ' +
      'by `npm run format:schema`; see docs/import-format.md. Checks that JSON Schema cannot express ' +
      '(ranges need lower and upper, lower ≤ amount ≤ upper compared exactly, start/end match the snippet length, ' +
      'money decimals per currency, real calendar dates, the sign rule per metric, which value fields each kind ' +
      'carries, no control or bidi characters, snippets found in a source’s stored text, references resolve) are ' +
      'made by the importer. Currencies: the ISO 4217 table in src/domain/currencies.ts (listed as `enum`).',
  };
}

export const SCHEMA_FILE = resolve(import.meta.dirname, '../docs/import-format.schema.json');

if (import.meta.main) {
  writeFileSync(SCHEMA_FILE, `${JSON.stringify(formatJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${SCHEMA_FILE}`);
}
