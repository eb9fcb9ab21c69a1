// Waiting as a person waits: read something until it is as wanted. No test-runner import, so scripts run outside
// vitest (the store screenshots) use it too.

/** Reads `read()` until `ok` holds; fails naming `what` and the last value after `timeoutMs`. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
    value = await read();
  }
  return value;
}
