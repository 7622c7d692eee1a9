import { join } from 'node:path';
import type { DbScope } from '../../db/database.ts';
import { type ImportCounts, importOrThrow, recordLines } from '../../services/import/importer.ts';
import { EpochBuilder, type EpochReport, type ImportDraft } from './builder.ts';
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

/** Every row of the four files as import-format records, plus the resolution report. */
export function buildEpochRecords(files: EpochFiles): { records: ImportDraft[]; report: EpochReport } {
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
  return { records: b.records(), report: b.report() };
}

export interface EpochImportResult {
  rows: Record<string, number>;
  lines: number;
  counts: ImportCounts;
  seconds: number;
  linesPerSecond: number;
  report: EpochReport;
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
  const { records, report } = buildEpochRecords(files);
  const { counts, lines } = await importOrThrow(db, recordLines(records), {
    actor: 'import:epoch',
    ...options,
    what: 'Epoch record',
  });
  const seconds = (performance.now() - started) / 1000;
  const { sites, timelines, chips } = files.dataCenters;
  return {
    rows: Object.fromEntries([files.clusters, sites, timelines, chips].map((f) => [f.name, f.records.length])),
    lines,
    counts,
    seconds,
    linesPerSecond: lines / seconds,
    report,
  };
}
