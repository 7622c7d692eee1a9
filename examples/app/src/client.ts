import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A GraphQL error as the service sends it: a message and a stable `extensions.code` to branch on. */
export interface ServiceError {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    readonly status: number,
    readonly errors: ServiceError[],
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') || `HTTP ${status}`);
  }
  /** The codes of the errors, e.g. ["RATE_LIMITED"]. */
  get codes() {
    return this.errors.map((e) => e.extensions?.code ?? 'ERROR');
  }
}

export interface ClientOptions {
  /** The endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  /** A bearer token, when the app has one. */
  token?: string;
  /** The fetch to use (a test passes the service's own). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /**
   * Send each operation by its id only (a trusted document), as GET so that anonymous answers can be cached and
   * revalidated. False sends the whole document as POST.
   */
  persisted?: boolean;
}

/** The id graphql-codegen embedded in a document: the hex sha256 of the document in the manifest. */
function documentId(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== 'string') throw new Error('The document carries no id: regenerate it (npm run app:codegen)');
  return hash;
}

/** One typed call per operation: the result and the variables are the types codegen derived from the schema. */
export function createClient({ url, token, fetch = globalThis.fetch, persisted = true }: ClientOptions) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return async function request<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
  ): Promise<Result> {
    let response: Response;
    if (persisted) {
      const extensions = { persistedQuery: { version: 1, sha256Hash: documentId(document) } };
      const search = new URLSearchParams({
        variables: JSON.stringify(variables),
        extensions: JSON.stringify(extensions),
      });
      response = await fetch(`${url}?${search}`, {
        method: 'GET',
        headers: { ...headers, accept: 'application/json' },
      });
    } else {
      const { print } = await import('graphql');
      response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: print(document), variables }),
      });
    }
    const body = (await response.json()) as { data?: Result | null; errors?: ServiceError[] };
    if (body.errors?.length || body.data == null) throw new GraphQLRequestError(response.status, body.errors ?? []);
    return body.data;
  };
}

export type Request = ReturnType<typeof createClient>;
