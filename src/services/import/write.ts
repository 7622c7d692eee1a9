import type { TxRunner } from '../../db/database.ts';
import type { ImportRecord } from '../../domain/format.ts';
import {
  assertionRow,
  type CuratorDefault,
  curatorRow,
  entityRow,
  linkRow,
  ruleRow,
  sourceRow,
} from '../../domain/records.ts';
import { graphWrites } from '../../repositories/graph-writes.ts';
import { sourceTexts } from '../../repositories/source-texts.ts';

export type RecordType = ImportRecord['type'];
type RecordOf<T extends RecordType> = Extract<ImportRecord, { type: T }>;

/**
 * The one write order: curators, entities, then sources (whose publisher is an entity), links between entities (citing
 * sources), rules (citing sources) and assertions (whose roles and supports point at entities and sources), so that
 * everything a line points at exists before it. `plural` names the counts and the transactions.
 */
export const WRITE_ORDER = [
  { type: 'curator', plural: 'curators' },
  { type: 'entity', plural: 'entities' },
  { type: 'source', plural: 'sources' },
  { type: 'link', plural: 'links' },
  { type: 'rule', plural: 'rules' },
  { type: 'assertion', plural: 'assertions' },
] as const satisfies readonly { type: RecordType; plural: string }[];

export type ImportCounts = Record<(typeof WRITE_ORDER)[number]['plural'], number>;

export const noCounts = (): ImportCounts => ({
  curators: 0,
  entities: 0,
  sources: 0,
  links: 0,
  rules: 0,
  assertions: 0,
});

export function addCounts(into: ImportCounts, more: ImportCounts) {
  for (const { plural } of WRITE_ORDER) into[plural] += more[plural];
}

/** Records to write in one transaction, by type. */
export type Batch = { [T in RecordType]: RecordOf<T>[] };

export const emptyBatch = (): Batch => ({ curator: [], entity: [], source: [], link: [], rule: [], assertion: [] });

export function addToBatch(batch: Batch, record: ImportRecord) {
  switch (record.type) {
    case 'curator':
      return batch.curator.push(record);
    case 'rule':
      return batch.rule.push(record);
    case 'entity':
      return batch.entity.push(record);
    case 'source':
      return batch.source.push(record);
    case 'link':
      return batch.link.push(record);
    case 'assertion':
      return batch.assertion.push(record);
  }
}

type Writer<T extends RecordType> = (tx: TxRunner, records: RecordOf<T>[], curator: CuratorDefault) => Promise<number>;

/** `curator`: the input's default curator, for lines that name none. */
const WRITERS: { [T in RecordType]: Writer<T> } = {
  curator: (tx, records) =>
    graphWrites.curators(
      tx,
      records.map((c) => curatorRow(c)),
    ),
  entity: (tx, records, curator) =>
    graphWrites.entities(
      tx,
      records.map((e) => entityRow(e, curator)),
    ),
  /** Sources, then the full texts given with them (their own nodes). */
  async source(tx, records, curator) {
    const rows = records.map((s) => sourceRow(s, curator));
    const written = await graphWrites.sources(tx, rows);
    await sourceTexts.write(tx, rows);
    return written;
  },
  link: (tx, records) =>
    graphWrites.links(
      tx,
      records.map((l) => linkRow(l)),
    ),
  rule: (tx, records, curator) =>
    graphWrites.rules(
      tx,
      records.map((r) => ruleRow(r, curator)),
    ),
  assertion: (tx, records, curator) =>
    graphWrites.assertions(
      tx,
      records.map((a) => assertionRow(a, curator)),
    ),
};

function writeType<T extends RecordType>(tx: TxRunner, type: T, batch: Batch, curator: CuratorDefault) {
  return batch[type].length ? WRITERS[type](tx, batch[type], curator) : Promise.resolve(0);
}

/** Writes a batch inside the caller's transaction, in the write order; every write is a MERGE by key. */
export async function writeBatch(tx: TxRunner, batch: Batch, curator: CuratorDefault = null): Promise<ImportCounts> {
  const counts = noCounts();
  for (const { type, plural } of WRITE_ORDER) counts[plural] += await writeType(tx, type, batch, curator);
  return counts;
}

/** The plural of a record type, as the counts name it. */
export const pluralOf = (type: RecordType) => WRITE_ORDER.find((t) => t.type === type)!.plural;
