export function sleep(ms: number) {
  return new Promise((ok) => setTimeout(ok, ms));
}

/** Polls `condition` every `intervalMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, intervalMs = 50) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
