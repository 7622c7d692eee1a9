import type { EpochBuilder } from './builder.ts';

/** Epoch AI as publisher, and one Source per dataset with its CC BY 4.0 licence and suggested citation. */

export const EPOCH_PUBLISHER = 'organization:epoch-ai';
export const GPU_CLUSTERS_SOURCE = 'source:epoch-gpu-clusters';
export const DATA_CENTERS_SOURCE = 'source:epoch-ai-data-centers';
export const EPOCH_LICENSE = 'CC BY 4.0';
/** The importer's own name mappings, cited by the links they make (a curator's declaration, not Epoch's words). */
export const ALIAS_TABLE_SOURCE = 'source:epoch-import-alias-table';
/** The curator's reference for which chips are parts of Nvidia's Blackwell series (not retrieved: no network). */
export const BLACKWELL_PARTS_SOURCE = 'source:ref-nvidia-blackwell-parts';
export const EPOCH_CURATOR = 'curator:epoch-importer';

/** Snapshot dates from data/README.md: the exports state none, these are the evidence-based bounds. */
export const GPU_CLUSTERS_SNAPSHOT = '2025-11-16';
export const DATA_CENTERS_SNAPSHOT = '2026-07-17';

const LICENSE_NOTE =
  'Licence: Creative Commons Attribution 4.0 International (https://creativecommons.org/licenses/by/4.0/). ' +
  'Changed by this project: rows converted to graph records (entities, links, assertions); names resolved to ' +
  'graph entities through an explicit alias table; values otherwise as published.';

export function addEpochSources(b: EpochBuilder, hashes: { clusters: string; dataCenters: Record<string, string> }) {
  b.curator({
    key: EPOCH_CURATOR,
    name: 'The Epoch importer (src/import/epoch)',
    note:
      'Writes the summaries and notes of the facts it makes from Epoch AI’s CSV rows; the rows’ own words are in ' +
      'each fact’s snippet, its locator names the row.',
  });
  b.source({
    key: ALIAS_TABLE_SOURCE,
    title: 'Epoch import alias table (src/import/epoch/aliases.ts)',
    kind: 'manual',
    note:
      'The project’s hand-written mappings from Epoch AI’s names to graph entities: chip type → chip and its ' +
      'designer (and family), organisation → the entity it is a unit of, site → locality. A curator’s declaration, ' +
      'not a statement of Epoch AI; each citation’s locator names the table entry, its snippet what the entry says.',
  });
  b.source({
    key: BLACKWELL_PARTS_SOURCE,
    title: 'Nvidia Blackwell series parts (curator’s reference, not retrieved)',
    kind: 'reference',
    note:
      'That the B200 and GB200 (announced March 2024) and the Blackwell Ultra B300 and GB300 are parts of Nvidia’s ' +
      'Blackwell series is declared by the curator from Nvidia’s public product announcements, without network ' +
      'access: no page was retrieved here, so no URL, retrieval date or quotation is given, and each snippet states ' +
      'the claimed membership, not a source’s words.',
  });
  b.entity({
    kind: 'Organization',
    key: EPOCH_PUBLISHER,
    name: 'Epoch AI',
    aliases: ['Epoch'],
    props: { orgType: 'research_org', url: 'https://epoch.ai' },
  });
  b.source({
    key: GPU_CLUSTERS_SOURCE,
    title: 'Data on GPU Clusters',
    kind: 'dataset',
    publisher: EPOCH_PUBLISHER,
    url: 'https://epoch.ai/data/gpu-clusters',
    license: EPOCH_LICENSE,
    citation:
      "Epoch AI, 'Data on GPU Clusters'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/gpu-clusters' [online resource].",
    contentHash: `sha256:${hashes.clusters}`,
    note:
      `Snapshot: Epoch's export of about late October to mid-November 2025 (latest First Operational Date 2025-10-15; ` +
      `copy committed ${GPU_CLUSTERS_SNAPSHOT}), file epoch_gpu_clusters.csv, 786 records, taken byte for byte from ` +
      'GitHub aloupaslbs/Data-Viz gpu_clusters.csv at commit 8cfe3d75826906b4e3e7b43a991235b0ce04aaa5. ' +
      'Locators are "epoch_gpu_clusters.csv row N", N the 1-based CSV record (header excluded). ' +
      `${LICENSE_NOTE} Known caveats kept visible: Chinese systems anonymized (no owner); H100e of GB300 rows ` +
      'suspect (flagged suspectH100e); many planned quantities estimated from power (see each note).',
  });
  const files = Object.entries(hashes.dataCenters)
    .map(([file, sha]) => `${file} sha256:${sha}`)
    .join('; ');
  b.source({
    key: DATA_CENTERS_SOURCE,
    title: 'AI Data Centers (Frontier Data Centers hub)',
    kind: 'dataset',
    publisher: EPOCH_PUBLISHER,
    url: 'https://epoch.ai/data/ai-data-centers',
    license: EPOCH_LICENSE,
    citation:
      "Epoch AI, 'AI Data Centers'. Published online at epoch.ai. Retrieved from 'https://epoch.ai/data/ai-data-centers' [online resource].",
    note:
      `Snapshot: about ${DATA_CENTERS_SNAPSHOT} (latest Last Modified in the chip-quantities table), taken from GitHub ` +
      'manya-25/AI_Data_Centers_Analytics data/raw at commit 14358b1e796c9b2a00c7f311ac372e5255ba7c04. ' +
      `Files: ${files}. Locators are "<file> row N" (1-based CSV record, header excluded), plus the Handle for ` +
      `chip-quantity rows. ${LICENSE_NOTE} Values are Epoch's estimates (satellite imagery, permits, disclosures).`,
  });
}
