import type { Context } from 'hono';
import { nodeIncoming } from './node-bindings.js';
import { forwardedValue } from './proxy-headers.js';

const ORIGIN = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i;

/**
 * The URL the request arrived at: scheme and host as the server saw them (or as
 * the trusted proxy reports them), followed by the request target exactly as
 * received.
 */
export function requestUrl(c: Context, trustProxy: boolean): string {
  const seen = c.req.url;
  const origin = ORIGIN.exec(seen);
  if (!origin) return seen;

  const [prefix, seenScheme, seenHost] = origin;
  const target = nodeRequestTarget(c.env) ?? seen.slice(prefix.length);
  const scheme = (trustProxy && forwardedValue(c, 'x-forwarded-proto')) || seenScheme;
  const host = (trustProxy && forwardedValue(c, 'x-forwarded-host')) || seenHost;
  return `${scheme}://${host}${target}`;
}

/**
 * The target the socket received, when `@hono/node-server` exposes its
 * `IncomingMessage`. node-server rebuilds `c.req.url` with `new URL()` whenever
 * the target holds a `%`, which re-encodes `'` and `"` in the query; Twilio
 * signs the URL as it was written.
 */
function nodeRequestTarget(env: unknown): string | undefined {
  const url = nodeIncoming(env)?.url;
  return typeof url === 'string' && url.startsWith('/') ? url : undefined;
}
