import { LOCALITY_BY_LOCATION_TEXT, ORG_ALIASES } from './aliases.ts';
import { type AssertionDraft, aliasEntry, type EpochBuilder } from './builder.ts';
import type { CsvFile, CsvRecord } from './csv.ts';
import { clusterInvestment } from './investments.ts';
import { GPU_CLUSTERS_SOURCE } from './sources.ts';
import {
  boolCell,
  certaintyConfidence,
  decimal,
  defined,
  listCell,
  noteOf,
  numberCell,
  propText,
  slug,
  snippetOf,
  urlsIn,
} from './values.ts';

export const GPU_CLUSTERS_FILE = 'epoch_gpu_clusters.csv';
export const ANONYMIZED_NAME = 'Anonymized Chinese System';
/** Rows whose chip is GB300 carry H100e and FLOP/s far too low in this snapshot (data README, caveats). */
export const GB300_CHIP = 'NVIDIA GB300 (Blackwell Ultra)';
const SOURCE_COLUMNS = ['Source 1', 'Source 2', 'Source 3', 'Source 4', 'Source 5'];

export function clusterKey(r: CsvRecord): string {
  const name = r.cells.Name ?? '';
  return name === ANONYMIZED_NAME || !slug(name)
    ? `datacenter:epoch-cluster-row-${r.row}`
    : `datacenter:epoch-cluster-${slug(name)}`;
}

function period(date: string | undefined) {
  if (!date) return undefined;
  const match = /^(\d{4})(-\d{2})?(-\d{2})?$/.exec(date);
  if (!match) return undefined;
  return { label: date, type: match[3] ? ('DAY' as const) : ('MONTH' as const), year: Number(match[1]) };
}

/** Owner names seen in the file, so free-text Users cells can be linked by exact name only. */
export function clusterOwnerNames(file: CsvFile): string[] {
  return file.records.flatMap((r) => listCell(r.cells.Owner));
}

export function addGpuClusters(b: EpochBuilder, file: CsvFile) {
  const keys = new Set<string>();
  for (const r of file.records) addCluster(b, r, keys);
}

function addCluster(b: EpochBuilder, r: CsvRecord, keys: Set<string>) {
  const c = r.cells;
  const at = `${GPU_CLUSTERS_FILE} row ${r.row}`;
  const anonymized = c.Name === ANONYMIZED_NAME;
  let key = clusterKey(r);
  if (keys.has(key)) key = `${key}-row-${r.row}`;
  keys.add(key);

  const suspect = c['Chip type (primary)'] === GB300_CHIP || c['Chip type (secondary)'] === GB300_CHIP;
  const sourceLinks = SOURCE_COLUMNS.flatMap((col) => urlsIn(c[col]));
  const sourcesNote = sourceLinks.length ? `Sources: ${sourceLinks.join(' ')}` : undefined;
  const confidence = certaintyConfidence(c.Certainty);
  const mode = c.Status === 'Planned' ? ('forecast' as const) : ('reported' as const);
  const ref = (columns: string[]) => [
    { source: GPU_CLUSTERS_SOURCE, locator: at, snippet: snippetOf(c, ['Name', ...columns]) },
  ];
  const label = anonymized ? `${ANONYMIZED_NAME} (row ${r.row})` : (c.Name ?? `row ${r.row}`);

  b.entity({
    kind: 'DataCenter',
    key,
    name: label,
    aliases: anonymized ? [] : [c.Name!],
    props: defined({
      dataset: 'epoch-gpu-clusters',
      epochRow: r.row,
      anonymized,
      suspectH100e: suspect,
      suspectH100eReason: suspect
        ? 'GB300 rows of this snapshot carry H100e and FLOP/s far too low (e.g. Stargate UAE Phase 1: 8,338 here, 252,653 in a slightly earlier copy); do not rely on h100e.'
        : undefined,
      status: c.Status || undefined,
      certainty: c.Certainty || undefined,
      singleCluster: c['Single cluster?'] || undefined,
      firstOperationalDate: c['First Operational Date'] || undefined,
      decommissionedDate: c['Decommissioned Date (if applicable)'] || undefined,
      h100e: numberCell(c['H100 equivalents']),
      powerMw: numberCell(c['Power Capacity (MW)']),
      calculatedPowerMw: numberCell(c['Calculated Power Capacity (MW)']),
      reportedPowerMw: numberCell(c['Reported Power Capacity (MW)']),
      maxOps: numberCell(c['Max OP/s']),
      totalChips: numberCell(c['Total number of AI chips']),
      hardwareCostUsd: decimal(c['Hardware Cost']),
      reportedCostUsd: decimal(c['Reported Cost']),
      sector: c.Sector || undefined,
      country: c.Country || undefined,
      location: propText(c.Location),
      owner: c.Owner || undefined,
      users: propText(c.Users),
      gpuSupplier: c['GPU Supplier (primary)'] || undefined,
      note: propText(c.Note),
      hardwareNote: propText(c['Hardware note']),
      certaintyNote: propText(c['Certainty Note']),
      firstOperationalDateNote: propText(c['First Operational Date Note']),
      buildsUpon: propText(c['Builds Upon']),
      supersededBy: propText(c['Superseded by']),
      possibleDuplicateOf: propText(c['Possible Duplicate Of']),
      includeInStandardAnalysis: boolCell(c['Include in Standard Analysis']),
      exclude: boolCell(c.Exclude),
      noteworthy: boolCell(c.Noteworthy),
      sourceLinks: propText(sourceLinks.join(' ')),
    }),
  });

  const locality = LOCALITY_BY_LOCATION_TEXT.find(([text]) => c.Location?.includes(text))?.[1];
  const cell = (column: string) => ({ source: GPU_CLUSTERS_SOURCE, snippet: c[column]!, locator: `${at}, ${column}` });
  if (locality) {
    b.link('LOCATED_IN', key, b.locality(locality, cell('Location')), [
      cell('Location'),
      aliasEntry(locality.basis, `LOCALITY_BY_LOCATION_TEXT ${locality.key}`),
    ]);
  } else if (c.Country) b.link('LOCATED_IN', key, b.country(c.Country, `${at}, Country`), [cell('Country')]);
  if (locality && c.Country) b.country(c.Country, `${at}, Country`);

  const facts: AssertionDraft[] = [];
  for (const [n, typeCol, qtyCol] of [
    [1, 'Chip type (primary)', 'Chip quantity (primary)'],
    [2, 'Chip type (secondary)', 'Chip quantity (secondary)'],
  ] as const) {
    const chipName = c[typeCol];
    const quantity = decimal(c[qtyCol]);
    if (!chipName && !quantity) continue;
    const chip = chipName ? b.chip(chipName, `${at}, ${typeCol}`, GPU_CLUSTERS_SOURCE) : undefined;
    facts.push({
      kind: 'ChipDeployment',
      key: `fact:epoch-gc-r${r.row}-chips-${n}`,
      summary: `${label}: ${quantity ?? 'unknown number of'} × ${chipName || 'undisclosed chip'} (${c.Status}, Epoch GPU clusters)`,
      mode,
      roles: { SUBJECT: [key], OBJECT: chip ? [chip] : [] },
      metric: 'chip_count',
      ...(quantity
        ? { quantity: { value: quantity, unit: 'chips', asReported: c[qtyCol]!, qualifier: 'approx' } }
        : {}),
      ...(period(c['First Operational Date']) ? { period: period(c['First Operational Date']) } : {}),
      status: c.Status || undefined,
      note: noteOf([
        anonymized ? 'Anonymized by Epoch: owner and chip type withheld, figures rounded.' : undefined,
        suspect ? 'GB300 row: H100e in this snapshot is suspect.' : undefined,
        c.Note ? `Epoch note: ${c.Note}` : undefined,
        c['Hardware note'] ? `Hardware note: ${c['Hardware note']}` : undefined,
        sourcesNote,
      ]),
      sources: ref([typeCol, qtyCol, 'Status', 'Certainty', 'H100 equivalents']),
    });
  }

  for (const owner of listCell(c.Owner)) {
    const ownerKey = b.org(owner, `${at}, Owner`);
    facts.push({
      kind: 'Ownership',
      key: `fact:epoch-gc-r${r.row}-owner-${slug(owner)}`,
      summary: `${owner} owns ${label} (Epoch GPU clusters)`,
      mode,
      roles: { SUBJECT: [ownerKey], OBJECT: [key] },
      note: noteOf([c['Certainty Note'] ? `Certainty note: ${c['Certainty Note']}` : undefined, sourcesNote]),
      sources: ref(['Owner', 'Status', 'Certainty']),
    });
  }

  for (const user of listCell(c.Users)) {
    const linkable = ORG_ALIASES[user] !== undefined || b.knownOrgNames.has(user);
    if (!linkable) {
      b.unlinkedUsers.set(user, (b.unlinkedUsers.get(user) ?? 0) + 1);
      continue;
    }
    facts.push({
      kind: 'Usage',
      key: `fact:epoch-gc-r${r.row}-user-${slug(user)}`,
      summary: `${user} uses ${label} (Epoch GPU clusters)`,
      mode,
      roles: { SUBJECT: [b.org(user, `${at}, Users`)], OBJECT: [key] },
      note: sourcesNote,
      sources: ref(['Users', 'Status', 'Certainty']),
    });
  }

  const investment = clusterInvestment(r, key, label, { mode }, ref, sourcesNote);
  if (investment) facts.push(investment);

  for (const f of facts) b.assertion(confidence ? { ...f, confidence } : f);
}
