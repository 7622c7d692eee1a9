import type { EntityKind } from '../entity-props.ts';
import type { RoleType } from '../scalars.ts';
import type { ValueField } from './fields.ts';

/**
 * The kinds of fact, one row each: the one table the import format, the records, the export, the GraphQL fact
 * types, their root connections and the entity pages' fact lists are derived from (docs/adding-a-fact-kind.md).
 */
export interface FactKindSpec {
  /** The GraphQL type's description. */
  description: string;
  /** The root connection's name (e.g. `financialFigures`); none for kinds only reached through `assertions`. */
  plural?: string;
  /** The value fields it carries (src/domain/facts/fields.ts); the import refuses the others. */
  values: readonly ValueField[];
  /** GraphQL fields naming the entities in a role: the first one (`single`) or all of them, in role order. */
  roles: Readonly<Record<string, { role: RoleType; single?: boolean; description: string }>>;
  /** Lists of these facts on entity pages: `Company.figures` are the FinancialFigures a company is SUBJECT of. */
  lists?: readonly {
    on: readonly EntityKind[];
    field: string;
    roles: readonly RoleType[];
    description: string;
    /** The list takes a `metric` argument. */
    metric?: boolean;
    /** A list kept under an old name: still answering, marked deprecated in the schema. */
    deprecationReason?: string;
  }[];
  /**
   * What makes two facts of this kind statements of the same thing, so that they can disagree and be ranked against
   * each other (docs/data-model.md "Ranks, conflicts and corroboration"): the roles naming the statement's subject
   * (with the metric and the period, which every group includes), and `valueRoles`, the roles whose entities are its
   * value (a link's target; with `status`). Without `valueRoles` the value compared is the amount and the change.
   * Kinds without it form no statement group: each of their facts stands alone, and nothing outranks it.
   */
  statement?: { subject: readonly RoleType[]; valueRoles?: readonly RoleType[] };
}

const ORGANIZATIONS = ['Company', 'Organization'] as const;

/** Epoch's kinds (src/import/epoch): chips at a site, a dated build-out row, who uses a site, who owns its chips. */
const epochKind = (description: string, subjects: string, objects: string): FactKindSpec => ({
  description: `${description} From Epoch AI’s data (CC BY 4.0); every one cites its CSV row.`,
  values: ['metric', 'money', 'change', 'quantity', 'status', 'text'],
  roles: {
    subjects: { role: 'SUBJECT', description: subjects },
    objects: { role: 'OBJECT', description: objects },
  },
});

export const FACT_KINDS = {
  FinancialFigure: {
    plural: 'financialFigures',
    description:
      'A reported financial figure of one company for a period: capex, revenue, cash reserves … with the exact ' +
      'amount and/or the reported change.',
    statement: { subject: ['SUBJECT'] },
    values: ['metric', 'money', 'change'],
    roles: { company: { role: 'SUBJECT', single: true, description: 'The company the figure belongs to.' } },
    lists: [
      {
        on: ORGANIZATIONS,
        field: 'figures',
        roles: ['SUBJECT'],
        description: 'Its reported financial figures.',
        metric: true,
      },
    ],
  },
  GroupFigure: {
    plural: 'groupFigures',
    description:
      'A figure reported for a group of companies together ("Alibaba, Tencent and Baidu collectively spent …"). ' +
      'See `groupFigureChecks` for the reported total beside the sum of the members’ own figures.',
    statement: { subject: ['MEMBER'] },
    values: ['metric', 'money', 'reportedConversion', 'change'],
    roles: { members: { role: 'MEMBER', description: 'The companies in the group.' } },
    lists: [
      {
        on: ORGANIZATIONS,
        field: 'groupFigures',
        roles: ['MEMBER'],
        description: 'Group figures it is a member of.',
        metric: true,
      },
    ],
  },
  Position: {
    plural: 'positions',
    description: 'A person’s role at an organisation, as reported (e.g. Eddie Wu, CEO of Alibaba).',
    values: ['role'],
    roles: {
      person: { role: 'SUBJECT', single: true, description: 'The person.' },
      organization: { role: 'OBJECT', single: true, description: 'The organisation.' },
    },
    lists: [
      { on: ORGANIZATIONS, field: 'positions', roles: ['OBJECT'], description: 'People holding roles there.' },
      { on: ['Person'], field: 'positions', roles: ['SUBJECT'], description: 'Roles the person holds, as reported.' },
    ],
  },
  Ownership: {
    plural: 'ownerships',
    description: 'A parent–child link as reported (a news report’s “parent company”, not a consolidation record).',
    values: [],
    roles: {
      parent: { role: 'SUBJECT', single: true, description: 'The parent or owner.' },
      child: { role: 'OBJECT', single: true, description: 'The company or asset owned.' },
    },
    lists: [
      { on: ORGANIZATIONS, field: 'parents', roles: ['OBJECT'], description: 'Reported owners or parents.' },
      {
        on: ORGANIZATIONS,
        field: 'subsidiaries',
        roles: ['SUBJECT'],
        description: 'Reported subsidiaries or holdings.',
      },
    ],
  },
  Domicile: {
    plural: 'domiciles',
    description: 'Where an organisation is based, as the source states it (e.g. “Chinese technology companies”).',
    statement: { subject: ['SUBJECT'], valueRoles: ['OBJECT'] },
    values: [],
    roles: {
      organization: { role: 'SUBJECT', single: true, description: 'The organisation.' },
      country: { role: 'OBJECT', single: true, description: 'The country or place.' },
    },
    lists: [
      { on: ORGANIZATIONS, field: 'domiciles', roles: ['SUBJECT'], description: 'Where it is based, as reported.' },
      { on: ['Place'], field: 'domiciled', roles: ['OBJECT'], description: 'Organisations based there, as reported.' },
    ],
  },
  Procurement: {
    plural: 'procurements',
    description: 'Who buys which chips (or unnamed AI processors), as reported.',
    values: ['quantity', 'unitPrice'],
    roles: {
      buyers: { role: 'SUBJECT', description: 'The buyers (empty when the source names none).' },
      chips: { role: 'OBJECT', description: 'The chips bought (empty when unnamed).' },
    },
    lists: [
      { on: ORGANIZATIONS, field: 'purchases', roles: ['SUBJECT'], description: 'Chips and processors it buys.' },
      { on: ['Chip'], field: 'purchases', roles: ['OBJECT'], description: 'Who buys it, as reported.' },
    ],
  },
  ExportControlStatus: {
    plural: 'exportControlStatuses',
    description: 'How an export control bears on a chip: restricted, or designed to comply.',
    statement: { subject: ['SUBJECT', 'OBJECT'], valueRoles: [] },
    values: ['status'],
    roles: {
      regulation: { role: 'SUBJECT', single: true, description: 'The export control.' },
      chip: { role: 'OBJECT', single: true, description: 'The chip.' },
    },
    lists: [
      {
        on: ['Chip'],
        field: 'exportControls',
        roles: ['OBJECT'],
        description: 'Export controls that restrict it or that it is designed to comply with.',
      },
      {
        on: ['Regulation'],
        field: 'chipStatuses',
        roles: ['SUBJECT'],
        description: 'Chips it restricts or that are designed to comply with it.',
      },
    ],
  },
  Development: {
    plural: 'developments',
    description: 'A data-centre or infrastructure development by an organisation at a site or place.',
    values: ['status'],
    roles: {
      developer: { role: 'SUBJECT', single: true, description: 'Who builds or expands.' },
      project: { role: 'OBJECT', single: true, description: 'The site or project.' },
    },
    lists: [
      {
        on: ORGANIZATIONS,
        field: 'developments',
        roles: ['SUBJECT'],
        description: 'Data-centre and infrastructure developments.',
      },
      { on: ['DataCenter'], field: 'developments', roles: ['OBJECT'], description: 'Who develops it, as reported.' },
      { on: ['Place'], field: 'developments', roles: ['CONCERNS'], description: 'Developments concerning it.' },
    ],
  },
  Quote: {
    plural: 'quotes',
    description: 'Words quoted verbatim, with who said them and whom they concern.',
    values: ['metric', 'text'],
    roles: {
      speaker: { role: 'SPEAKER', single: true, description: 'Who said it.' },
      about: { role: 'CONCERNS', description: 'Whom or what it concerns.' },
    },
    lists: [
      { on: ORGANIZATIONS, field: 'quotesAbout', roles: ['CONCERNS'], description: 'Quotes concerning it.' },
      { on: ['Person'], field: 'quotes', roles: ['SPEAKER'], description: 'What the person said, verbatim.' },
    ],
  },
  Claim: {
    plural: 'claims',
    description:
      'A statement reported in paraphrase: analysts’ views, executives’ remarks, sources familiar with the matter.',
    values: ['metric', 'text'],
    roles: {
      speaker: {
        role: 'SPEAKER',
        single: true,
        description: 'Who made the claim (null when only attributed, see attribution).',
      },
      about: { role: 'CONCERNS', description: 'Whom or what it concerns.' },
      subjects: { role: 'SUBJECT', description: 'Whom the claim is about, when stated as its subject.' },
    },
    lists: [
      {
        on: ORGANIZATIONS,
        field: 'claimsAbout',
        roles: ['CONCERNS', 'SUBJECT'],
        description:
          'Claims about it (it is their subject or concerned), whoever made them — e.g. an analyst’s claim about ByteDance.',
      },
      {
        on: ORGANIZATIONS,
        field: 'claimsMade',
        roles: ['SPEAKER'],
        description:
          'Claims the organisation itself makes as their speaker (e.g. a publisher’s self-description). Not what its ' +
          'people said: for that, `positions { person { ... on Person { claimsMade quotes } } }`.',
      },
      {
        on: ORGANIZATIONS,
        field: 'statements',
        roles: ['SPEAKER'],
        description: 'Claims it makes (same as claimsMade).',
        deprecationReason:
          'Use claimsMade (claims it makes itself; its people’s are on positions { person { ... on Person { claimsMade } } }).',
      },
      {
        on: ['Person'],
        field: 'claimsMade',
        roles: ['SPEAKER'],
        description:
          'Claims the person made (they are the speaker), in the source’s paraphrase; their verbatim words are `quotes`.',
      },
      {
        on: ['Person'],
        field: 'claims',
        roles: ['SPEAKER'],
        description: 'What the person stated (same as claimsMade).',
        deprecationReason: 'Use claimsMade (the same claims, named like Company.claimsMade).',
      },
    ],
  },
  Forecast: {
    plural: 'forecasts',
    description: 'A forecast, e.g. analysts’ expected shipments of a chip, with quantity and unit price.',
    values: ['metric', 'quantity', 'unitPrice'],
    roles: {
      subjects: { role: 'SUBJECT', description: 'What is forecast (e.g. the chip).' },
      concerns: { role: 'CONCERNS', description: 'Markets and customers concerned.' },
    },
    lists: [
      { on: ['Chip'], field: 'forecasts', roles: ['SUBJECT'], description: 'Forecasts about it (e.g. shipments).' },
    ],
  },
  ChipDeployment: epochKind(
    'Chips deployed at a GPU cluster or data-centre site: which chip (object), how many (quantity), as of when (period).',
    'The cluster or site.',
    'The chip (empty when Epoch names none).',
  ),
  BuildOutSnapshot: epochKind(
    'One dated row of a site’s build-out: H100-equivalents (quantity), total capital cost (amount), construction ' +
      'status (text), other measures in note; rows after the snapshot are forecasts.',
    'The site.',
    'None (the row is about its site alone).',
  ),
  Usage: epochKind(
    'Who uses a GPU cluster or site (a cloud customer, a lab), with the chip concerned when Epoch names one.',
    'The user.',
    'The cluster or site.',
  ),
  ChipOwnership: epochKind(
    'Who owns the chips at a site (which may differ from who owns the site), with the chip concerned.',
    'The owner of the chips.',
    'The site.',
  ),
  Investment: {
    description:
      'Money put into a named target — a data-centre site or GPU cluster, a company, a project — by the investors the ' +
      'source names: the amount (with its price basis: nominal or constant 2025 dollars), as of when (period), how ' +
      'sure the source is (confidence). When the source gives one amount for several investors, it stays one fact with ' +
      'all of them and the whole amount (never split into invented shares). A company’s capex (a FinancialFigure) is ' +
      'spending without a named target, not an Investment (docs/data-model.md).',
    // No `plural`: its root connection `investments` has filters of its own (src/schema/types/investment.ts).
    statement: { subject: ['SUBJECT', 'OBJECT'] },
    values: ['metric', 'money'],
    roles: {
      investors: {
        role: 'SUBJECT',
        description: 'Who invests, as the source names them, in its order; empty when the source names no investor.',
      },
      target: {
        role: 'OBJECT',
        single: true,
        description: 'What is invested in: a site, a cluster, a company or a project.',
      },
    },
    lists: [
      {
        on: ORGANIZATIONS,
        field: 'investments',
        roles: ['SUBJECT'],
        description: 'What it invests in, how much, per source (alone or with co-investors named in the same fact).',
        metric: true,
      },
      {
        on: ORGANIZATIONS,
        field: 'investmentsReceived',
        roles: ['OBJECT'],
        description: 'Investments made in it.',
        metric: true,
      },
      {
        on: ['DataCenter'],
        field: 'investors',
        roles: ['OBJECT'],
        description:
          'Investments in it: who invests (`investors`, as each source names them, several sharing one amount when the ' +
          'source gives no split), how much, as of when, per source. Dated running totals (metric ' +
          'capital_cost_to_date) come with the current figure; filter with `metric`.',
        metric: true,
      },
    ],
  },
} as const satisfies Record<string, FactKindSpec>;

export type AssertionKind = keyof typeof FACT_KINDS;
export const ASSERTION_KINDS = Object.keys(FACT_KINDS) as [AssertionKind, ...AssertionKind[]];

/** A kind's row, typed as the general spec (the table itself is `as const` for its key type). */
export const factKind = (kind: AssertionKind): FactKindSpec => FACT_KINDS[kind];
