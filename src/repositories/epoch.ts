import type { DbScope } from '../db/database.ts';
import { statement } from '../db/statements.ts';
import { int } from '../db/values.ts';

/** Cross-world questions over the Epoch AI import (cypher/epoch/*) and checks of what it wrote. */

const SITES_SERVING = statement('epoch/sites-serving-company-in-place');
const COMPANY_CLAIMS = statement('epoch/company-claims-in-place');
const H100E_BY_COUNTRY = statement('epoch/h100e-by-country');
const LARGEST_PER_OWNER = statement('epoch/largest-clusters-per-owner');
const RESTRICTED_OWNERS = statement('epoch/restricted-chip-owners');
const IMPORT_SUMMARY = statement('epoch/import-summary');
const PROVENANCE = statement('epoch/provenance');
const CAVEATS = statement('epoch/caveats');
const ENTITY_CONTEXT = statement('epoch/entity-context');
const BY_ALIAS = statement('epoch/entities-by-alias');

export const EPOCH_PUBLISHER_KEY = 'organization:epoch-ai';
/** The seed's inference rules (cypher/seed/article.ndjson): who holds a restricted chip, and chip families. */
export const HOLDER_RULE = 'rule:holders-of-restricted-chips';
export const FAMILY_RULE = 'rule:chip-family-members';
const NVIDIA = 'company:nvidia';

export interface EpochEvidence {
  assertionKey: string;
  kind: string;
  partyKey: string;
  party: string;
  confidence: string | null;
  mode: string;
  date: string | null;
  chip: string | null;
  locator: string;
  snippet: string;
  sourceKey: string;
  source: string;
  license: string;
  citation: string;
}

export interface EpochSite {
  key: string;
  name: string;
  dataset: string;
  placeKey: string;
  place: string;
  evidence: EpochEvidence[];
}

export interface OtherClaim {
  assertionKey: string;
  kind: string;
  summary: string;
  mode: string;
  attribution: string | null;
  note: string | null;
  snippets: string[];
  sourceKey: string;
  source: string;
}

export interface SitesServingCompany {
  epochSites: EpochSite[];
  otherClaims: OtherClaim[];
}

export interface CountryH100e {
  dataset: string;
  countryKey: string | null;
  country: string | null;
  existingH100e: number;
  plannedH100e: number;
  existingCount: number;
  plannedCount: number;
  suspectRows: number;
}

export interface OwnerClusters {
  ownerKey: string;
  owner: string;
  parentKey: string | null;
  parent: string | null;
  clusterCount: number;
  largestH100e: number;
  clusters: {
    key: string;
    name: string;
    h100e: number;
    status: string;
    certainty: string;
    confidence: string | null;
    suspectH100e: boolean;
    country: string | null;
    locator: string;
  }[];
}

export interface RestrictedChipOwner {
  ownerKey: string;
  owner: string;
  domicile: string[];
  restrictedBy: string[];
  restrictionConcerns: string[];
  chips: string[];
  /** The chips counted only through the chip-family rule (a part UNIT_OF a restricted family). */
  chipsViaFamily: string[];
  /** The inference rules the row used (keys). */
  rules: string[];
  /** Whose law the regulation is (the holder rule's jurisdiction), e.g. United States. */
  jurisdiction: string | null;
  /** Whether the owner is domiciled in a place the restriction concerns; null when its domicile is unknown. */
  inRestrictionContext: boolean | null;
  sites: number;
  siteNames: string[];
  bases: string[];
  confidences: string[];
}

export function epochRepository(db: DbScope) {
  return {
    /** (a) e.g. Johor × ByteDance: Epoch's sites with their evidence, beside the other sources' claims. */
    async sitesServingCompanyInPlace(placeKey: string, companyKey: string, limit = 1000): Promise<SitesServingCompany> {
      const params = { placeKey, companyKey, publisherKey: EPOCH_PUBLISHER_KEY, limit: int(limit) };
      return {
        epochSites: await db.read<EpochSite>(SITES_SERVING, params),
        otherClaims: await db.read<OtherClaim>(COMPANY_CLAIMS, params),
      };
    },
    /** (b) */
    h100eByCountry(limit = 1000): Promise<CountryH100e[]> {
      return db.read<CountryH100e>(H100E_BY_COUNTRY, { limit: int(limit) });
    },
    /** (c) */
    largestClustersPerOwner(perOwner = 3, limit = 25): Promise<OwnerClusters[]> {
      return db.read<OwnerClusters>(LARGEST_PER_OWNER, { perOwner: int(perOwner), limit: int(limit) });
    },
    /** (d) Owners deploying Nvidia chips that the U.S. export controls restrict: inferred through the stated rules. */
    restrictedChipOwners(limit = 1000, holderRule = HOLDER_RULE, familyRule = FAMILY_RULE, vendorKey = NVIDIA) {
      return db.read<RestrictedChipOwner>(RESTRICTED_OWNERS, { holderRule, familyRule, vendorKey, limit: int(limit) });
    },
    importSummary() {
      return db.read<{ what: string; dataset: string; kind: string; file: string; n: number }>(IMPORT_SUMMARY, {
        publisherKey: EPOCH_PUBLISHER_KEY,
      });
    },
    async provenance(keyPrefix = 'fact:epoch-', license = 'CC BY 4.0') {
      const [row] = await db.read<{ assertions: number; withProvenance: number; gaps: string[] }>(PROVENANCE, {
        keyPrefix,
        license,
        publisherKey: EPOCH_PUBLISHER_KEY,
      });
      return row ?? { assertions: 0, withProvenance: 0, gaps: [] };
    },
    async caveats() {
      const [row] = await db.read<{
        anonymized: number;
        anonymizedOwnerships: number;
        suspectH100e: { key: string; name: string; row: number; h100e: number }[];
      }>(CAVEATS);
      return row!;
    },
    entityContext(keys: string[]) {
      return db.read<{
        key: string;
        kind: string;
        name: string;
        resolution: string | null;
        unitOf: string[];
        within: string[];
        madeBy: string[];
      }>(ENTITY_CONTEXT, { keys });
    },
    entitiesByAlias(alias: string) {
      return db.read<{ key: string; kind: string; name: string }>(BY_ALIAS, {
        alias: alias.normalize('NFKC').toLowerCase().trim(),
      });
    },
  };
}
