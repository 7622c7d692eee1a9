import type { Request } from './client.ts';
import type { CompanyListQuery } from './gql/graphql.ts';
import { CompanyList, CompanyPage, Search } from './operations.ts';

/** What the app shows for a company: null when the key names no company. */
export async function companyPage(request: Request, key: string) {
  const { entity } = await request(CompanyPage, { key, figures: 10 });
  if (entity?.__typename !== 'Company') return null;
  return {
    name: entity.name,
    aliases: entity.aliases,
    figures: entity.figures.map((f) => ({
      metric: f.metric ?? 'unknown',
      amount: f.amount ? `${f.amount.amount} ${f.amount.currency}` : null,
      asReported: f.amount?.asReported ?? null,
      period: f.period?.label ?? null,
      changePercent: f.change?.percent ?? null,
      quotes: f.sources.map((s) => ({ snippet: s.snippet, source: s.source.title, verified: s.verified })),
    })),
  };
}

/** The search screen: one line per hit, entities by name and facts by summary. */
export async function searchScreen(request: Request, text: string, first = 5) {
  const { search } = await request(Search, { query: text, first });
  return search.map(({ score, node }) => {
    const label = 'name' in node ? node.name : 'summary' in node ? node.summary : node.id;
    return { type: node.__typename, label, score: Math.round(score * 100) / 100 };
  });
}

/** The companies list screen: walks every page of `pageSize` and returns the names in order, page by page. */
export async function companyListPages(request: Request, pageSize: number) {
  const pages: string[][] = [];
  let after: string | null = null;
  do {
    const { companies }: CompanyListQuery = await request(CompanyList, { first: pageSize, after });
    pages.push(companies.nodes.map((c) => c.name));
    after = companies.pageInfo.hasNextPage ? (companies.pageInfo.endCursor ?? null) : null;
  } while (after !== null);
  return pages;
}
