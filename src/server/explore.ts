import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { REPO_ROOT } from '../paths.ts';

/**
 * The /explore page: a graph drawn in the browser from the public GraphQL API. Its own files live in src/explore;
 * the drawing library comes from node_modules (production dependencies, so the Docker image has them). Nothing is
 * fetched from another host, and the page runs under a CSP that allows only this origin's scripts (no inline
 * script, no eval).
 */
export const EXPLORE_PATH = '/explore';

const PAGE_DIR = join(REPO_ROOT, 'src', 'explore');

const JS = 'text/javascript; charset=utf-8';

/** Every file the page may load, by its name under /explore/; anything else is 404. */
function pageFiles(): Record<string, { path: string; type: string }> {
  const fromRoot = createRequire(join(REPO_ROOT, 'package.json'));
  const fcose = fromRoot.resolve('cytoscape-fcose');
  const fromFcose = createRequire(fcose);
  return {
    'explore.css': { path: join(PAGE_DIR, 'explore.css'), type: 'text/css; charset=utf-8' },
    'main.js': { path: join(PAGE_DIR, 'main.js'), type: JS },
    'api.js': { path: join(PAGE_DIR, 'api.js'), type: JS },
    'graph.js': { path: join(PAGE_DIR, 'graph.js'), type: JS },
    'panel.js': { path: join(PAGE_DIR, 'panel.js'), type: JS },
    'url-state.js': { path: join(PAGE_DIR, 'url-state.js'), type: JS },
    'vendor/cytoscape.min.js': { path: join(dirname(fromRoot.resolve('cytoscape')), 'cytoscape.min.js'), type: JS },
    'vendor/layout-base.js': { path: fromFcose.resolve('layout-base'), type: JS },
    'vendor/cose-base.js': { path: fromFcose.resolve('cose-base'), type: JS },
    'vendor/cytoscape-fcose.js': { path: fcose, type: JS },
  };
}

export const EXPLORE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(path: string, type: string): Asset {
  const body = readFileSync(path);
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

let loaded: { page: Asset; assets: Map<string, Asset> } | undefined;

/**
 * The files, read on the first request for the page and then kept (every server built in this process shares them):
 * a server nobody opens /explore on neither reads nor holds them.
 */
function files() {
  loaded ??= {
    page: asset(join(PAGE_DIR, 'index.html'), 'text/html; charset=utf-8'),
    assets: new Map(Object.entries(pageFiles()).map(([name, file]) => [name, asset(file.path, file.type)])),
  };
  return loaded;
}

/** Serves GET /explore (the page) and /explore/<file>, revalidated by ETag. */
export function useExplorePage(): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const path = url.pathname;
      if (path !== EXPLORE_PATH && path !== `${EXPLORE_PATH}/` && !path.startsWith(`${EXPLORE_PATH}/`)) return;
      const { page, assets } = files();
      const found =
        path === EXPLORE_PATH || path === `${EXPLORE_PATH}/` ? page : assets.get(path.slice(EXPLORE_PATH.length + 1));
      const headers: Record<string, string> = {
        'content-security-policy': EXPLORE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (!found) {
        endResponse(new fetchAPI.Response('Not found', { status: 404, headers }));
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          new fetchAPI.Response('Method not allowed', { status: 405, headers: { ...headers, allow: 'GET' } }),
        );
        return;
      }
      Object.assign(headers, { 'content-type': found.type, 'cache-control': 'no-cache', etag: found.etag });
      const fresh = request.headers.get('if-none-match') === found.etag;
      endResponse(
        fresh
          ? new fetchAPI.Response(null, { status: 304, headers })
          : new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(found.body), { headers }),
      );
    },
  };
}
