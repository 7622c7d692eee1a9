import { graphql } from './gql/index.ts';

/** A company's page: its names, its reported figures with the words of their sources. */
export const CompanyPage = graphql(`
  query CompanyPage($key: String!, $figures: Int = 10) {
    entity(key: $key) {
      __typename
      key
      name
      aliases
      ... on Company {
        figures(first: $figures) {
          key
          metric
          amount {
            amount
            currency
            asReported
          }
          period {
            label
            type
            year
          }
          change {
            percent
          }
          sources {
            snippet
            verified
            source {
              title
            }
          }
        }
      }
    }
  }
`);

/** The search box: entities and facts whose text matches, best first. */
export const Search = graphql(`
  query Search($query: String!, $first: Int = 10) {
    search(query: $query, first: $first) {
      score
      node {
        __typename
        id
        ... on Entity {
          key
          name
        }
        ... on Assertion {
          key
          summary
        }
      }
    }
  }
`);

/** The companies list screen, one page at a time (keyset cursors). */
export const CompanyList = graphql(`
  query CompanyList($first: Int!, $after: String) {
    companies(first: $first, after: $after) {
      nodes {
        key
        name
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
