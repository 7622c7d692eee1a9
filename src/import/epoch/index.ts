import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { DbScope } from '../../db/database.ts';
import type { AliasJudgementRow } from '../../repositories/judgements.ts';
import { type ImportCounts, importOrThrow, recordLines } from '../../services/import/importer.ts';
import { recordAliasJudgements } from '../../services/judgements.ts';
import { type AliasUse, EpochBuilder, type EpochReport, type ImportDraft } from './builder.ts';
import { readCsv } from './csv.ts';
import {
  addDataCenters,
  CHIPS_FILE,
  type DataCenterFiles,
  SITES_FILE,
  TIMELINES_FILE,
  taggedOrgNames,
} from './data-centers.ts';
import { addGpuClusters, clusterOwnerNames, GPU_CLUSTERS_FILE } from './gpu-clusters.ts';
import { addEpochSources } from './sources.ts';

export type { EpochReport } from './builder.ts';
export { DATA_CENTERS_SOURCE, EPOCH_LICENSE, EPOCH_PUBLISHER, GPU_CLUSTERS_SOURCE } from './sources.ts';

export const DATA_CENTERS_DIR = 'epoch_frontier_data_centers';

export interface EpochFiles {
  clusters: ReturnType<typeof readCsv>;
  dataCenters: DataCenterFiles;
}

/** Reads the four CSV files from EPOCH_DATA_DIR (see data/README.md). */
export function readEpochFiles(dataDir: string): EpochFiles {
  const dc = (file: string) => readCsv(join(dataDir, DATA_CENTERS_DIR, file), file);
  return {
    clusters: readCsv(join(dataDir, GPU_CLUSTERS_FILE), GPU_CLUSTERS_FILE),
    dataCenters: { sites: dc(SITES_FILE), timelines: dc(TIMELINES_FILE), chips: dc(CHIPS_FILE) },
  };
}

/** Every row of the four files as import-format records, plus the resolution report and the alias rows used. */
export function buildEpochRecords(files: EpochFiles): {
  records: ImportDraft[];
  report: EpochReport;
  aliasUses: AliasUse[];
} {
  const b = new EpochBuilder();
  for (const name of [...clusterOwnerNames(files.clusters), ...taggedOrgNames(files.dataCenters)]) {
    b.knownOrgNames.add(name);
  }
  const { sites, timelines, chips } = files.dataCenters;
  addEpochSources(b, {
    clusters: files.clusters.sha256,
    dataCenters: Object.fromEntries([sites, timelines, chips].map((f) => [f.name, f.sha256])),
  });
  addGpuClusters(b, files.clusters);
  addDataCenters(b, files.dataCenters);
  return { records: b.records(), report: b.report(), aliasUses: b.aliasTableUses() };
}

/** Where the alias tables live: the source every alias judgement names. */
export const ALIAS_TABLE_FILE = 'src/import/epoch/aliases.ts';
/** Who the alias judgements are by. */
export const ALIAS_JUDGE = 'epoch-import';

/**
 * Each alias-table row the import used as a positive judgement "this Epoch name means this entity", with its source
 * (the table and row in aliases.ts), the first CSV cell that used it and how often; its key is derived from the table
 * and the name, so importing again updates it.
 */
export function aliasJudgementRows(uses: AliasUse[]): AliasJudgementRow[] {
  return uses.map((u) => ({
    key: `judgement:epoch-${u.table.toLowerCase().replaceAll('_', '-')}-${createHash('sha256').update(u.name).digest('hex').slice(0, 16)}`,
    entity: u.key,
    name: u.name,
    reason: `Epoch AI writes "${u.name}" for ${u.key}: a row of the hand-written alias table ${u.table}`,
    source: ALIAS_TABLE_FILE,
    locator: `${u.table}[${JSON.stringify(u.name)}]`,
    firstSeen: u.firstSeen,
    occurrences: u.occurrences,
  }));
}

export interface EpochImportResult {
  rows: Record<string, number>;
  lines: number;
  counts: ImportCounts;
  seconds: number;
  linesPerSecond: number;
  report: EpochReport;
  /** Alias-table rows written as judgements (epoch/alias-judgements). */
  aliasJudgements: number;
}

/**
 * The records go through the one importer (src/services/import/importer.ts) as lines of the import format: the same
 * validation and reference checks, the same batched, idempotent writes. Nothing is written when any line is rejected.
 */
export async function importEpoch(
  db: DbScope,
  files: EpochFiles,
  options: { batchSize?: number } = {},
): Promise<EpochImportResult> {
  const started = performance.now();
  const { records, report, aliasUses } = buildEpochRecords(files);
  const { counts, lines } = await importOrThrow(db, recordLines(records), { ...options, what: 'Epoch record' });
  const aliasJudgements = await recordAliasJudgements(db, aliasJudgementRows(aliasUses), ALIAS_JUDGE);
  const seconds = (performance.now() - started) / 1000;
  const { sites, timelines, chips } = files.dataCenters;
  return {
    rows: Object.fromEntries([files.clusters, sites, timelines, chips].map((f) => [f.name, f.records.length])),
    lines,
    counts,
    seconds,
    linesPerSecond: lines / seconds,
    report,
    aliasJudgements,
  };
}
