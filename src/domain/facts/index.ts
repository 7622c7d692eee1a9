import type { z } from 'zod';
import type { StoredValue } from './codecs.ts';
import { FACT_FIELD_NAMES, FACT_FIELDS, type FactField, type FactFieldInput } from './fields.ts';

/** The fact model (docs/adding-a-fact-kind.md): value codecs, the fact fields, and the table of kinds. */
export * from './codecs.ts';
export * from './fields.ts';
export * from './kinds.ts';
export * from './statements.ts';

type Shape = { [F in FactField]: z.ZodOptional<(typeof FACT_FIELDS)[F]['codec']['input']> };

/** The fact fields of an import line, in line order, each optional. */
export const factFieldsShape = Object.fromEntries(
  FACT_FIELD_NAMES.map((f) => [f, FACT_FIELDS[f].codec.input.optional()]),
) as Shape;

export type FactFieldsInput = { [F in FactField]?: FactFieldInput<F> };

/** Input → the stored properties of every fact field (null where absent). */
export function storeFactFields(input: FactFieldsInput): Record<string, StoredValue> {
  return Object.assign(
    {},
    ...FACT_FIELD_NAMES.map((f) =>
      (FACT_FIELDS[f].codec.store as (v: unknown) => Record<string, StoredValue>)(input[f]),
    ),
  );
}

/** Stored properties → the fact fields of an import line, in line order, only those the fact holds. */
export function factFieldsLine(stored: Readonly<Record<string, unknown>>): FactFieldsInput {
  const line: Record<string, unknown> = {};
  for (const f of FACT_FIELD_NAMES) {
    const value = FACT_FIELDS[f].codec.line(stored);
    if (value !== undefined) line[f] = value;
  }
  return line as FactFieldsInput;
}
