import type { Context } from 'hono';

/**
 * The first value of an `X-Forwarded-*` header: what the proxy nearest the
 * client recorded. Read only when the app trusts its proxy, since anyone can
 * send these headers.
 */
export function forwardedValue(c: Context, name: string): string | undefined {
  const value = c.req.header(name)?.split(',', 1)[0]?.trim();
  return value || undefined;
}
