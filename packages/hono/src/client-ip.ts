import type { Context } from 'hono';

type GetConnInfo = (c: Context) => { remote: { address?: string | undefined } };

let nodeConnInfo: Promise<GetConnInfo | undefined> | undefined;

/** `getConnInfo` of `@hono/node-server`, loaded on first use because it is an optional peer. */
function loadNodeConnInfo(): Promise<GetConnInfo | undefined> {
  nodeConnInfo ??= import('@hono/node-server/conninfo').then(
    (module) => module.getConnInfo,
    () => undefined,
  );
  return nodeConnInfo;
}

/**
 * The client address for rate limiting: the app's own resolver first, then the
 * last `X-Forwarded-For` hop behind a trusted proxy, then the socket's peer
 * under node-server. The last hop is the address the trusted proxy itself saw;
 * the values before it were written by the client and would let it pick its
 * own rate-limit key.
 */
export async function resolveClientIp(
  c: Context,
  trustProxy: boolean,
  clientIp: ((c: Context) => string | undefined) | undefined,
): Promise<string | undefined> {
  const chosen = clientIp?.(c);
  if (chosen) return chosen;

  const forwarded = trustProxy ? lastForwardedFor(c) : undefined;
  if (forwarded) return forwarded;

  const getConnInfo = await loadNodeConnInfo();
  try {
    return getConnInfo?.(c).remote.address;
  } catch {
    // Another runtime, or `app.request()` in a test: there is no socket to ask.
    return undefined;
  }
}

function lastForwardedFor(c: Context): string | undefined {
  const hops = c.req.header('x-forwarded-for')?.split(',') ?? [];
  return hops.at(-1)?.trim() || undefined;
}
