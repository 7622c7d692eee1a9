import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig, LimitsConfig, RateLimitsConfig } from '../config/index.ts';
import { authOf } from './auth.ts';
import { executionCost, type GraphSizes } from './graph-size.ts';
import type { Consumption, CounterStore } from './rate-limit-store.ts';

/** A client's budgets per window: requests, and query cost (what its answers may hold, src/server/query-cost.ts). */
interface Budgets {
  requests: number;
  cost: number;
}

/** What one request learned about its client's budgets, for the response headers. */
interface RequestBudget {
  client: string;
  budgets: Budgets;
  windowStart: number;
  resetSeconds: number;
  requests?: Consumption;
  cost?: Consumption;
}

const states = new WeakMap<Request, RequestBudget>();

/** The caller's address: the last entry of CLIENT_IP_HEADER (what the nearest proxy wrote) when set, else the socket's. */
function clientAddress(request: Request, serverContext: unknown, header: string | undefined): string {
  if (header) {
    const entries = (request.headers.get(header) ?? '').split(',').map((e) => e.trim());
    const last = entries[entries.length - 1];
    if (last) return last;
  }
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket;
  return socket?.remoteAddress ?? 'unknown';
}

/** Who a request comes from: `token:<name>` (one client whatever its address), else `ip:<address>`. */
export function clientKey(
  request: Request,
  serverContext: unknown,
  clientIpHeader: string | undefined,
  auth: AuthConfig,
) {
  const { principal } = authOf(request, auth);
  return principal === null ? `ip:${clientAddress(request, serverContext, clientIpHeader)}` : `token:${principal}`;
}

/** A token is one client whatever its address; anonymous clients are told apart by address. */
function clientOf(request: Request, serverContext: unknown, config: RateLimitsConfig, auth: AuthConfig) {
  const client = clientKey(request, serverContext, config.clientIpHeader, auth);
  return { client, budgets: client.startsWith('token:') ? config.token : config.anonymous };
}

function tooMany(what: 'requests' | 'query cost', state: RequestBudget, windowSeconds: number) {
  const limit = what === 'requests' ? state.budgets.requests : state.budgets.cost;
  return {
    message:
      `Rate limit: this client's ${what} budget of ${limit} per ${windowSeconds} s is spent; ` +
      `try again in ${state.resetSeconds} s`,
    extensions: { code: 'RATE_LIMITED', limit: what, retryAfterSeconds: state.resetSeconds },
  };
}

/** RateLimit-* headers: requests (Limit/Remaining/Reset, the IETF draft's names) and query cost (Cost-Limit/Remaining). */
function budgetHeaders(state: RequestBudget): Record<string, string> {
  const headers: Record<string, string> = {};
  if (state.requests && !state.requests.uncounted) {
    headers['ratelimit-limit'] = String(state.budgets.requests);
    headers['ratelimit-remaining'] = String(Math.max(0, state.budgets.requests - state.requests.used));
    headers['ratelimit-reset'] = String(state.resetSeconds);
  }
  if (state.cost && !state.cost.uncounted) {
    headers['ratelimit-cost-limit'] = String(state.budgets.cost);
    headers['ratelimit-cost-remaining'] = String(Math.max(0, state.budgets.cost - state.cost.used));
    headers['ratelimit-reset'] = String(state.resetSeconds);
  }
  return headers;
}

/**
 * Per-client budgets per window (RATE_LIMIT_*): every GraphQL request counts 1 against the requests budget before it
 * is parsed, and every operation its query cost before it runs. A spent budget answers 429 RATE_LIMITED with
 * Retry-After (the seconds until the window ends) and nothing runs; a refused request spends nothing. 0 turns a
 * budget off. Counters are this process's, or Redis's when REDIS_URL is set (src/server/rate-limit-store.ts).
 */
export function useRateLimits(
  config: RateLimitsConfig,
  auth: AuthConfig,
  limits: LimitsConfig,
  store: CounterStore,
  graphqlEndpoint: string,
  sizes: GraphSizes | null = null,
): Plugin {
  const enabled = [config.token, config.anonymous].some((b) => b.requests > 0 || b.cost > 0);
  if (!enabled) return {};
  const windowMs = config.windowSeconds * 1000;
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint || request.method === 'OPTIONS') return;
      if (request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html')) return;
      const now = Date.now();
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const state: RequestBudget = {
        ...clientOf(request, serverContext, config, auth),
        windowStart,
        resetSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
      };
      states.set(request, state);
      if (state.budgets.requests === 0) return;
      state.requests = await store.consume(
        `${state.client}:requests`,
        windowStart,
        windowMs,
        1,
        state.budgets.requests,
      );
      if (state.requests.allowed) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [tooMany('requests', state, config.windowSeconds)] }), {
          status: 429,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'retry-after': String(state.resetSeconds),
          },
        }),
      );
    },
    async onExecute({ args }) {
      const request = (args.contextValue as { request?: Request }).request;
      const state = request && states.get(request);
      if (!state || state.budgets.cost === 0) return;
      // The same count the MAX_QUERY_COST limit uses, so a request's cost is one figure everywhere.
      const cost = Math.ceil((await executionCost(args, limits.maxPageSize, sizes)).cost);
      state.cost = await store.consume(`${state.client}:cost`, state.windowStart, windowMs, cost, state.budgets.cost);
      if (state.cost.allowed) return;
      const { message, extensions } = tooMany('query cost', state, config.windowSeconds);
      throw new GraphQLError(message, {
        extensions: {
          ...extensions,
          cost,
          http: { status: 429, headers: { 'Retry-After': String(state.resetSeconds) } },
        },
      });
    },
    // Every answer of a counted request says what is left (the 429 above too).
    onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      for (const [name, value] of Object.entries(budgetHeaders(state))) response.headers.set(name, value);
    },
  };
}
