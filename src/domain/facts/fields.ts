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
  /** The GraphQL field's description (also the mutation input's): what it is, its unit or format, an example. */
  description: string;
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
    description:
      'What is measured, a snake_case name, e.g. `capex`, `cloud_revenue`, `cash_reserves`, `shipments` ' +
      '(`vocabulary { metrics }` lists those in use); null when the fact has none.',
  },
  money: {
    codec: moneyCodec('amount', conversion),
    value: true,
    api: 'amount',
    description:
      'The amount as the source reports it: exact money in major units with its ISO 4217 currency, e.g. ' +
      '23000000000 CNY for "23 billion yuan".',
  },
  /** The source's own conversion of `money`, stored as reported (e.g. "$7 billion"). */
  reportedConversion: {
    codec: conversion,
    value: true,
    api: 'reportedConversion',
    description: 'The source’s own conversion of the amount (e.g. "$7 billion"), stored as reported.',
  },
  change: {
    codec: changeCodec,
    value: true,
    api: 'change',
    description: 'The reported change, e.g. +123 % year on year for "a 123% increase" (exact, in basis points too).',
  },
  /** Non-money quantity, e.g. units shipped. */
  quantity: {
    codec: quantityCodec,
    value: true,
    api: 'quantity',
    description:
      'A number that is not money, as reported, e.g. 1000000 units `more_than` for "over a million H20 units".',
  },
  /** Price per unit (forecasts, procurement); stored as unitPriceMinor … (price* before migration 0001). */
  unitPrice: {
    codec: moneyCodec('unitPrice'),
    value: true,
    api: 'unitPrice',
    description: 'Price per unit as reported, e.g. 12000 to 13000 USD (qualifier `range`).',
  },
  period: {
    codec: periodCodec,
    value: false,
    api: 'period',
    description:
      'When it holds: the source’s words (`label`) and the normalised period (`type` e.g. `H1`, `year` e.g. 2024); ' +
      'null when the source gives none.',
  },
  /** Verbatim text for quotes; paraphrase for claims. */
  text: {
    codec: stringCodec('text', Prose(4000)),
    value: true,
    api: 'text',
    description:
      'The words: verbatim for a Quote, the statement in paraphrase for a Claim, a status line for Epoch rows; at ' +
      'most 4000 characters.',
  },
  /** Role, title or status words, e.g. "CEO", "restricted", "designed_to_comply". */
  role: {
    codec: stringCodec('role', Label(200, 0)),
    value: true,
    api: 'role',
    description: 'Title or role as reported.',
  },
  status: {
    codec: stringCodec('status', Label(100, 0)),
    value: true,
    api: 'status',
    description:
      'A status word as reported: `restricted` or `designed_to_comply` for export controls; a development’s or ' +
      'Epoch row’s construction or operating status.',
  },
  /** Who the source attributes the fact to when not a graph entity ("sources familiar with the matter"). */
  attribution: {
    codec: stringCodec('attribution', Label(300, 0)),
    value: false,
    api: 'attribution',
    description: 'Who the source credits when not an entity.',
  },
  note: {
    codec: stringCodec('note', Prose(2000)),
    value: false,
    api: 'note',
    description: 'A note of the curator or importer, e.g. the other measures of an Epoch build-out row.',
  },
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
