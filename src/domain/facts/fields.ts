import { z } from 'zod';
import { Label, Prose } from '../scalars.ts';
import { type Codec, changeCodec, moneyCodec, periodCodec, quantityCodec, stringCodec } from './codecs.ts';

/** One optional field of a fact. */
export interface FactFieldSpec {
  codec: Codec<z.ZodType, unknown>;
  /** Only the kinds that list it carry it; otherwise every kind does. */
  value: boolean;
  /** The GraphQL field's name (`money` is exposed as `amount`). */
  api: string;
  /** The GraphQL field's description. */
  description?: string;
}

/**
 * The optional fields of a fact, in import-line order: what each is called in the import format, which codec
 * stores it, what the API calls it and says about it, and whether every kind carries it or only the kinds whose
 * row in src/domain/facts/kinds.ts lists it (`value` fields: no money on a Claim).
 */

const conversion = moneyCodec('conversion');

export const FACT_FIELDS = {
  /** Metric for figures and forecasts, e.g. capex, revenue, cash_reserves, shipments. */
  metric: {
    codec: stringCodec(
      'metric',
      z
        .string()
        .regex(/^[a-z][a-z0-9_]*$/)
        .max(60),
    ),
    value: true,
    api: 'metric',
    description: 'e.g. capex, cloud_revenue, cash_reserves.',
  },
  money: { codec: moneyCodec('amount', conversion), value: true, api: 'amount' },
  /** The source's own conversion of `money`, stored as reported (e.g. "$7 billion"). */
  reportedConversion: {
    codec: conversion,
    value: true,
    api: 'reportedConversion',
    description: 'The source’s own conversion of the amount (e.g. "$7 billion"), stored as reported.',
  },
  change: { codec: changeCodec, value: true, api: 'change' },
  /** Non-money quantity, e.g. units shipped. */
  quantity: { codec: quantityCodec, value: true, api: 'quantity' },
  /** Price per unit (forecasts, procurement). */
  unitPrice: { codec: moneyCodec('price'), value: true, api: 'unitPrice', description: 'Price per unit.' },
  period: { codec: periodCodec, value: false, api: 'period' },
  /** Verbatim text for quotes; paraphrase for claims. */
  text: { codec: stringCodec('text', Prose(4000)), value: true, api: 'text' },
  /** Role, title or status words, e.g. "CEO", "restricted", "designed_to_comply". */
  role: {
    codec: stringCodec('role', Label(200, 0)),
    value: true,
    api: 'role',
    description: 'Title or role as reported.',
  },
  status: { codec: stringCodec('status', Label(100, 0)), value: true, api: 'status' },
  /** Who the source attributes the fact to when not a graph entity ("sources familiar with the matter"). */
  attribution: {
    codec: stringCodec('attribution', Label(300, 0)),
    value: false,
    api: 'attribution',
    description: 'Who the source credits when not an entity.',
  },
  note: { codec: stringCodec('note', Prose(2000)), value: false, api: 'note' },
} as const satisfies Record<string, FactFieldSpec>;

export type FactField = keyof typeof FACT_FIELDS;
export const FACT_FIELD_NAMES = Object.keys(FACT_FIELDS) as FactField[];

/** The fields only some kinds carry (each kind's row in kinds.ts lists which). */
export const VALUE_FIELDS = FACT_FIELD_NAMES.filter((f) => FACT_FIELDS[f].value) as ValueField[];
export type ValueField = {
  [F in FactField]: (typeof FACT_FIELDS)[F]['value'] extends true ? F : never;
}[FactField];

/** A field's input type, as the import line (validated, defaults applied) holds it. */
export type FactFieldInput<F extends FactField> = z.output<(typeof FACT_FIELDS)[F]['codec']['input']>;
/** A field's API value. */
export type FactFieldValue<F extends FactField> = NonNullable<ReturnType<(typeof FACT_FIELDS)[F]['codec']['api']>>;

/** A field's row, typed as the general spec. */
export const factField = (field: FactField): FactFieldSpec => FACT_FIELDS[field];

/** The API value of one field of a stored fact (null when the fact does not hold it). */
export function factValue<F extends FactField>(stored: Readonly<Record<string, unknown>>, field: F) {
  return FACT_FIELDS[field].codec.api(stored) as FactFieldValue<F> | null;
}
