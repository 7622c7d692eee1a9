// The page's only way to the data: POST /graphql, as any client (the token, limits and costs apply).

const TOKEN_KEY = 'explore.token';

/** Nodes on the graph and in the lists: enough to draw and filter them. */
const ENTITY_FIELDS = '__typename id key name entityKind: kind';
const FACT_FIELDS = '__typename id key summary factKind: kind period { year label }';
const NODE_FIELDS = `__typename ... on Entity { ${ENTITY_FIELDS} } ... on Assertion { ${FACT_FIELDS} }`;

export class ApiError extends Error {
  /** @param {string} message @param {string | undefined} code */
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** @param {string} value */
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * One GraphQL request: the answer's `data` and `errors` as they came (an unreadable answer is an ApiError).
 * @param {string} query @param {Record<string, unknown>} variables
 */
async function request(query, variables) {
  /** @type {Record<string, string>} */
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  const bearer = token();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError('The service did not answer.', 'NETWORK');
  }
  try {
    return await response.json();
  } catch {
    throw new ApiError(`The service answered HTTP ${response.status}.`, 'HTTP');
  }
}

/** @param {any} error */
function apiError(error) {
  const code = error.extensions?.code;
  const hint =
    code === 'UNAUTHENTICATED' || code === 'FORBIDDEN'
      ? ' Set a token with the read scope (Token, top right).'
      : code === 'TRUSTED_DOCUMENTS_ONLY'
        ? ' This service runs only its trusted documents: set a token with the research scope (Token, top right).'
        : '';
  return new ApiError(`${error.message}${hint}`, code);
}

/**
 * One GraphQL request whose every field must answer; the first error becomes an ApiError with its `extensions.code`.
 * @param {string} query @param {Record<string, unknown>} variables
 */
async function graphql(query, variables) {
  const body = await request(query, variables);
  if (body.errors?.[0]) throw apiError(body.errors[0]);
  return body.data;
}

/** @param {string} text */
export async function search(text) {
  const data = await graphql(
    `query ExploreSearch($q: String!) { search(query: $q, first: 12) { score node { ${NODE_FIELDS} } } }`,
    {
      q: text,
    },
  );
  return data.search.map((/** @type {{ node: unknown }} */ hit) => hit.node);
}

/**
 * An entity or a fact by key: both lookups in one request, and whichever answers wins (the other may answer null or
 * NOT_FOUND). Null when neither has it; an error that is not about the key (a token, a limit) is thrown.
 * @param {string} key
 */
export async function nodeByKey(key) {
  const body = await request(
    `query ExploreNode($key: String!) { entity(key: $key) { ${ENTITY_FIELDS} } assertion(key: $key) { ${FACT_FIELDS} } }`,
    { key },
  );
  const found = body.data?.entity ?? body.data?.assertion;
  if (found) return found;
  const other = body.errors?.find((/** @type {any} */ e) => e.extensions?.code !== 'NOT_FOUND');
  if (other) throw apiError(other);
  return null;
}

/** An entity's neighbours one hop away, at most `limit` of them. @param {string} key @param {number} limit */
export async function neighbours(key, limit) {
  const data = await graphql(
    `query ExploreNeighbours($key: String!, $limit: Int!) {
      neighborhood(key: $key, depth: 1, limit: $limit) {
        truncated nodes { ${NODE_FIELDS} } relationships { fromKey toKey type }
      }
    }`,
    { key, limit },
  );
  return data.neighborhood;
}

/** The entities a fact links, with their roles. @param {string} key */
export async function participants(key) {
  const data = await graphql(
    `query ExploreParticipants($key: String!) {
      assertion(key: $key) { ${FACT_FIELDS} participants { role entity { ${ENTITY_FIELDS} } } }
    }`,
    { key },
  );
  return data.assertion;
}

const SUPPORT = `sources { snippet verified locator start end source { key title kind url license citation publishedDate publisher { name } } }`;
const MONEY = 'amount currency qualifier lower upper asReported mode';

/** Everything the side panel shows about an entity: its properties and its facts with their sources. @param {string} key */
export async function entityDetails(key) {
  const data = await graphql(
    `query ExploreEntity($key: String!) {
      entity(key: $key) {
        __typename key name entityKind: kind description aliases wikidata properties { name value }
        facts(first: 25) { __typename key summary factKind: kind period { label year } ${SUPPORT} }
      }
    }`,
    { key },
  );
  return data.entity;
}

/** Everything the side panel shows about a fact: its values, who takes part and its sources. @param {string} key */
export async function factDetails(key) {
  const data = await graphql(
    `query ExploreFact($key: String!) {
      assertion(key: $key) {
        __typename key summary factKind: kind mode rank confidence attribution note
        period { label year yearInferred inference basis type }
        retraction { reason }
        participants { role entity { key name } }
        ${SUPPORT}
        ... on FinancialFigure { metric amount { ${MONEY} } change { percent asReported basis basisStated } }
        ... on GroupFigure { metric amount { ${MONEY} } change { percent asReported basis basisStated } }
        ... on Forecast { metric quantity { value unit qualifier asReported } unitPrice { ${MONEY} } }
        ... on Procurement { quantity { value unit qualifier asReported } unitPrice { ${MONEY} } }
        ... on ChipOwnership { metric status text quantity { value unit qualifier asReported } }
        ... on ChipDeployment { metric status text quantity { value unit qualifier asReported } }
        ... on Usage { metric status text quantity { value unit qualifier asReported } }
        ... on BuildOutSnapshot { metric status text amount { ${MONEY} } quantity { value unit qualifier asReported } }
        ... on Development { status }
        ... on ExportControlStatus { status }
        ... on Position { role }
        ... on Quote { metric text }
        ... on Claim { metric text }
      }
    }`,
    { key },
  );
  return data.assertion;
}
