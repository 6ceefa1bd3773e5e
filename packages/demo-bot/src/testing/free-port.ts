import { createServer } from 'node:net';

/** A port nothing listens on right now, found by letting the system pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Calls `probe` until it returns something other than `undefined`, and returns that. Gives up
 * after `timeoutMs` with `message`, so a test waiting on async work fails instead of hanging.
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  message: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
