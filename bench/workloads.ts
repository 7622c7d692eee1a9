import { fromMinorUnits } from '../src/domain/money.ts';

/**
 * The workloads: for each, the request every contender gets and a function that reduces a
 * contender's response to one canonical value, so results are compared, not assumed equal.
 */

export type ContenderId = 'service' | 'neo4j-graphql' | 'floor';
export const CONTENDERS: ContenderId[] = ['service', 'neo4j-graphql', 'floor'];

/** Values taken from the imported data before measuring (see params.ts). */
export interface Params {
  /**
   * The instant of the as-of workloads (W1A, W4FA, W8A): the change log's last entry after the import, so an as-of
   * read sees the whole graph and answers what the current read answers; it does the as-of work all the same.
   */
  asOf: string;
  hubCompany: string;
  country: string;
  deepOffset: number;
  /** Key of the last fact before the deep page (the keyset cursor's value). */
  deepAfterKey: string;
  serviceDeepCursor: string;
  searchTerm: string;
  pathFrom: string;
  pathTo: string;
  maxHops: number;
  capexYear: number;
}

export interface Request {
  /** GraphQL document (service and @neo4j/graphql) or the floor's route. */
  query: string;
  variables: Record<string, unknown>;
}

export interface Workload {
  id: string;
  title: string;
  /** null: the contender cannot express it; `handWritten`: only through a hand-written @cypher field. */
  requests: (p: Params) => Partial<Record<ContenderId, Request>>;
  handWritten?: ContenderId[];
  canonical: Record<ContenderId, (data: any) => unknown>;
  /**
   * A workload only the service can express (as-of reads) is checked against the service's answer to this other
   * workload instead of the floor's: the two must answer the same.
   */
  sameAnswerAs?: string;
}

const sortedSupports = (sources: any[]) =>
  sources.map((s) => `${s.source?.key ?? s.node?.key}|${s.snippet ?? s.properties?.snippet}`).sort();

/** Sources as a list screen shows them: snippet, title and link (sorted: the contenders order sources differently). */
const listedSupports = (sources: any[]) =>
  sources.map((s) => `${s.source.key}|${s.snippet}|${s.source.title}|${s.source.url ?? null}`).sort();

const serviceFigure = (a: any) => ({ key: a.key, summary: a.summary, sources: sortedSupports(a.sources) });
const neo4jFigure = (a: any) => ({
  key: a.key,
  summary: a.summary,
  sources: sortedSupports(a.sourcesConnection.edges),
});
/** The service's search text as Lucene (each word exactly or as a prefix), see src/domain/search.ts. */
const lucene = (word: string) => `(${word} OR ${word}*)`;
const same = (fn: (d: any) => unknown) => ({ service: fn, floor: fn });

const FIGURES = `key summary sources { snippet source { key title } }`;
const NEO4J_FIGURES = `key summary sourcesConnection { edges { properties { snippet } node { key title } } }`;
const NOT_RETRACTED = `NOT: { rank: { eq: "deprecated" } }`;

export const WORKLOADS: Workload[] = [
  {
    id: 'W1',
    title: 'entity by key + 2 nested levels (10 newest financial figures, their sources)',
    requests: (p) => ({
      service: {
        query: `query($key: String!) { entity(key: $key) { key name kind
          facts(kinds: ["FinancialFigure"], first: 10) { ${FIGURES} } } }`,
        variables: { key: p.hubCompany },
      },
      'neo4j-graphql': {
        query: `query($key: String!) { entities(where: { key: { eq: $key } }) { key name kind
          subjectOf(where: { kind: { eq: "FinancialFigure" }, ${NOT_RETRACTED} }, limit: 10,
                    sort: [{ periodYear: DESC }, { key: ASC }]) { ${NEO4J_FIGURES} } } }`,
        variables: { key: p.hubCompany },
      },
      floor: { query: 'W1', variables: { key: p.hubCompany } },
    }),
    canonical: {
      ...same((d) => ({ key: d.entity.key, name: d.entity.name, facts: d.entity.facts.map(serviceFigure) })),
      'neo4j-graphql': (d) => {
        const e = d.entities[0];
        return { key: e.key, name: e.name, facts: e.subjectOf.map(neo4jFigure) };
      },
    },
  },
  {
    id: 'W2',
    title: 'filtered + sorted first page of a large connection (20 companies of the largest country, by name)',
    requests: (p) => ({
      service: {
        query: `query($country: String!) { companies(first: 20, filter: { country: $country }) {
          nodes { key name } pageInfo { hasNextPage endCursor } } }`,
        variables: { country: p.country },
      },
      'neo4j-graphql': {
        query: `query($country: String!) { companiesConnection(first: 20, sort: [{ name: ASC }, { key: ASC }],
          where: { subjectOf: { some: { kind: { eq: "Domicile" }, objects: { some: { key: { eq: $country } } } } } }) {
          edges { node { key name } } pageInfo { hasNextPage endCursor } } }`,
        variables: { country: p.country },
      },
      floor: { query: 'W2', variables: { country: p.country } },
    }),
    canonical: {
      ...same((d) => d.companies.nodes.map((n: any) => n.key)),
      'neo4j-graphql': (d) => d.companiesConnection.edges.map((e: any) => e.node.key),
    },
  },
  {
    id: 'W3',
    title: '3-level nested lists (10 companies → 5 figures each → sources)',
    requests: () => ({
      service: {
        query: `{ companies(first: 10) { nodes { key name facts(kinds: ["FinancialFigure"], first: 5) { ${FIGURES} } } } }`,
        variables: {},
      },
      'neo4j-graphql': {
        query: `{ companies(limit: 10, sort: [{ name: ASC }, { key: ASC }]) { key name
          figures(where: { ${NOT_RETRACTED} }, limit: 5, sort: [{ periodYear: DESC }, { key: ASC }]) { ${NEO4J_FIGURES} } } }`,
        variables: {},
      },
      floor: { query: 'W3', variables: {} },
    }),
    canonical: {
      ...same((d) => d.companies.nodes.map((c: any) => ({ key: c.key, facts: c.facts.map(serviceFigure) }))),
      'neo4j-graphql': (d) => d.companies.map((c: any) => ({ key: c.key, facts: c.figures.map(neo4jFigure) })),
    },
  },
  ...(['W4', 'W4F'] as const).map(
    (id): Workload => ({
      id,
      title:
        id === 'W4'
          ? 'deep page: 20 facts after ~50k (or 90 % of all) facts, by key'
          : 'first page of the same connection (baseline for W4)',
      requests: (p) => ({
        service: {
          query: `query($after: String) { assertions(first: 20, after: $after) { nodes { key kind summary }
            pageInfo { hasNextPage endCursor } } }`,
          variables: { after: id === 'W4' ? p.serviceDeepCursor : null },
        },
        'neo4j-graphql': {
          query: `query($after: String) { assertionsConnection(first: 20, after: $after, sort: [{ key: ASC }],
            where: { ${NOT_RETRACTED} }) { edges { node { key kind summary } } pageInfo { hasNextPage endCursor } } }`,
          // @neo4j/graphql cursors are offsets: "arrayconnection:<index of the last row seen>".
          variables: {
            after: id === 'W4' ? Buffer.from(`arrayconnection:${p.deepOffset - 1}`).toString('base64') : null,
          },
        },
        floor: { query: 'W4', variables: { after: id === 'W4' ? p.deepAfterKey : null } },
      }),
      canonical: {
        ...same((d) => d.assertions.nodes.map((n: any) => n.key)),
        'neo4j-graphql': (d) => d.assertionsConnection.edges.map((e: any) => e.node.key),
      },
    }),
  ),
  {
    id: 'W5',
    title: 'totalCount only (capex figures)',
    requests: () => ({
      service: { query: `{ financialFigures(filter: { metric: "capex" }) { totalCount } }`, variables: {} },
      'neo4j-graphql': {
        query: `{ financialFiguresConnection(where: { metric: { eq: "capex" }, ${NOT_RETRACTED} }) { totalCount } }`,
        variables: {},
      },
      floor: { query: 'W5', variables: {} },
    }),
    canonical: {
      ...same((d) => d.financialFigures.totalCount),
      'neo4j-graphql': (d) => d.financialFiguresConnection.totalCount,
    },
  },
  {
    id: 'W6',
    title: 'full-text search (companies matching a term, top 10)',
    requests: (p) => ({
      service: {
        query: `query($q: String!) { search(query: $q, types: [Company], first: 10) { score node { ... on Entity { key } } } }`,
        variables: { q: p.searchTerm },
      },
      // The Lucene query the service builds from the word (src/domain/search.ts), given as is to the others.
      'neo4j-graphql': {
        query: `query($q: String!) { searchEntities(phrase: $q, first: 10, where: { node: { kind: { eq: "Company" } } },
          sort: [{ score: DESC }, { node: { key: ASC } }]) { edges { score node { key } } } }`,
        variables: { q: lucene(p.searchTerm) },
      },
      floor: { query: 'W6', variables: { q: lucene(p.searchTerm) } },
    }),
    canonical: {
      ...same((d) => d.search.map((h: any) => h.node.key).sort()),
      'neo4j-graphql': (d) => d.searchEntities.edges.map((e: any) => e.node.key).sort(),
    },
  },
  {
    id: 'W7',
    title: 'shortest paths between two entities (≤ 4 hops)',
    handWritten: ['neo4j-graphql'],
    requests: (p) => ({
      service: {
        query: `query($from: String!, $to: String!, $maxHops: Int!) { paths(from: $from, to: $to, maxHops: $maxHops, first: 10) {
          nodes { ... on Entity { key } ... on Assertion { key } } } }`,
        variables: { from: p.pathFrom, to: p.pathTo, maxHops: p.maxHops },
      },
      'neo4j-graphql': {
        query: `query($from: String!, $to: String!, $maxHops: Int!) { entities(where: { key: { eq: $from } }) {
          shortestPathsTo(to: $to, maxHops: $maxHops) } }`,
        variables: { from: p.pathFrom, to: p.pathTo, maxHops: p.maxHops },
      },
      floor: { query: 'W7', variables: { from: p.pathFrom, to: p.pathTo, maxHops: p.maxHops } },
    }),
    canonical: {
      ...same((d) => d.paths.map((path: any) => path.nodes.map((n: any) => n.key).join('>')).sort()),
      'neo4j-graphql': (d) => [...d.entities[0].shortestPathsTo].sort(),
    },
  },
  {
    id: 'W8',
    title: 'aggregation: capex by country and period (one year, the first 100 rows)',
    handWritten: ['neo4j-graphql'],
    requests: (p) => ({
      service: {
        query: `query($year: Int!) { metricByCountry(metric: "capex", periodYear: $year) { rows { country { key } periodYear
          periodType total { amount currency } } } }`,
        variables: { year: p.capexYear },
      },
      'neo4j-graphql': {
        query: `query($year: Int!) { capexByCountryAndPeriod(year: $year) { country periodYear periodType currency amountMinor } }`,
        variables: { year: p.capexYear },
      },
      floor: { query: 'W8', variables: { year: p.capexYear } },
    }),
    canonical: {
      ...same((d) =>
        // The service answers a capped list ({ rows }), the floor a plain one.
        (d.metricByCountry.rows ?? d.metricByCountry)
          .map((r: any) => `${r.country?.key}|${r.periodYear}|${r.periodType}|${r.total.currency}|${r.total.amount}`)
          .sort(),
      ),
      'neo4j-graphql': (d) =>
        d.capexByCountryAndPeriod
          .map(
            (r: any) =>
              `${r.country ?? undefined}|${r.periodYear}|${r.periodType}|${r.currency}|${fromMinorUnits(r.amountMinor, r.currency)}`,
          )
          .sort(),
    },
  },
  {
    id: 'W9',
    title:
      'list screen: 10 companies of a country by name, each with its domicile country and its 3 newest figures with their sources',
    requests: (p) => ({
      service: {
        query: `query($country: String!) { companies(first: 10, filter: { country: $country }) { nodes { key name
          ... on Company { domiciles(first: 1) { country { key name } }
            figures(first: 3) { key summary period { label } amount { amount currency }
              sources { snippet source { key title url } } } } } } }`,
        variables: { country: p.country },
      },
      'neo4j-graphql': {
        query: `query($country: String!) { companies(limit: 10, sort: [{ name: ASC }, { key: ASC }],
          where: { domiciles: { some: { country: { some: { key: { eq: $country } } } } } }) { key name
          domiciles(where: { ${NOT_RETRACTED} }, limit: 1, sort: [{ key: ASC }]) { country { key name } }
          figures(where: { ${NOT_RETRACTED} }, limit: 3, sort: [{ periodYear: DESC }, { key: ASC }]) {
            key summary periodLabel amountMinor amountCurrency
            sourcesConnection { edges { properties { snippet } node { key title url } } } } } }`,
        variables: { country: p.country },
      },
      floor: { query: 'W9', variables: { country: p.country } },
    }),
    canonical: {
      ...same((d) =>
        d.companies.nodes.map((c: any) => ({
          key: c.key,
          name: c.name,
          countries: c.domiciles.map((m: any) => `${m.country?.key}|${m.country?.name}`),
          figures: c.figures.map((f: any) => ({
            key: f.key,
            summary: f.summary,
            period: f.period?.label ?? null,
            amount: f.amount ? `${f.amount.amount} ${f.amount.currency}` : null,
            sources: listedSupports(f.sources),
          })),
        })),
      ),
      'neo4j-graphql': (d) =>
        d.companies.map((c: any) => ({
          key: c.key,
          name: c.name,
          // A relationship is a list in @neo4j/graphql 7: a domicile names one country.
          countries: c.domiciles.map((m: any) => `${m.country[0]?.key}|${m.country[0]?.name}`),
          figures: c.figures.map((f: any) => ({
            key: f.key,
            summary: f.summary,
            period: f.periodLabel ?? null,
            amount:
              f.amountMinor === null ? null : `${fromMinorUnits(f.amountMinor, f.amountCurrency)} ${f.amountCurrency}`,
            sources: listedSupports(
              f.sourcesConnection.edges.map((e: any) => ({ snippet: e.properties.snippet, source: e.node })),
            ),
          })),
        })),
    },
  },
];

/**
 * The as-of twin of a current read: the same service request with `asOf` on its root field (`query`), checked against
 * the service's answer to the current read.
 */
function asOfTwin(id: string, title: string, query: string): Workload {
  const current = WORKLOADS.find((w) => w.id === id)!;
  const same = current.canonical.service;
  return {
    id: `${id}A`,
    title,
    requests: (p) => ({
      service: { query, variables: { ...current.requests(p).service!.variables, asOf: p.asOf } },
    }),
    canonical: { service: same, 'neo4j-graphql': same, floor: same },
    sameAnswerAs: id,
  };
}

/** Issue 17: as-of reads beside the current reads they must stay within 1.5× of. */
WORKLOADS.push(
  asOfTwin(
    'W1',
    'W1 as of an instant: entity by key + its 10 newest financial figures and their sources, asOf',
    `query($key: String!, $asOf: DateTime) { entity(key: $key, asOf: $asOf) { key name kind
      facts(kinds: ["FinancialFigure"], first: 10) { ${FIGURES} } } }`,
  ),
  asOfTwin(
    'W4F',
    'W4F as of an instant: first page of 20 facts by key, asOf',
    `query($after: String, $asOf: DateTime) { assertions(first: 20, after: $after, asOf: $asOf) {
      nodes { key kind summary } pageInfo { hasNextPage endCursor } } }`,
  ),
  asOfTwin(
    'W8',
    'W8 as of an instant: capex by country and period (one year, the first 100 rows), asOf',
    `query($year: Int!, $asOf: DateTime) { metricByCountry(metric: "capex", periodYear: $year, asOf: $asOf) {
      rows { country { key } periodYear periodType total { amount currency } } } }`,
  ),
);
