import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { type GraphQLSchema, parse, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig, TrustedDocumentsConfig } from '../config/index.ts';
import { hasScope } from '../domain/access.ts';
import { authOf } from './auth.ts';

/** id (hex sha256 of the document) → the document. */
export type Manifest = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * Reads the trusted documents (TRUSTED_DOCUMENTS: `{ "<sha256 hex>": "<document>" }`, what `npm run app:codegen`
 * writes) and checks each id is its document's sha256 and each document is valid against the schema, so a stale
 * manifest stops the service at start instead of failing the app's requests.
 */
export function loadManifest(path: string, schema: GraphQLSchema): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ManifestError(`Cannot read the trusted documents at ${path}: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ManifestError(`${path}: must be a JSON object of sha256 id → document`);
  }
  const manifest = new Map<string, string>();
  for (const [id, document] of Object.entries(raw)) {
    if (!SHA256_HEX.test(id) || typeof document !== 'string') {
      throw new ManifestError(`${path}: "${id}" must be a lower-case sha256 hex id mapped to a document string`);
    }
    if (createHash('sha256').update(document, 'utf8').digest('hex') !== id) {
      throw new ManifestError(`${path}: "${id}" is not the sha256 of its document`);
    }
    const errors = validate(schema, parse(document));
    if (errors.length) {
      throw new ManifestError(`${path}: document ${id} does not validate against the schema: ${errors[0]?.message}`);
    }
    manifest.set(id, document);
  }
  return manifest;
}

/** Researchers (tokens with the `research` scope) may send any document, GraphiQL included. */
export const maySendAnyDocument = (request: Request, auth: AuthConfig) => hasScope(authOf(request, auth), 'research');

/**
 * Trusted documents over yoga's persisted-operations plugin, in the APQ request format
 * (`extensions.persistedQuery: { version: 1, sha256Hash }`, by GET or POST). An id from the manifest runs its
 * document; an unknown id is PERSISTED_QUERY_NOT_FOUND. A document sent as text runs as usual, unless
 * TRUSTED_DOCUMENTS_ONLY: then only a researcher's token may send one (403 TRUSTED_DOCUMENTS_ONLY otherwise).
 */
export function useTrustedDocuments(config: TrustedDocumentsConfig, auth: AuthConfig, manifest: Manifest): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id) => manifest.get(id) ?? null,
    allowArbitraryOperations: config.only ? (request) => maySendAnyDocument(request, auth) : true,
    customErrors: {
      notFound: {
        // APQ clients recognise this message and may resend the whole document.
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a GraphQL document (query) or a trusted document id (extensions.persistedQuery.sha256Hash)',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          'This service runs only trusted documents (TRUSTED_DOCUMENTS_ONLY): send the id of one ' +
          '(extensions.persistedQuery.sha256Hash) instead of the document, or use a token with the research scope',
        extensions: { code: 'TRUSTED_DOCUMENTS_ONLY', http: { status: 403 } },
      },
    },
  }) as Plugin;
}
