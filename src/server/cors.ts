import type { Plugin } from 'graphql-yoga';
import type { CorsConfig } from '../config/index.ts';

/** What a browser app may send: its token, our request headers, and conditional GETs. */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'x-request-id', 'x-neo4j-bookmarks', 'if-none-match'];

/** What a browser app may read from an answer: caching, rate limits, request ids and write bookmarks. */
const EXPOSED_HEADERS = [
  'etag',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-cost-limit',
  'ratelimit-cost-remaining',
  'x-request-id',
  'x-neo4j-bookmarks',
];

/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

function allows(config: CorsConfig, origin: string): boolean {
  return config.origins.includes('*') || config.origins.includes(origin.toLowerCase());
}

/**
 * Yoga's `cors` option: an origin on the allow-list (CORS_ORIGINS) gets the CORS headers naming exactly that origin;
 * any other origin gets none, so its browser refuses the answer. Credentials only with CORS_CREDENTIALS.
 */
export function corsOption(config: CorsConfig) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allows(config, origin)) return false as const;
    return {
      origin: [origin],
      credentials: config.credentials,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };
}

/** With an allow-list the CORS headers depend on Origin: say so, so no cache hands one origin's answer to another. */
export function useCorsVary(config: CorsConfig): Plugin {
  if (config.origins.length === 0) return {};
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (
        !vary
          ?.toLowerCase()
          .split(/\s*,\s*/)
          .includes('origin')
      ) {
        response.headers.set('vary', vary ? `${vary}, Origin` : 'Origin');
      }
    },
  };
}
