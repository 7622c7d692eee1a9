import { LOCALITY_BY_SITE_NAME, ORG_ALIASES } from './aliases.ts';
import { type AssertionDraft, aliasEntry, type EpochBuilder } from './builder.ts';
import type { CsvFile, CsvRecord } from './csv.ts';
import { investorKeys, siteInvestment, timelineInvestment } from './investments.ts';
import { DATA_CENTERS_SNAPSHOT, DATA_CENTERS_SOURCE } from './sources.ts';
import {
  decimal,
  defined,
  listCell,
  noteOf,
  numberCell,
  propText,
  shiftDecimal,
  slug,
  snippetOf,
  taggedNames,
  urlsIn,
} from './values.ts';

export const SITES_FILE = 'data_centers.csv';
export const TIMELINES_FILE = 'data_center_timelines.csv';
export const CHIPS_FILE = 'data_center_chip_quantities.csv';

export interface DataCenterFiles {
  sites: CsvFile;
  timelines: CsvFile;
  chips: CsvFile;
}

export const siteKey = (name: string) => `datacenter:epoch-site-${slug(name)}`;

/** Owner and user names carrying Epoch's #tags, for linking the GPU-clusters Users text by exact name. */
export function taggedOrgNames(files: DataCenterFiles): string[] {
  return [
    ...files.sites.records.flatMap((r) => [...taggedNames(r.cells.Owner), ...taggedNames(r.cells.Users)]),
    ...files.chips.records.flatMap((r) => [...taggedNames(r.cells.Owner), ...taggedNames(r.cells.User)]),
  ]
    .filter((t) => t.tag !== undefined)
    .map((t) => t.name);
}

const day = (date: string | undefined) =>
  date && /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? { label: date, type: 'DAY' as const, year: Number(date.slice(0, 4)) }
    : undefined;

/** Rows dated after the snapshot are Epoch's projections. */
const modeAt = (date: string | undefined) =>
  date && date > DATA_CENTERS_SNAPSHOT ? ('forecast' as const) : ('reported' as const);

export function addDataCenters(b: EpochBuilder, files: DataCenterFiles) {
  const sites = new Map<string, string>();
  const site = (name: string, at: string, record?: CsvRecord) => {
    const existing = sites.get(name);
    if (existing && !record) return existing;
    const key = siteKey(name);
    sites.set(name, key);
    declareSite(b, key, name, at, record);
    return key;
  };
  for (const r of files.sites.records) site(r.cells.Name!, `${SITES_FILE} row ${r.row}`, r);
  // A site's Investors (data_centers.csv) also invested the running totals of its timeline rows.
  const investors = new Map<string, { keys: string[]; names: string[] }>();
  for (const r of files.sites.records) {
    const at = `${SITES_FILE} row ${r.row}, Investors`;
    investors.set(r.cells.Name!, { keys: investorKeys(b, r.cells.Investors, at), names: listCell(r.cells.Investors) });
  }
  const investorsOf = (name: string) => investors.get(name) ?? { keys: [], names: [] };
  for (const r of files.sites.records) addSiteFacts(b, r, sites.get(r.cells.Name!)!, investorsOf(r.cells.Name!));
  for (const r of files.timelines.records) {
    const name = r.cells['Data center']!;
    addTimeline(b, r, site(name, `${TIMELINES_FILE} row ${r.row}`), investorsOf(name));
  }
  for (const r of files.chips.records) {
    addChipRow(b, r, site(r.cells['Data center']!, `${CHIPS_FILE} row ${r.row}`));
  }
}

function declareSite(b: EpochBuilder, key: string, name: string, at: string, record?: CsvRecord) {
  const c = record?.cells ?? {};
  const locality = LOCALITY_BY_SITE_NAME[name];
  b.entity({
    kind: 'DataCenter',
    key,
    name,
    aliases: [name],
    props: defined({
      dataset: 'epoch-ai-data-centers',
      inSiteTable: record !== undefined,
      siteTableRow: record?.row,
      firstSeenIn: record ? undefined : `${at} (not in ${SITES_FILE})`,
      anonymized: false,
      currentH100e: numberCell(c['Current H100 equivalents']),
      currentPowerMw: numberCell(c['Current power (MW)']),
      currentCapitalCostUsd: decimal(c['Current total capital cost (2025 USD billions)'])
        ? shiftDecimal(decimal(c['Current total capital cost (2025 USD billions)'])!, 9)
        : undefined,
      owner: c.Owner || undefined,
      users: c.Users || undefined,
      project: c.Project || undefined,
      currentChipTypes: c['Current chip types'] || undefined,
      allChipTypes: c['All chip types'] || undefined,
      investors: c.Investors || undefined,
      constructionCompanies: c['Construction companies'] || undefined,
      energyCompanies: c['Energy companies'] || undefined,
      country: c.Country || undefined,
      address: propText(c.Address),
      calculationsSheet: c['Calculations sheet'] || undefined,
      sourceLinks: propText(urlsIn(c['Selected Sources']).join(' ')),
      locationBasis: locality?.basis,
    }),
  });
  if (locality) {
    // The site's name is the row's words that place it (e.g. "Bridge Data Centres Kulai"); the table says where that is.
    b.link('LOCATED_IN', key, b.locality(locality), [
      { source: DATA_CENTERS_SOURCE, snippet: name, locator: at },
      aliasEntry(locality.basis, `LOCALITY_BY_SITE_NAME ${JSON.stringify(name)}`),
    ]);
  } else if (c.Country) {
    b.link('LOCATED_IN', key, b.country(c.Country, `${at}, Country`), [
      { source: DATA_CENTERS_SOURCE, snippet: c.Country, locator: `${at}, Country` },
    ]);
  }
  if (locality && c.Country) b.country(c.Country, `${at}, Country`);
}

/** One assertion per tagged name; untagged items the alias table does not know are reported, not linked. */
function tagged(
  b: EpochBuilder,
  cell: string | undefined,
  where: string,
  make: (orgKey: string, name: string, confidence: AssertionDraft['confidence']) => AssertionDraft,
) {
  for (const t of taggedNames(cell)) {
    if (t.tag === undefined && ORG_ALIASES[t.name] === undefined && !b.knownOrgNames.has(t.name)) {
      b.unparsedTags.push({ text: t.name, where });
      continue;
    }
    if (t.tag !== undefined && t.confidence === undefined) b.unparsedTags.push({ text: `#${t.tag}`, where });
    const fact = make(b.org(t.name, where), t.name, t.confidence);
    b.assertion(t.confidence ? { ...fact, confidence: t.confidence } : fact);
  }
}

function addSiteFacts(b: EpochBuilder, r: CsvRecord, key: string, investors: { keys: string[]; names: string[] }) {
  const c = r.cells;
  const at = `${SITES_FILE} row ${r.row}`;
  const links = urlsIn(c['Selected Sources']);
  const sourcesNote = noteOf([
    links.length ? `Selected Sources: ${links.join(' ')}` : undefined,
    c['Calculations sheet'] ? `Calculations sheet: ${c['Calculations sheet']}` : undefined,
  ]);
  const ref = (columns: string[]) => [
    { source: DATA_CENTERS_SOURCE, locator: at, snippet: snippetOf(c, ['Name', ...columns]) },
  ];
  tagged(b, c.Owner, `${at}, Owner`, (owner, name) => ({
    kind: 'Ownership',
    key: `fact:epoch-dc-r${r.row}-owner-${slug(name)}`,
    summary: `${name} owns ${c.Name} (Epoch AI Data Centers)`,
    mode: 'reported',
    roles: { SUBJECT: [owner], OBJECT: [key] },
    note: sourcesNote,
    sources: ref(['Owner']),
  }));
  tagged(b, c.Users, `${at}, Users`, (user, name) => ({
    kind: 'Usage',
    key: `fact:epoch-dc-r${r.row}-user-${slug(name)}`,
    summary: `${name} uses ${c.Name} (Epoch AI Data Centers)`,
    mode: 'reported',
    roles: { SUBJECT: [user], OBJECT: [key] },
    note: sourcesNote,
    sources: ref(['Users']),
  }));
  const investment = siteInvestment(r, key, investors, ref, sourcesNote);
  if (investment) b.assertion(investment);
}

const TIMELINE_MEASURES = [
  'Total capital cost (2025 USD billions)',
  'Buildings operational',
  'IT power (MW)',
  'Power (MW)',
  'Performance (8-bit OP/s)',
  'Compute cost (2025 USD billions)',
  'Construction cost (2025 USD billions)',
  'Annual operating cost (2025 USD billions)',
  'Water use (MGD)',
];

/** A timeline row: its build-out snapshot, and its running capital cost as an Investment (when positive). */
function addTimeline(b: EpochBuilder, r: CsvRecord, key: string, investors: { keys: string[]; names: string[] }) {
  const c = r.cells;
  const h100e = decimal(c['H100 equivalents']);
  const status = c['Construction status'];
  const sources = [
    {
      source: DATA_CENTERS_SOURCE,
      locator: `${TIMELINES_FILE} row ${r.row}`,
      snippet: snippetOf(c, [
        'Data center',
        'Date',
        'Power (MW)',
        'H100 equivalents',
        'Total capital cost (2025 USD billions)',
      ]),
    },
  ];
  b.assertion({
    kind: 'BuildOutSnapshot',
    key: `fact:epoch-dc-timeline-r${r.row}`,
    summary: `${c['Data center']} on ${c.Date}: ${c['Power (MW)'] || '?'} MW, ${h100e ?? '?'} H100e (Epoch AI Data Centers)`,
    mode: modeAt(c.Date),
    roles: { SUBJECT: [key] },
    metric: 'h100e',
    ...(h100e
      ? { quantity: { value: h100e, unit: 'H100e', asReported: c['H100 equivalents']!, qualifier: 'approx' } }
      : {}),
    ...(day(c.Date) ? { period: day(c.Date) } : {}),
    ...(status ? { text: status.slice(0, 4000) } : {}),
    note: noteOf([
      TIMELINE_MEASURES.filter((m) => c[m])
        .map((m) => `${m}=${c[m]}`)
        .join('; '),
      ...urlsIn(status),
    ]),
    sources,
  });
  const investment = timelineInvestment(r, key, investors, day(c.Date), modeAt(c.Date), sources);
  if (investment) b.assertion(investment);
}

function addChipRow(b: EpochBuilder, r: CsvRecord, key: string) {
  const c = r.cells;
  const at = `${CHIPS_FILE} row ${r.row}`;
  const locator = `${at}; handle ${c.Handle}`.slice(0, 300);
  const chip = c['Chip type'] ? b.chip(c['Chip type'], `${at}, Chip type`, DATA_CENTERS_SOURCE) : undefined;
  const units = decimal(c['Number of Units']);
  const estimated =
    c['Chip type source'] !== 'Company disclosure' || c['Number of Units source'] !== 'Company disclosure';
  const note = noteOf([
    `Chip type source=${c['Chip type source'] || '(blank)'}; Number of Units source=${c['Number of Units source'] || '(blank)'}`,
    c.Notes ? `Epoch notes: ${c.Notes}` : undefined,
  ]);
  const ref = (columns: string[]) => [
    { source: DATA_CENTERS_SOURCE, locator, snippet: snippetOf(c, ['Data center', 'Date', ...columns]) },
  ];
  const when = day(c.Date);
  const dated = when ? { period: when } : {};
  b.assertion({
    kind: 'ChipDeployment',
    key: `fact:epoch-dc-chips-r${r.row}`,
    summary: `${c['Data center']} on ${c.Date}: ${units ?? '?'} × ${c['Chip type'] || 'unknown chip'} (Epoch AI Data Centers)`,
    mode: modeAt(c.Date),
    roles: { SUBJECT: [key], OBJECT: chip ? [chip] : [] },
    metric: 'chip_count',
    ...(units
      ? {
          quantity: {
            value: units,
            unit: 'chips',
            asReported: c['Number of Units']!,
            qualifier: estimated ? ('approx' as const) : ('exact' as const),
          },
        }
      : {}),
    ...dated,
    note,
    sources: ref(['Chip type', 'Number of Units', 'Chip type source', 'Number of Units source']),
  });
  tagged(b, c.Owner, `${at}, Owner`, (owner, name) => ({
    kind: 'ChipOwnership',
    key: `fact:epoch-dc-chips-r${r.row}-owner-${slug(name)}`,
    summary: `${name} owns the ${c['Chip type'] || ''} chips at ${c['Data center']} on ${c.Date} (Epoch AI Data Centers)`,
    mode: modeAt(c.Date),
    roles: { SUBJECT: [owner], OBJECT: [key], CONCERNS: chip ? [chip] : [] },
    ...dated,
    note,
    sources: ref(['Chip type', 'Owner']),
  }));
  tagged(b, c.User, `${at}, User`, (user, name) => ({
    kind: 'Usage',
    key: `fact:epoch-dc-chips-r${r.row}-user-${slug(name)}`,
    summary: `${name} uses the ${c['Chip type'] || ''} chips at ${c['Data center']} on ${c.Date} (Epoch AI Data Centers)`,
    mode: modeAt(c.Date),
    roles: { SUBJECT: [user], OBJECT: [key], CONCERNS: chip ? [chip] : [] },
    ...dated,
    note,
    sources: ref(['Chip type', 'User']),
  }));
}
