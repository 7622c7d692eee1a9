import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getOperationAST, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AppsConfig, AuthConfig } from '../config/index.ts';
import type { Database } from '../db/database.ts';
import { hasScope } from '../domain/access.ts';
import { REPO_ROOT } from '../paths.ts';
import { authOf } from './auth.ts';
import { clientBookmarks, requestInfo } from './request-info.ts';
import { type Manifest, maySendAnyDocument } from './trusted-documents.ts';

/**
 * The code's own version: a hash of every file under src/ and cypher/, so a deploy that changes what a query answers
 * changes every ETag, while replicas running the same code agree on them.
 */
function codeVersion(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]))
      .sort();
  for (const file of [...walk(join(REPO_ROOT, 'src')), ...walk(join(REPO_ROOT, 'cypher'))]) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * The document a GET names: its `query` (unless only trusted documents may run for this client: then the request is
 * refused, never answered 304), or the trusted document its persisted-query id names.
 */
function documentOf(url: URL, manifest: Manifest, textAllowed: () => boolean): string | undefined {
  const query = url.searchParams.get('query');
  if (query) return textAllowed() ? query : undefined;
  try {
    const extensions = JSON.parse(url.searchParams.get('extensions') ?? 'null');
    const id = extensions?.persistedQuery?.sha256Hash;
    return typeof id === 'string' ? manifest.get(id) : undefined;
  } catch {
    return undefined;
  }
}

/** Only a query may be cached: a GET that names a mutation is refused by Yoga (405) and gets no validator here. */
function isQuery(document: string, operationName: string | null): boolean {
  try {
    return getOperationAST(parse(document), operationName ?? undefined)?.operation === 'query';
  } catch {
    return false;
  }
}

const matches = (ifNoneMatch: string, etag: string) =>
  ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag.replace(/^W\//, ''));

interface Cacheable {
  etag: string;
  cacheControl: string;
}

const cacheable = new WeakMap<Request, Cacheable>();

/**
 * HTTP caching of reads sent as GET (src/server/http-cache.ts): an ETag derived from where the data stands (the
 * database's last committed transaction, Database.dataVersion), the code and the request, and `304 Not Modified`
 * without running anything when If-None-Match still matches. Anonymous answers are `public`, a read token's
 * `private`; a token with the write scope gets `no-store` (it must see its own writes), and so does anything that is
 * not a GET of a query. Answers with errors get no validator.
 */
export function useHttpCache(
  { httpCache: config, trustedDocuments }: Pick<AppsConfig, 'httpCache' | 'trustedDocuments'>,
  auth: AuthConfig,
  database: Database,
  manifest: Manifest,
  graphqlEndpoint: string,
): Plugin {
  if (!config.enabled) return {};
  const code = codeVersion();
  const freshness = config.maxAgeSeconds > 0 ? `max-age=${config.maxAgeSeconds}` : 'no-cache';
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint || request.method !== 'GET') return;
      if ((request.headers.get('accept') ?? '').includes('text/html')) return;
      const who = authOf(request, auth);
      if (hasScope(who, 'write')) return;
      const textAllowed = () => !trustedDocuments.only || maySendAnyDocument(request, auth);
      const document = documentOf(url, manifest, textAllowed);
      if (!document || !isQuery(document, url.searchParams.get('operationName'))) return;
      let version: string;
      try {
        version = await database.scope(requestInfo(request).id, undefined, clientBookmarks(request)).dataVersion();
      } catch {
        return; // Neo4j is away: the request itself will say so, uncached.
      }
      const tag = createHash('sha256')
        .update([version, code, url.search, request.headers.get('accept') ?? ''].join('\0'))
        .digest('base64url')
        .slice(0, 27);
      const entry = {
        etag: `W/"${tag}"`,
        cacheControl: `${who.principal === null ? 'public' : 'private'}, ${freshness}`,
      };
      cacheable.set(request, entry);
      const ifNoneMatch = request.headers.get('if-none-match');
      if (ifNoneMatch && matches(ifNoneMatch, entry.etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304 }));
      }
    },
    onResponse({ request, response }) {
      const entry = cacheable.get(request);
      const ok =
        entry && (response.status === 304 || (response.status === 200 && !requestInfo(request).errorCodes.length));
      if (entry && ok) {
        response.headers.set('etag', entry.etag);
        response.headers.set('cache-control', entry.cacheControl);
        const vary = response.headers.get('vary');
        response.headers.set('vary', vary ? `${vary}, Accept, Authorization` : 'Accept, Authorization');
      } else if (request.method === 'GET' && new URL(request.url).pathname === graphqlEndpoint) {
        if ((request.headers.get('accept') ?? '').includes('text/html')) return;
        response.headers.set('cache-control', 'no-store');
      }
    },
  };
}
