import { join } from 'node:path';
import type { DbScope } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { graphChecks, type ImportCounts, parseNdjson, writeRecords } from '../../services/importer.ts';
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
 * The NDJSON import's own path: the records are serialised to NDJSON and go through `parseNdjson`
 * (schema + value conversions), `unresolvedReferences` and the batched, idempotent `writeRecords`.
 * Nothing is written when any line is rejected.
 */
export async function importEpoch(
  db: DbScope,
  files: EpochFiles,
  options: { batchSize?: number } = {},
): Promise<EpochImportResult> {
  const started = performance.now();
  const { records, report } = buildEpochRecords(files);
  const { parsed, rejected } = parseNdjson(records.map((r) => JSON.stringify(r)).join('\n'));
  rejected.push(...(await graphChecks(db, parsed)));
  if (rejected.length) {
    throw new DomainError('BAD_USER_INPUT', `${rejected.length} Epoch record(s) rejected; nothing was written`, {
      rejected: rejected.slice(0, 50),
    });
  }
  const counts = await writeRecords(db, parsed, options);
  const seconds = (performance.now() - started) / 1000;
  const { sites, timelines, chips } = files.dataCenters;
  return {
    rows: Object.fromEntries([files.clusters, sites, timelines, chips].map((f) => [f.name, f.records.length])),
    lines: parsed.length,
    counts,
    seconds,
    linesPerSecond: parsed.length / seconds,
    report,
  };
}
