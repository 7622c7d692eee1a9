import { type ExecutionResult, GraphQLError, type GraphQLFormattedError, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.ts';
import type { LiveChanges } from '../services/live-changes.ts';

type FetchAPI = { ReadableStream: typeof ReadableStream; Response: typeof Response };

const acceptsEventStream = (request: Request) => (request.headers.get('accept') ?? '').includes('text/event-stream');

/** What the client sees: Yoga's internal `http` hints (status, headers) stay on the server. */
function withoutInternals(result: ExecutionResult): unknown {
  const { http: _http, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
  const errors = result.errors?.map((error) => {
    const json = error instanceof GraphQLError ? error.toJSON() : (error as GraphQLFormattedError);
    const { http: _h, ...rest } = (json.extensions ?? {}) as Record<string, unknown>;
    return { ...json, extensions: rest };
  });
  return {
    ...('data' in result ? { data: result.data } : {}),
    ...(errors ? { errors } : {}),
    ...(Object.keys(extensions).length ? { extensions } : {}),
  };
}

/**
 * GraphQL over SSE, distinct connections mode (the protocol graphql-sse and Yoga speak), with what a subscription
 * stream needs beyond Yoga's own processor: every event carries `id: <seq>` (the change's place in the log, so a
 * browser's EventSource resumes with Last-Event-ID on its own), and a comment line every SUBSCRIPTION_HEARTBEAT_MS
 * while nothing happens. `event: complete` ends a stream that ends (shutdown, a dropped slow reader).
 */
function eventStreamProcessor(heartbeatMs: number, signal: AbortSignal) {
  return (result: unknown, fetchAPI: FetchAPI) => {
    const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    let heartbeat: NodeJS.Timeout | undefined;
    const stream = new fetchAPI.ReadableStream<Uint8Array>({
      start(controller) {
        // Some clients wait for a first byte before they report the stream open.
        controller.enqueue(encoder.encode(':\n\n'));
        heartbeat = setInterval(() => {
          if (controller.desiredSize === null) clearInterval(heartbeat);
          else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
        }, heartbeatMs);
        // The client went away: nothing reads this stream any more, so stop its timer and its subscription here.
        signal.addEventListener(
          'abort',
          () => {
            clearInterval(heartbeat);
            void iterator.return?.();
            try {
              controller.close();
            } catch {
              // already closed
            }
          },
          { once: true },
        );
      },
      async pull(controller) {
        let next: IteratorResult<ExecutionResult>;
        try {
          next = await iterator.next();
        } catch (error) {
          clearInterval(heartbeat);
          controller.error(error);
          return;
        }
        if (next.value) {
          const seq = (next.value.extensions as { seq?: unknown } | undefined)?.seq;
          const id = typeof seq === 'number' ? `id: ${seq}\n` : '';
          const data = JSON.stringify(withoutInternals(next.value));
          controller.enqueue(encoder.encode(`event: next\n${id}data: ${data}\n\n`));
        }
        if (next.done) {
          clearInterval(heartbeat);
          controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
          controller.close();
        }
      },
      async cancel() {
        clearInterval(heartbeat);
        await iterator.return?.();
      },
    });
    return new fetchAPI.Response(stream, {
      status: 200,
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  };
}

/**
 * Subscriptions: each event's result carries `extensions.seq` (and the SSE `id:`), streams use the processor above,
 * and a mutation through this process makes the tailer read the log at once.
 */
export function useLiveStreams(live: LiveChanges | undefined, heartbeatMs: number): Plugin {
  if (!live) return {};
  return {
    onSubscribe() {
      return {
        onSubscribeResult() {
          return {
            onNext({ args, result, setResult }) {
              const seq = (args.contextValue as unknown as Context).live?.eventSeq;
              if (seq !== undefined) setResult({ ...result, extensions: { ...result.extensions, seq } });
            },
          };
        },
      };
    },
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      return { onExecuteDone: () => live.poke() };
    },
    onResultProcess({ request, result, setResultProcessor }) {
      if (isAsyncIterable(result) && acceptsEventStream(request)) {
        setResultProcessor(eventStreamProcessor(heartbeatMs, request.signal) as never, 'text/event-stream');
      }
    },
  };
}
