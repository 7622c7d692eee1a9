import { waitFor } from './wait.ts';

/** One Server-Sent Event as the wire carries it (`event:`, `id:`, `data:` lines), with when it arrived. */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
  /** performance.now() when its blank line arrived. */
  at: number;
}

/**
 * A subscription over real HTTP, read as an SSE client does: the stream is parsed as it arrives (comment lines are
 * heartbeats); `close()` drops the connection like a client that goes away.
 */
export interface SseStream {
  status: number;
  contentType: string;
  /** The body when the answer is not an event stream (a refusal). */
  body: string;
  events: SseEvent[];
  heartbeats: number;
  /** Resolves when the server ended the stream (or the connection dropped). */
  ended: Promise<void>;
  /** Waits until `count` events of type `next` arrived; throws after `timeoutMs`. */
  nextEvents(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

export interface SseRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** GET with the operation in the URL (what a browser's EventSource sends), else POST. */
  method?: 'GET' | 'POST';
}

export async function openSse(request: SseRequest): Promise<SseStream> {
  const abort = new AbortController();
  const method = request.method ?? 'POST';
  const headers = { accept: 'text/event-stream', ...(request.headers ?? {}) };
  let url = request.url;
  let body: string | undefined;
  if (method === 'GET') {
    const params = new URLSearchParams({ query: request.query });
    if (request.variables) params.set('variables', JSON.stringify(request.variables));
    url = `${url}?${params}`;
  } else {
    body = JSON.stringify({ query: request.query, variables: request.variables ?? {} });
    Object.assign(headers, { 'content-type': 'application/json' });
  }
  const response = await fetch(url, { method, headers, body, signal: abort.signal });
  const contentType = response.headers.get('content-type') ?? '';
  const stream: SseStream = {
    status: response.status,
    contentType,
    body: '',
    events: [],
    heartbeats: 0,
    ended: Promise.resolve(),
    async nextEvents(count, timeoutMs = 30_000) {
      const next = () => stream.events.filter((e) => e.event === 'next');
      await waitFor(() => next().length >= count, timeoutMs, 10);
      return next().slice(0, count);
    },
    close: () => abort.abort(),
  };
  if (!contentType.startsWith('text/event-stream') || !response.body) {
    stream.body = await response.text();
    return stream;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let pending = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        pending += value;
        let end = pending.indexOf('\n\n');
        while (end !== -1) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const lines = block.split('\n');
          if (lines.every((line) => line.startsWith(':'))) stream.heartbeats += 1;
          else {
            const field = (name: string) =>
              lines
                .filter((line) => line.startsWith(`${name}:`))
                .map((line) => line.slice(name.length + 1).replace(/^ /, ''));
            stream.events.push({
              event: field('event')[0] ?? 'message',
              id: field('id')[0],
              data: field('data').join('\n'),
              at: performance.now(),
            });
          }
          end = pending.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close(), or the connection dropped
    }
  })();
  return stream;
}

/** The JSON of a `next` event. */
export const payload = (event: SseEvent) => JSON.parse(event.data) as { data?: any; errors?: any[]; extensions?: any };
