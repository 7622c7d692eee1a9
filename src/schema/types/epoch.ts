import { listSize } from '../../domain/limits.ts';
import { confidenceList } from '../../domain/vocabulary.ts';
import { epochViews } from '../../queries/views.ts';
import type {
  CountryH100e,
  EpochEvidence,
  EpochSite,
  OtherClaim,
  OwnerClusters,
  RestrictedChipOwner,
} from '../../repositories/epoch.ts';
import type { RuleRow } from '../../repositories/provenance.ts';
import { builder } from '../builder.ts';
import { CAPPED_FIRST, cappedListOf, cappedRows, DOCUMENTED_MAX_PAGE_SIZE as MAX_PAGE_SIZE } from '../connection.ts';
import type { Context } from '../context.ts';
import { existingKey } from '../keys.ts';
import { InferenceRuleRef } from './provenance.ts';
import { AssertionRef, asSource, EntityRef, SourceRef } from './refs.ts';

/**
 * Questions that join the article's world with Epoch AI's open data (CC BY 4.0). Every answer
 * carries the dataset source, whose license and citation fields give the required credit.
 */
const sourceField = <Row>(key: (row: Row) => string) => ({
  type: SourceRef,
  nullable: true as const,
  description: 'The Epoch AI dataset (license and citation: CC BY 4.0 credit).',
  resolve: async (row: Row, _args: unknown, ctx: Context) => {
    const source = await ctx.loaders.source.load(key(row));
    return source ? asSource(source) : null;
  },
});
const entity = <Row>(key: (row: Row) => string | null, description: string) => ({
  type: EntityRef,
  nullable: true as const,
  description,
  resolve: (row: Row, _args: unknown, ctx: Context) => {
    const k = key(row);
    return k ? ctx.loaders.entity.load(k) : null;
  },
});
const datasetSource = (dataset: string) => `source:${dataset}`;

const EvidenceRef = builder.objectRef<EpochEvidence>('EpochEvidence').implement({
  description: 'One Epoch row that links a site to a company, with Epoch’s own confidence (never upgraded).',
  fields: (t) => ({
    fact: t.field({
      type: AssertionRef,
      nullable: true,
      description: 'The fact the row became, with all its sources.',
      resolve: (e, _a, ctx) => ctx.loaders.assertion.load(e.assertionKey),
    }),
    kind: t.exposeString('kind', {
      description:
        'The fact’s kind: `Ownership`, `ChipOwnership` or `Usage` (who owns the site, its chips, or uses it).',
    }),
    party: t.field(entity((e) => e.partyKey, 'The company (or unit of it) the row links to the site.')),
    confidence: t.exposeString('confidence', {
      nullable: true,
      description: `Epoch’s own confidence, never upgraded: ${confidenceList()}; null when Epoch gives none.`,
    }),
    mode: t.exposeString('mode', {
      description: '`reported`, or `forecast` for rows dated after Epoch’s snapshot and planned clusters.',
    }),
    date: t.exposeString('date', { nullable: true, description: 'The row’s date (YYYY-MM-DD), when it has one.' }),
    chip: t.exposeString('chip', { nullable: true, description: 'The chip the row concerns, e.g. "Nvidia A100".' }),
    locator: t.exposeString('locator', { description: 'Row or handle in the dataset.' }),
    snippet: t.exposeString('snippet', { description: 'The row’s own cell values.' }),
    source: t.field(sourceField((e) => e.sourceKey)),
  }),
});

const EpochSiteRef = builder.objectRef<EpochSite>('EpochSite').implement({
  description: 'A site or cluster in Epoch’s data, in the place asked about.',
  fields: (t) => ({
    site: t.field(entity((s) => s.key, 'The data centre or cluster.')),
    place: t.field(entity((s) => s.placeKey, 'The place it is located in (the one asked about or within it).')),
    dataset: t.exposeString('dataset', {
      description: 'The Epoch dataset: `epoch-ai-data-centers` or `epoch-gpu-clusters`.',
    }),
    evidence: t.field({
      type: [EvidenceRef],
      description: 'The rows linking it to the company.',
      resolve: (s) => s.evidence,
    }),
  }),
});

const OtherClaimRef = builder.objectRef<OtherClaim>('OtherSourceClaim').implement({
  description: 'What other sources (e.g. the article) say about the company in that place.',
  fields: (t) => ({
    fact: t.field({
      type: AssertionRef,
      nullable: true,
      description: 'The fact itself.',
      resolve: (c, _a, ctx) => ctx.loaders.assertion.load(c.assertionKey),
    }),
    summary: t.exposeString('summary', { description: 'The fact’s one-line summary.' }),
    attribution: t.exposeString('attribution', {
      nullable: true,
      description: 'Who the source credits, e.g. "sources familiar with the matter".',
    }),
    snippets: t.exposeStringList('snippets', { description: 'The source’s verbatim words supporting it.' }),
    source: t.field(sourceField((c) => c.sourceKey)),
  }),
});

const SitesServingRef = builder
  .objectRef<{ epochSites: EpochSite[]; otherClaims: OtherClaim[]; truncated: boolean }>('SitesServingCompany')
  .implement({
    description: 'Epoch’s sites in a place linked to a company, beside what other sources claim.',
    fields: (t) => ({
      epochSites: t.field({
        type: [EpochSiteRef],
        description: 'At most `first`, by name.',
        resolve: (r) => r.epochSites,
      }),
      otherSources: t.field({
        type: [OtherClaimRef],
        description: 'At most `first`, by fact key.',
        resolve: (r) => r.otherClaims,
      }),
      truncated: t.exposeBoolean('truncated', { description: 'True when either list had more than `first` rows.' }),
    }),
  });

const CountryH100eRef = builder.objectRef<CountryH100e>('CountryH100e').implement({
  description: 'H100-equivalents existing vs planned in a country, per Epoch dataset (datasets overlap: not summed).',
  fields: (t) => ({
    dataset: t.exposeString('dataset', {
      description: 'The Epoch dataset: `epoch-gpu-clusters` or `epoch-ai-data-centers`.',
    }),
    country: t.field(entity((r) => r.countryKey, 'The country (null for rows Epoch places in none).')),
    existingH100e: t.exposeFloat('existingH100e', {
      description: 'H100-equivalents in operation: Existing clusters, or sites’ current capacity.',
    }),
    plannedH100e: t.exposeFloat('plannedH100e', {
      description:
        'H100-equivalents planned: Planned clusters, or sites’ projected peak beyond their current capacity.',
    }),
    existingCount: t.exposeInt('existingCount', { description: 'How many clusters or sites count as existing.' }),
    plannedCount: t.exposeInt('plannedCount', { description: 'How many clusters or sites have planned capacity.' }),
    suspectRows: t.exposeInt('suspectRows', { description: 'GB300 rows whose H100e Epoch likely understates.' }),
    source: t.field(sourceField((r) => datasetSource(r.dataset))),
  }),
});

type Cluster = OwnerClusters['clusters'][number];
const ClusterRef = builder.objectRef<Cluster>('OwnedCluster').implement({
  description: 'A GPU cluster of an owner, by H100-equivalents.',
  fields: (t) => ({
    cluster: t.field(entity((c) => c.key, 'The cluster as an entity.')),
    name: t.exposeString('name', { description: 'Epoch’s name of the cluster.' }),
    h100e: t.exposeFloat('h100e', { description: 'Its size in H100-equivalents, as Epoch gives it.' }),
    status: t.exposeString('status', { description: 'Epoch’s status: Existing, Planned or Decommissioned.' }),
    certainty: t.exposeString('certainty', { description: 'Epoch’s certainty: Confirmed, Likely or Unlikely.' }),
    suspectH100e: t.exposeBoolean('suspectH100e', {
      description: 'True for GB300 rows whose H100e Epoch likely understates.',
    }),
    country: t.exposeString('country', { nullable: true, description: 'Epoch’s country cell, e.g. "United States".' }),
    locator: t.exposeString('locator', { description: 'The CSV row, e.g. "epoch_gpu_clusters.csv row 12".' }),
  }),
});

const OwnerClustersRef = builder.objectRef<OwnerClusters>('OwnerClusters').implement({
  description: 'An owner’s largest GPU clusters in Epoch’s data.',
  fields: (t) => ({
    owner: t.field(entity((o) => o.ownerKey, 'The owner of the clusters.')),
    parent: t.field(entity((o) => o.parentKey, 'The organisation the owner is a unit of, if any.')),
    clusterCount: t.exposeInt('clusterCount', { description: 'How many clusters it owns in Epoch’s data.' }),
    largestH100e: t.exposeFloat('largestH100e', { description: 'H100-equivalents of its largest cluster.' }),
    clusters: t.field({
      type: [ClusterRef],
      description: 'Its largest clusters, at most `perOwner`, largest first.',
      resolve: (o) => o.clusters,
    }),
    source: t.field(sourceField(() => 'source:epoch-gpu-clusters')),
  }),
});

const RestrictedOwnerRef = builder.objectRef<RestrictedChipOwner>('RestrictedChipOwner').implement({
  description:
    'An owner that holds chips the U.S. export controls restrict (Epoch deployments × the article’s controls). ' +
    'Inferred, never stated by a source: `rules` names the inference rules used, `jurisdiction` whose controls they ' +
    'are and `restrictionConcerns` the places the article says they concern; `inRestrictionContext` false means the ' +
    'owner is based elsewhere, so nothing says the controls restrict it.',
  fields: (t) => ({
    owner: t.field(entity((o) => o.ownerKey, 'The owner.')),
    inferred: t.boolean({
      description: 'Always true: the row is inferred through `rules`, not stated by a source.',
      resolve: () => true,
    }),
    rules: t.field({
      type: [InferenceRuleRef],
      description:
        'The inference rules the row used: who holds a restricted chip, and (when `chipsViaFamily` is not empty) ' +
        'that a part of a restricted chip family shares its status.',
      resolve: async (o, _a, ctx) =>
        (await ctx.loaders.rule.loadMany(o.rules)).filter((r) => r !== null && !(r instanceof Error)) as RuleRow[],
    }),
    jurisdiction: t.exposeString('jurisdiction', {
      nullable: true,
      description: 'Whose export controls these are, e.g. "United States".',
    }),
    restrictionConcerns: t.exposeStringList('restrictionConcerns', {
      description: 'The places the source says the restriction concerns, e.g. ["China"].',
    }),
    inRestrictionContext: t.exposeBoolean('inRestrictionContext', {
      nullable: true,
      description:
        'Whether the owner (or what it is a unit of) is domiciled in one of `restrictionConcerns`: false for e.g. a ' +
        'U.S. company, which holds such chips but is not shown to be restricted by them; null when its domicile is unknown.',
    }),
    chipsViaFamily: t.exposeStringList('chipsViaFamily', {
      description:
        'Those of `chips` counted only as parts of a restricted family (e.g. Nvidia B200 of the Blackwell series).',
    }),
    domicile: t.exposeStringList('domicile', {
      description: 'Where it (or what it is a unit of) is based, from Domicile facts; empty when unknown.',
    }),
    chips: t.exposeStringList('chips', {
      description: 'The restricted chips it deploys, e.g. "Nvidia H100 SXM5 80GB".',
    }),
    sites: t.exposeInt('sites', { description: 'How many clusters or sites hold them.' }),
    siteNames: t.exposeStringList('siteNames', { description: 'Their names, the first 20.' }),
    bases: t.exposeStringList('bases', {
      description: 'How the chips are linked to the owner: "owns the cluster or site", "owns the chips".',
    }),
    confidences: t.exposeStringList('confidences', {
      description: `Epoch’s confidences of those rows: ${confidenceList()}.`,
    }),
  }),
});

const CountryH100eList = cappedListOf<CountryH100e>('CountryH100e', CountryH100eRef, 'country rows');
const OwnerClustersList = cappedListOf<OwnerClusters>('OwnerClusters', OwnerClustersRef, 'owners');
const RestrictedOwnerList = cappedListOf<RestrictedChipOwner>('RestrictedChipOwner', RestrictedOwnerRef, 'owners');

builder.queryFields((t) => ({
  sitesServingCompany: t.field({
    type: SitesServingRef,
    description:
      'Which data centres in a place may serve a company according to Epoch AI, beside other sources’ claims — ' +
      'e.g. place "place:my-johor", company "company:bytedance". Unknown keys are NOT_FOUND with the nearest keys.',
    args: {
      place: t.arg.string({
        required: true,
        description: 'Place key, e.g. `place:my-johor`; its sub-places count too.',
      }),
      company: t.arg.string({
        required: true,
        description: 'Company key, e.g. `company:bytedance`; its units count too.',
      }),
      first: t.arg.int(CAPPED_FIRST),
    },
    resolve: async (_root, args, ctx) => {
      const limit = cappedRows(ctx, args.first);
      // Both keys in one batch (one statement).
      const [place, company] = await Promise.all([
        existingKey(ctx, 'place', args.place),
        existingKey(ctx, 'company', args.company),
      ]);
      return epochViews.sitesServingCompany(ctx, place, company, limit);
    },
  }),
  h100eByCountry: t.field({
    type: CountryH100eList,
    description: `H100-equivalents existing vs planned, by country, from Epoch AI (CC BY 4.0); at most \`first\` rows (up to ${MAX_PAGE_SIZE}).`,
    args: { first: t.arg.int(CAPPED_FIRST) },
    resolve: async (_root, args, ctx) => {
      return epochViews.h100eByCountry(ctx, cappedRows(ctx, args.first));
    },
  }),
  largestClustersPerOwner: t.field({
    type: OwnerClustersList,
    description: `The largest GPU clusters per owner, from Epoch AI (CC BY 4.0); at most \`first\` owners (up to ${MAX_PAGE_SIZE}).`,
    args: {
      perOwner: t.arg.int({
        required: false,
        defaultValue: 3,
        description: 'Clusters per owner, 1 to 20 (more is an error); default 3.',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 25,
        description: `Owners, 1 to ${MAX_PAGE_SIZE} (MAX_PAGE_SIZE; more is an error); default 25.`,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const limit = cappedRows(ctx, args.first ?? 25);
      const perOwner = listSize('perOwner', args.perOwner ?? 3, 20, { min: 1 });
      return epochViews.largestClustersPerOwner(ctx, perOwner, limit);
    },
  }),
  restrictedChipOwners: t.field({
    type: RestrictedOwnerList,
    description:
      'Owners holding Nvidia chips that U.S. export controls restrict (per the article: they limit access to the H100 ' +
      'and the upcoming Blackwell series, in a China context), most sites first; at most ' +
      `\`first\` (up to ${MAX_PAGE_SIZE}). Inferred through stated rules (each row names them), not stated by a source; ` +
      'holding such chips is not being restricted by the controls (see `inRestrictionContext`).',
    args: { first: t.arg.int(CAPPED_FIRST) },
    resolve: async (_root, args, ctx) => {
      return epochViews.restrictedChipOwners(ctx, cappedRows(ctx, args.first));
    },
  }),
}));
