import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { LimitsConfig } from '../config/index.ts';
import { executionCost, type GraphSizes } from './graph-size.ts';
import type { CostReport } from './query-cost.ts';

/** Stable codes for every limit; clients branch on `extensions.code`, the message says which limit and why. */
export const LIMIT_CODES = {
  maxDepth: 'QUERY_TOO_DEEP',
  costLimit: 'QUERY_TOO_COMPLEX',
  maxAliases: 'TOO_MANY_ALIASES',
  maxTokens: 'TOO_MANY_TOKENS',
  maxDirectives: 'TOO_MANY_DIRECTIVES',
  body: 'PAYLOAD_TOO_LARGE',
  batch: 'BATCHING_LIMIT',
} as const;

const LIMIT_VARIABLES = {
  maxDepth: 'MAX_QUERY_DEPTH',
  costLimit: 'MAX_QUERY_COST',
  maxAliases: 'MAX_ALIASES',
  maxTokens: 'MAX_TOKENS',
  maxDirectives: 'MAX_DIRECTIVES',
} as const;

type ArmorProtection = keyof typeof LIMIT_VARIABLES;

/** graphql-armor reports "Syntax Error: … limit of n exceeded"; rethrow it with a code and the variable to tune. */
function rejectWith(protection: ArmorProtection) {
  return [
    (_ctx: unknown, error: GraphQLError) => {
      const why = error.message.replace(/^Syntax Error:\s*/, '');
      throw new GraphQLError(`${why} (limit ${LIMIT_VARIABLES[protection]})`, {
        extensions: { code: LIMIT_CODES[protection], limit: LIMIT_VARIABLES[protection], http: { status: 400 } },
      });
    },
  ];
}

export function useQueryLimits(limits: LimitsConfig): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, onReject: rejectWith('maxDepth') },
    // The cost limit is useQueryCost below: it knows each list's cap (variables, defaults, research views).
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, onReject: rejectWith('maxAliases') },
    maxTokens: { n: limits.maxTokens, onReject: rejectWith('maxTokens') },
    maxDirectives: { n: limits.maxDirectives, onReject: rejectWith('maxDirectives') },
    blockFieldSuggestion: { enabled: true },
  }) as Plugin;
}

const thousands = (n: number) => Math.ceil(n).toLocaleString('en-US');

/** What the refusal says: the total, the list fields that made it (outermost first), and how to narrow them. */
export function costMessage(report: CostReport, limit: number): string {
  const chain = report.costliest;
  const head = `Query cost ${thousands(report.cost)} exceeds the limit of ${thousands(limit)} (MAX_QUERY_COST)`;
  if (chain.length === 0) return `${head}: ask for fewer fields.`;
  const parts = chain.map((f) => `${f.path} (${f.because})`).join(' → ');
  const names = [...new Set(chain.map((f) => f.path.split('.').at(-1)))].join(' or ');
  const top = chain[0];
  return (
    `${head}. Each list counts its rows times what is selected in it; the costliest part is ${parts}, ` +
    `${thousands(top?.cost ?? 0)} in all. Narrow it: a smaller \`first\`/\`limit\` on ${names}, fewer fields ` +
    'inside them, or page with `after`.'
  );
}

/**
 * Rejects an operation whose cost (src/server/query-cost.ts documentCost: what its fields read, at their caps, a
 * connection at no more rows than the graph holds) exceeds MAX_QUERY_COST, before it runs, with 400 and code
 * QUERY_TOO_COMPLEX; the message and `extensions.costliest` say which fields cost most. Runs at execution (and at
 * subscription) because a cap given as a variable is only known then.
 */
export function useQueryCost(limits: LimitsConfig, sizes: GraphSizes | null = null): Plugin {
  const check = async (args: Parameters<typeof executionCost>[0]) => {
    const report = await executionCost(args, limits.maxPageSize, sizes);
    if (report.cost > limits.maxCost) {
      throw new GraphQLError(costMessage(report, limits.maxCost), {
        extensions: {
          code: LIMIT_CODES.costLimit,
          limit: 'MAX_QUERY_COST',
          max: limits.maxCost,
          cost: Math.ceil(report.cost),
          costliest: report.costliest.map((f) => ({ ...f, cost: Math.ceil(f.cost) })),
          http: { status: 400 },
        },
      });
    }
  };
  // A subscription's cost is what one of its events may hold.
  return { onExecute: ({ args }) => check(args), onSubscribe: ({ args }) => check(args) };
}

function payloadTooLarge(max: number) {
  return new GraphQLError(`The request body exceeds ${max} bytes (limit MAX_BODY_BYTES)`, {
    extensions: { code: LIMIT_CODES.body, limit: 'MAX_BODY_BYTES', max, http: { status: 413 } },
  });
}

/** Counts the bytes of a streamed body (chunked uploads declare no Content-Length) and stops at the limit. */
function limitedRequest(request: Request, max: number, fetchAPI: { Request: typeof Request }): Request {
  if (!request.body) return request;
  let size = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > max) controller.error(payloadTooLarge(max));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Rejects bodies over `maxBodyBytes` with 413 and code PAYLOAD_TOO_LARGE: by Content-Length when
 * declared, else while the stream is read. Yoga's own limit is turned off so this one answers.
 */
export function useBodyLimit(maxBodyBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
      // A declared length is what the HTTP server reads (it frames the body by it), so only a body without one
      // (chunked) is counted as it streams: re-wrapping every body in a counting stream cost each request.
      if (declared !== null && /^\d+$/.test(declared)) return;
      if (!requestParser || !request.body) return;
      const original = requestParser;
      setRequestParser((req) => original(limitedRequest(req, maxBodyBytes, fetchAPI)));
    },
  };
}

/** Yoga's `batching` option: off when the limit is 0; the rejection for arrays is explained by useBatchLimitMessage. */
export function batchingOption(limits: LimitsConfig): false | { limit: number } {
  return limits.maxBatchOperations > 0 ? { limit: limits.maxBatchOperations } : false;
}

/** Gives the batching rejection a stable code before Yoga's generic "invalid params" error. */
export function useBatchLimit(limits: LimitsConfig): Plugin {
  return {
    onRequestParse() {
      return {
        onRequestParseDone({ requestParserResult }) {
          if (!Array.isArray(requestParserResult)) return;
          const max = limits.maxBatchOperations;
          if (requestParserResult.length > max) {
            throw new GraphQLError(
              max === 0
                ? 'Batched requests (a JSON array of operations) are disabled (limit MAX_BATCH_OPERATIONS=0)'
                : `A batch holds ${requestParserResult.length} operations; at most ${max} are allowed (limit MAX_BATCH_OPERATIONS)`,
              { extensions: { code: LIMIT_CODES.batch, limit: 'MAX_BATCH_OPERATIONS', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
