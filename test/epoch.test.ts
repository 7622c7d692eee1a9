import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.ts';
import { ORG_ALIASES } from '../src/import/epoch/aliases.ts';
import { EpochBuilder } from '../src/import/epoch/builder.ts';
import { ANONYMIZED_NAME } from '../src/import/epoch/gpu-clusters.ts';
import { type EpochFiles, type EpochImportResult, importEpoch, readEpochFiles } from '../src/import/epoch/index.ts';
import { epochRepository } from '../src/repositories/epoch.ts';
import { systemRepository } from '../src/repositories/system.ts';
import { gql, testApp } from './helpers/app.ts';

/** Imports the real Epoch files (EPOCH_DATA_DIR, default data/epoch) into the run's Neo4j once. */
const { database } = testApp();
const db = database.scope('test-epoch');
const epoch = epochRepository(db);
const files: EpochFiles = readEpochFiles(resolve(loadConfig().epochDataDir));
let first: EpochImportResult;

/** The four CSVs parsed by this test itself (csv-parse), to derive expected counts independently of the importer. */
const dataDir = resolve(loadConfig().epochDataDir);
const csv = (...path: string[]) =>
  parse(readFileSync(join(dataDir, ...path)), { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
const raw = {
  clusters: csv('epoch_gpu_clusters.csv'),
  sites: csv('epoch_frontier_data_centers', 'data_centers.csv'),
  timelines: csv('epoch_frontier_data_centers', 'data_center_timelines.csv'),
  chips: csv('epoch_frontier_data_centers', 'data_center_chip_quantities.csv'),
};
/** A comma-separated cell's distinct items. */
const items = (cell: string | undefined) => [
  ...new Set(
    (cell ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];
/** "ByteDance #likely" → { name: 'ByteDance', tag: 'likely' }. */
const tagged = (cell: string | undefined) =>
  items(cell).map((item) => {
    const m = /^(.*\S)\s+#([A-Za-z]+)$/.exec(item);
    return m ? { name: m[1]!, tag: m[2] } : { name: item, tag: undefined };
  });
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

beforeAll(async () => {
  first = await importEpoch(db, files);
  console.log(
    `[epoch] imported ${first.lines} records in ${first.seconds.toFixed(2)} s (${Math.round(first.linesPerSecond)}/s)`,
    first.counts,
  );
});
afterAll(() => database.close());

const GB300_ROWS = [
  'xAI Colossus 2 Memphis Phase 2',
  'Meta Prometheus New Albany',
  'OpenAI Stargate Abilene Oracle OCI Supercluster Phase 2',
  'Stargate UAE Phase 1',
  'HUMAIN Saudi Arabia/NVIDIA Phase 1',
  'Foxconn Big Innovation Cloud AI factory',
];

describe('Epoch import: rows → graph', () => {
  it('parses every CSV record, including fields with newlines', () => {
    expect(raw.clusters).toHaveLength(786);
    expect(raw.sites).toHaveLength(74);
    expect(raw.timelines).toHaveLength(419);
    expect(raw.chips).toHaveLength(196);
    expect(files.clusters.records.map((r) => r.cells)).toEqual(raw.clusters);
    expect(files.clusters.records).toHaveLength(786);
    expect(files.clusters.columns).toHaveLength(55);
    expect(files.dataCenters.sites.records).toHaveLength(74);
    expect(files.dataCenters.timelines.records).toHaveLength(419);
    expect(files.dataCenters.chips.records).toHaveLength(196);
    expect(first.rows).toEqual({
      'epoch_gpu_clusters.csv': 786,
      'data_centers.csv': 74,
      'data_center_timelines.csv': 419,
      'data_center_chip_quantities.csv': 196,
    });
  });

  it('turns the record counts into entity and assertion counts', async () => {
    const summary = await epoch.importSummary();
    const n = (what: string, kind: string, file: string, dataset?: string) =>
      summary
        .filter((r) => r.what === what && r.kind === kind && r.file === file && (!dataset || r.dataset === dataset))
        .reduce((s, r) => s + r.n, 0);
    expect(n('entity', 'DataCenter', '', 'epoch-gpu-clusters')).toBe(786);
    expect(n('entity', 'DataCenter', 'data_centers.csv')).toBe(74);
    // 74 site rows plus the 10 sites that only the timelines / chip tables name (e.g. Bridge Data Centres Kulai).
    expect(n('entity', 'DataCenter', '', 'epoch-ai-data-centers')).toBe(84);
    expect(n('assertion', 'BuildOutSnapshot', 'data_center_timelines.csv')).toBe(419);
    expect(n('assertion', 'ChipDeployment', 'data_center_chip_quantities.csv')).toBe(196);
    // Every other expectation below is derived from the CSVs as parsed by this test (csv-parse), not by the importer.
    const { clusters, sites, timelines, chips } = raw;
    const withChips = clusters.filter((r) => r['Chip type (primary)'] || r['Chip quantity (primary)']).length;
    const withSecondChip = clusters.filter((r) => r['Chip type (secondary)'] || r['Chip quantity (secondary)']).length;
    expect(n('assertion', 'ChipDeployment', 'epoch_gpu_clusters.csv')).toBe(withChips + withSecondChip);
    // One Investment per cluster with a Hardware Cost, else a Reported Cost (no FinancialFigure any more).
    const costs = clusters.filter((r) => r['Hardware Cost'] || r['Reported Cost']).length;
    expect(n('assertion', 'Investment', 'epoch_gpu_clusters.csv')).toBe(costs);
    expect(n('assertion', 'FinancialFigure', 'epoch_gpu_clusters.csv')).toBe(0);
    const clusterOwners = sum(clusters.map((r) => items(r.Owner).length));
    expect(n('assertion', 'Ownership', 'epoch_gpu_clusters.csv')).toBe(clusterOwners);
    // A free-text user is linked only when the alias table or another column of the data names it as an organisation.
    const orgNames = new Set([
      ...Object.keys(ORG_ALIASES),
      ...clusters.flatMap((r) => items(r.Owner)),
      ...[...sites, ...chips]
        .flatMap((r) => [r.Owner, r.Users, r.User].flatMap(tagged))
        .filter((t) => t.tag)
        .map((t) => t.name),
    ]);
    const clusterUsers = sum(clusters.map((r) => items(r.Users).filter((u) => orgNames.has(u)).length));
    expect(n('assertion', 'Usage', 'epoch_gpu_clusters.csv')).toBe(clusterUsers);
    const linked = (cell: string | undefined) => tagged(cell).filter((t) => t.tag || orgNames.has(t.name)).length;
    const siteOwners = sum(sites.map((r) => linked(r.Owner)));
    const siteUsers = sum(sites.map((r) => linked(r.Users)));
    // One Investment per site with a current capital cost or named Investors.
    const siteCosts = sites.filter((r) => r['Current total capital cost (2025 USD billions)'] || r.Investors).length;
    expect(n('assertion', 'Ownership', 'data_centers.csv')).toBe(siteOwners);
    expect(n('assertion', 'Usage', 'data_centers.csv')).toBe(siteUsers);
    expect(n('assertion', 'Investment', 'data_centers.csv')).toBe(siteCosts);
    expect(n('assertion', 'FinancialFigure', 'data_centers.csv')).toBe(0);
    // A timeline row's running capital cost is an Investment when it is above zero.
    const timelineCosts = timelines.filter((r) => Number(r['Total capital cost (2025 USD billions)'] || 0) > 0).length;
    expect(n('assertion', 'Investment', 'data_center_timelines.csv')).toBe(timelineCosts);
    const chipOwners = sum(chips.map((r) => linked(r.Owner)));
    const chipUsers = sum(chips.map((r) => linked(r.User)));
    expect(n('assertion', 'ChipOwnership', 'data_center_chip_quantities.csv')).toBe(chipOwners);
    expect(n('assertion', 'Usage', 'data_center_chip_quantities.csv')).toBe(chipUsers);
    const expected =
      withChips +
      withSecondChip +
      costs +
      clusterOwners +
      clusterUsers + // epoch_gpu_clusters.csv
      siteOwners +
      siteUsers +
      siteCosts + // data_centers.csv
      timelines.length + // data_center_timelines.csv: one BuildOutSnapshot per row
      timelineCosts + // … and an Investment per positive running cost
      chips.length +
      chipOwners +
      chipUsers; // data_center_chip_quantities.csv
    console.log('[epoch] assertions expected from the CSVs', expected, summary);
    expect(summary.filter((r) => r.what === 'assertion').reduce((s, r) => s + r.n, 0)).toBe(expected);
    expect(first.counts.assertions).toBe(expected);
  });

  it('changes nothing when imported a second time', async () => {
    const system = systemRepository(db);
    const before = await system.counts();
    const again = await importEpoch(db, files);
    expect(again.counts).toEqual(first.counts);
    expect(await system.counts()).toEqual(before);
  });

  it('gives every Epoch assertion its dataset source (CC BY 4.0, citation) with a row locator and snippet', async () => {
    const p = await epoch.provenance();
    expect(p.assertions).toBe(first.counts.assertions);
    expect(p.gaps).toEqual([]);
    expect(p.withProvenance).toBe(p.assertions);
  });
});

describe('Epoch import: entity resolution', () => {
  it('maps dataset names through the alias table, units under their parents', async () => {
    const b = new EpochBuilder();
    expect(b.org('ByteDance', 'test')).toBe('company:bytedance');
    expect(b.org('Alibaba Cloud', 'test')).toBe('company:alibaba-cloud');
    expect(b.org('Meta AI', 'test')).toBe('company:meta-ai');
    expect(b.org('Google DeepMind', 'test')).toBe('company:google-deepmind');
    expect(b.org('Microsoft Azure', 'test')).toBe('company:microsoft-azure');
    expect(b.org('AWS', 'test')).toBe('company:aws');
    expect(b.org('Amazon', 'test')).toBe('company:amazon');
    expect(b.chip('NVIDIA H100 SXM5 80GB', 'test', 'source:test')).toBe('chip:nvidia-h100');
    expect(b.chip('NVIDIA GB300 (Blackwell Ultra)', 'test', 'source:test')).toBe('chip:nvidia-gb300');
    expect(b.country('Korea (Republic of)', 'test')).toBe('place:kr');
    // No fuzzy matching: a near miss is a new, marked entity.
    expect(b.org('Bytedance Ltd', 'test')).toBe('organization:bytedance-ltd');
    expect(b.report().unresolved.map((u) => u.name)).toEqual(['Bytedance Ltd']);

    const context = Object.fromEntries(
      (
        await epoch.entityContext([
          'company:alibaba-cloud',
          'company:meta-ai',
          'company:google-deepmind',
          'company:microsoft-azure',
          'company:aws',
          'chip:nvidia-gb200',
          'chip:nvidia-b300',
          'chip:nvidia-a100',
          'chip:nvidia-h100',
        ])
      ).map((c) => [c.key, c]),
    );
    expect(context['company:alibaba-cloud']?.unitOf).toEqual(['company:alibaba']);
    expect(context['company:meta-ai']?.unitOf).toEqual(['company:meta']);
    expect(context['company:google-deepmind']?.unitOf.sort()).toEqual(['company:alphabet', 'company:google']);
    expect(context['company:microsoft-azure']?.unitOf).toEqual(['company:microsoft']);
    expect(context['company:aws']?.unitOf).toEqual(['company:amazon']);
    expect(context['chip:nvidia-gb200']).toMatchObject({
      madeBy: ['company:nvidia'],
      unitOf: ['chip:nvidia-blackwell'],
      resolution: 'alias-table',
    });
    expect(context['chip:nvidia-b300']?.unitOf).toEqual(['chip:nvidia-blackwell']);
    expect(context['chip:nvidia-a100']).toMatchObject({ madeBy: ['company:nvidia'], unitOf: [] });
    // The seed's H100 is reused, not re-declared.
    expect(context['chip:nvidia-h100']).toMatchObject({ name: 'Nvidia H100', resolution: null });
  });

  it('links Epoch’s ByteDance rows to the same entity the article talks about', async () => {
    expect(await epoch.entitiesByAlias('ByteDance')).toEqual([
      { key: 'company:bytedance', kind: 'Company', name: 'ByteDance' },
    ]);
    const johor = await epoch.sitesServingCompanyInPlace('place:my-johor', 'company:bytedance');
    const parties = new Set(johor.epochSites.flatMap((s) => s.evidence.map((e) => e.partyKey)));
    expect([...parties]).toEqual(['company:bytedance']);
  });

  it('lists unresolved names, which became new entities marked as such', async () => {
    const names = first.report.unresolved.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['CoreWeave', 'xAI', 'SpaceXAI', 'YTL Power']));
    for (const name of Object.keys(ORG_ALIASES)) expect(names).not.toContain(name);
    const context = await epoch.entityContext(['company:openai', 'organization:ytl-power']);
    // OpenAI and Oracle (investors of Stargate) are companies of the alias table; YTL Power is not in it.
    expect(context.map((c) => c.resolution)).toEqual(['alias-table', 'unresolved-new']);
    expect(first.report.unlinkedUsers.map((u) => u.text)).toContain('Cloud');
  });

  it('records each alias-table row it used as a judgement with its source row and first CSV cell', async () => {
    const { yoga } = testApp();
    const res = await gql(
      yoga,
      `{ judgements(first: 100) { totalCount nodes { verdict status entity other name by source locator firstSeen occurrences } }
         deepmind: entity(key: "company:google-deepmind") { judgements { name locator entity } } }`,
    );
    expect(res.errors).toBeUndefined();
    const list = res.data?.judgements;
    // One per alias-table row used; a second import (below) adds none.
    expect(list.totalCount).toBe(first.aliasJudgements);
    expect(first.aliasJudgements).toBeGreaterThan(40);
    const deepMind = list.nodes.find((j: any) => j.name === 'DeepMind');
    expect(deepMind).toMatchObject({
      verdict: 'positive',
      status: 'active',
      entity: 'company:google-deepmind',
      other: null,
      by: 'epoch-import',
      source: 'src/import/epoch/aliases.ts',
      locator: 'ORG_ALIASES["DeepMind"]',
    });
    // Its first cell really holds the name: the row and column it names, read from the CSV by this test.
    const [, row, column] = /^epoch_gpu_clusters\.csv row (\d+), (\w+)$/.exec(deepMind.firstSeen) ?? [];
    expect(items(raw.clusters[Number(row) - 1]?.[column!])).toContain('DeepMind');
    // Its count: the cells of both files that name DeepMind, as this test reads them.
    const cells = [
      ...raw.clusters.flatMap((r) => [...items(r.Owner), ...items(r.Users)]),
      ...raw.sites.flatMap((r) =>
        tagged(r.Owner)
          .concat(tagged(r.Users), tagged(r.Investors))
          .map((t) => t.name),
      ),
    ];
    expect(deepMind.occurrences).toBeGreaterThan(0);
    expect(deepMind.occurrences).toBeLessThanOrEqual(cells.filter((c) => c === 'DeepMind').length);
    // The entity page shows it, with the other names that mean Google DeepMind.
    expect(res.data?.deepmind.judgements.map((j: any) => j.name).sort()).toEqual(['DeepMind', 'Google DeepMind']);
    // Every alias judgement names an entity that exists and a row of the tables.
    for (const j of list.nodes) expect(j.locator).toMatch(/^(ORG_ALIASES|CHIP_ALIASES|COUNTRIES)\[".+"\]$/);
  });

  it('places DayOne Nusajaya, Bridge Data Centres Kulai and YTL AI Johor under Johor → Malaysia', async () => {
    const context = await epoch.entityContext([
      'datacenter:epoch-site-dayone-nusajaya',
      'datacenter:epoch-site-bridge-data-centres-kulai',
      'datacenter:epoch-cluster-ytl-ai-johor',
    ]);
    expect(context).toHaveLength(3);
    for (const c of context) expect(c.within).toEqual(expect.arrayContaining(['place:my-johor', 'place:my']));
    expect(context.find((c) => c.key.endsWith('kulai'))?.within).toContain('place:my-johor-kulai');
  });
});

describe('Epoch import: known data problems stay visible', () => {
  it('keeps the anonymized Chinese systems anonymized, each its own entity, with no owner', async () => {
    const anonymized = files.clusters.records.filter((r) => r.cells.Name === ANONYMIZED_NAME).length;
    expect(anonymized).toBe(257);
    const caveats = await epoch.caveats();
    expect(caveats.anonymized).toBe(anonymized);
    expect(caveats.anonymizedOwnerships).toBe(0);
  });

  it('flags the six GB300 rows whose H100e is suspect', async () => {
    const { suspectH100e } = await epoch.caveats();
    expect(suspectH100e.map((s) => s.name)).toEqual(GB300_ROWS);
    expect(suspectH100e.find((s) => s.name === 'Stargate UAE Phase 1')?.h100e).toBeCloseTo(8337.544, 2);
  });
});

describe('Epoch × article questions', () => {
  it('(a) finds the Johor data centres that may serve ByteDance, beside the article’s Johor claim', async () => {
    const johor = await epoch.sitesServingCompanyInPlace('place:my-johor', 'company:bytedance');
    expect(johor.epochSites.map((s) => s.name)).toEqual(['Bridge Data Centres Kulai', 'DayOne Nusajaya']);
    const dayOne = johor.epochSites.find((s) => s.name === 'DayOne Nusajaya')!;
    expect(new Set(dayOne.evidence.map((e) => e.confidence))).toEqual(new Set(['likely']));
    expect(dayOne.evidence.map((e) => e.kind)).toEqual(['ChipOwnership', 'ChipOwnership', 'ChipOwnership']);
    expect(dayOne.evidence[0]).toMatchObject({
      chip: 'Nvidia H100',
      date: '2024-12-31',
      license: 'CC BY 4.0',
      locator: expect.stringMatching(/^data_center_chip_quantities\.csv row \d+; handle H100 at DayOne Nusajaya/),
    });
    expect(dayOne.evidence[0]?.snippet).toContain('Owner=ByteDance #likely, Oracle #likely');
    const kulai = johor.epochSites.find((s) => s.name === 'Bridge Data Centres Kulai')!;
    expect(new Set(kulai.evidence.map((e) => e.kind))).toEqual(new Set(['ChipOwnership', 'Usage']));
    expect(kulai.evidence.every((e) => e.confidence === 'likely')).toBe(true);
    expect(johor.otherClaims.map((c) => c.assertionKey)).toEqual(['fact:bytedance-johor-datacenter-projects']);
    expect(johor.otherClaims[0]?.attribution).toBe('sources familiar with the matter');
  });

  it('(b) sums H100-equivalents existing vs planned by country, per dataset', async () => {
    const rows = await epoch.h100eByCountry();
    const sum = (country: string, status: string) =>
      files.clusters.records
        .filter((r) => r.cells.Country === country && r.cells.Status === status)
        .reduce((s, r) => s + Number(r.cells['H100 equivalents'] || 0), 0);
    const us = rows.find((r) => r.dataset === 'epoch-gpu-clusters' && r.countryKey === 'place:us')!;
    expect(us.existingH100e).toBeCloseTo(sum('United States of America', 'Existing'), 3);
    expect(us.plannedH100e).toBeCloseTo(sum('United States of America', 'Planned'), 3);
    expect(us.suspectRows).toBe(3); // the other three GB300 rows are in AE, SA and TW
    const cn = rows.find((r) => r.dataset === 'epoch-gpu-clusters' && r.countryKey === 'place:cn')!;
    expect(cn.existingH100e).toBeCloseTo(sum('China', 'Existing'), 3);
    const my = rows.find((r) => r.dataset === 'epoch-ai-data-centers' && r.countryKey === 'place:my')!;
    // DayOne's current 281,670 H100e (site table) plus Kulai's latest reported build-out, if any.
    expect(my.existingH100e).toBeGreaterThanOrEqual(281670);
  });

  it('(c) lists the largest clusters per owner', async () => {
    const owners = await epoch.largestClustersPerOwner(2, 10);
    const largest = files.clusters.records
      .filter((r) => r.cells.Owner && r.cells['H100 equivalents'])
      .sort((a, b) => Number(b.cells['H100 equivalents']) - Number(a.cells['H100 equivalents']))[0]!;
    expect(owners[0]?.clusters[0]?.name).toBe(largest.cells.Name);
    expect(owners[0]?.largestH100e).toBeCloseTo(Number(largest.cells['H100 equivalents']), 3);
    expect(owners).toHaveLength(10);
    for (const o of owners) expect(o.clusters.length).toBeLessThanOrEqual(2);
    const metaAi = owners.find((o) => o.ownerKey === 'company:meta-ai');
    expect(metaAi?.parentKey).toBe('company:meta');
  });

  it('(d) finds owners deploying Nvidia chips the U.S. export controls restrict', async () => {
    const owners = await epoch.restrictedChipOwners();
    const bytedance = owners.find((o) => o.ownerKey === 'company:bytedance')!;
    expect(bytedance.domicile).toEqual(['China']);
    expect(bytedance.restrictionConcerns).toContain('China');
    expect(bytedance.restrictedBy.sort()).toEqual(['Nvidia Blackwell series', 'Nvidia H100']);
    expect(bytedance.chips.sort()).toEqual(['Nvidia B200', 'Nvidia B300 (Blackwell Ultra)', 'Nvidia H100']);
    expect(bytedance.siteNames.sort()).toEqual(['Bridge Data Centres Kulai', 'DayOne Nusajaya']);
    expect(bytedance.bases).toEqual(['owns the chips']);
    const xai = owners.find((o) => o.owner === 'xAI')!;
    expect(xai.chips).toEqual(expect.arrayContaining(['Nvidia H100', 'Nvidia GB200']));
    // Only Nvidia chips under the seed's restricted H100 / Blackwell series; A100, H200, TPUs never count.
    const restricted = [
      'Nvidia H100',
      'Nvidia B200',
      'Nvidia GB200',
      'Nvidia B300 (Blackwell Ultra)',
      'Nvidia GB300 (Blackwell Ultra)',
    ];
    for (const o of owners) for (const chip of o.chips) expect(restricted).toContain(chip);
    expect(owners.map((o) => o.ownerKey)).not.toContain('organization:us-department-of-energy');
  });

  it('(d) is inferred: every row names its rules, the controls’ jurisdiction and context, and whether they bind the owner', async () => {
    const owners = await epoch.restrictedChipOwners();
    const parts = ['Nvidia B200', 'Nvidia GB200', 'Nvidia B300 (Blackwell Ultra)', 'Nvidia GB300 (Blackwell Ultra)'];
    for (const o of owners) {
      expect(o.jurisdiction).toBe('United States');
      expect(o.restrictionConcerns).toEqual(['China']);
      // Only Blackwell parts come through the family rule; the rule is named exactly when one of them is held.
      expect(o.chipsViaFamily.sort()).toEqual(o.chips.filter((c) => parts.includes(c)).sort());
      expect(o.rules).toEqual(
        o.chipsViaFamily.length
          ? ['rule:holders-of-restricted-chips', 'rule:chip-family-members']
          : ['rule:holders-of-restricted-chips'],
      );
      expect(o.inRestrictionContext).toBe(o.domicile.length ? o.domicile.includes('China') : null);
    }
    const bytedance = owners.find((o) => o.ownerKey === 'company:bytedance')!;
    expect(bytedance).toMatchObject({
      inRestrictionContext: true,
      chipsViaFamily: ['Nvidia B200', 'Nvidia B300 (Blackwell Ultra)'],
    });
    // Microsoft holds restricted chips, but is a U.S. company: nothing says the controls restrict it.
    const microsoft = owners.find((o) => o.ownerKey === 'company:microsoft')!;
    expect(microsoft).toMatchObject({ domicile: ['United States'], inRestrictionContext: false });
  });

  it('writes every link with its sources: Epoch’s row, the alias table, and the declared Blackwell reference', async () => {
    const cypher = (text: string) => ({ name: 'test/epoch-links', text });
    const [unsourced] = await db.read<{ n: number }>(
      cypher(
        'MATCH ()-[r:PART_OF|MADE_BY|LOCATED_IN|UNIT_OF]->() WHERE coalesce(size(r.sourceKeys), 0) = 0 RETURN count(r) AS n',
      ),
    );
    expect(unsourced?.n).toBe(0);
    const [b200] = await db.read<{ rel: string; to: string; sources: string[]; snippets: string[] }>(
      cypher(`MATCH (:Chip {key: 'chip:nvidia-b200'})-[r:UNIT_OF]->(f) RETURN type(r) AS rel, f.key AS to,
         r.sourceKeys AS sources, r.snippets AS snippets`),
    );
    // The first row naming the B200 (the GPU-clusters file is read first) is cited with its cell; the membership
    // itself with the alias-table entry and the declared reference.
    expect(b200).toEqual({
      rel: 'UNIT_OF',
      to: 'chip:nvidia-blackwell',
      sources: ['source:epoch-gpu-clusters', 'source:epoch-import-alias-table', 'source:ref-nvidia-blackwell-parts'],
      snippets: [
        'NVIDIA B200',
        'NVIDIA B200 → chip:nvidia-b200, a part of chip:nvidia-blackwell',
        'Nvidia B200 is a part of Nvidia’s Blackwell series',
      ],
    });
    const [reference] = await db.read<{ kind: string; url: string | null }>(
      cypher(`MATCH (s:Source {key: 'source:ref-nvidia-blackwell-parts'}) RETURN s.kind AS kind, s.url AS url`),
    );
    expect(reference).toEqual({ kind: 'reference', url: null });
  });
});

describe('Epoch questions over GraphQL, with the CC BY 4.0 credit', () => {
  const { yoga } = testApp();

  it('answers which Johor data centres may serve ByteDance, beside the article’s claim', async () => {
    const res = await gql(
      yoga,
      `{ sitesServingCompany(place: "place:my-johor", company: "company:bytedance") {
      epochSites { site { name } evidence { confidence locator source { license citation } } }
      otherSources { summary source { title } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const answer = res.data?.sitesServingCompany;
    const names = answer.epochSites.map((s: any) => s.site.name);
    expect(names.some((n: string) => /Kulai/.test(n))).toBe(true);
    expect(names.some((n: string) => /Nusajaya/.test(n))).toBe(true);
    for (const site of answer.epochSites) {
      for (const e of site.evidence) {
        expect(e.source.license).toBe('CC BY 4.0');
        expect(e.source.citation).toContain('Epoch AI');
        expect(e.confidence).not.toBe('confirmed');
      }
    }
    expect(answer.otherSources.map((c: any) => c.source.title)).toContain(
      'Chinese Tech Giants Boost AI Investment Despite U.S. Sanctions',
    );
  });

  it('serves H100e by country, largest clusters per owner and restricted-chip owners', async () => {
    const res = await gql(
      yoga,
      `{
      h100eByCountry { rows { dataset country { key } existingH100e plannedH100e source { license } } }
      largestClustersPerOwner(perOwner: 1, first: 3) { truncated rows { owner { name } largestH100e clusters { name h100e } source { license } } }
      restrictedChipOwners { rows { owner { key } chips } }
    }`,
    );
    expect(res.errors).toBeUndefined();
    const us = res.data?.h100eByCountry.rows.find(
      (r: any) => r.country?.key === 'place:us' && r.dataset === 'epoch-gpu-clusters',
    );
    expect(us.existingH100e).toBeGreaterThan(0);
    expect(us.source.license).toBe('CC BY 4.0');
    const owners = res.data?.largestClustersPerOwner.rows;
    expect(res.data?.largestClustersPerOwner.truncated).toBe(true);
    expect(owners).toHaveLength(3);
    expect(owners[0].largestH100e).toBeGreaterThanOrEqual(owners[1].largestH100e);
    expect(res.data?.restrictedChipOwners.rows.map((o: any) => o.owner.key)).toContain('company:bytedance');
  });
});
