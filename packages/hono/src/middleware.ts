import {
  createTwilioGuard,
  type TwilioGuard,
  type TwilioGuardOptions,
  type TwilioRequestContext,
} from '@twilio-guard/core';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';
import { resolveClientIp } from './client-ip.js';
import { nodeIncoming } from './node-bindings.js';
import { readBody } from './read-body.js';
import { requestUrl } from './request-url.js';

/** The variables the guard sets: `c.get('twilio')` in handlers after it. */
export interface TwilioGuardEnv extends Env {
  Variables: { twilio: TwilioRequestContext };
}

export interface HonoAdapterOptions {
  /**
   * Whether a proxy in front of the app sets `X-Forwarded-Proto`,
   * `X-Forwarded-Host` and `X-Forwarded-For`. Turn it on only when every
   * request passes through that proxy: anyone can send these headers.
   * @default false
   */
  trustProxy?: boolean;
  /**
   * The client address for rate limiting, for runtimes other than
   * `@hono/node-server` (pass the runtime's `getConnInfo`) or a CDN's own
   * header. `undefined` falls back to the default.
   * @default the last X-Forwarded-For hop under trustProxy, else node-server's
   * peer address
   */
  clientIp?: (c: Context) => string | undefined;
}

/**
 * Hono middleware that checks a Twilio webhook before the handler runs. A
 * rejected request gets the guard's response; an accepted one continues with
 * its context in `c.get('twilio')`.
 */
export function twilioGuard<E extends Env = TwilioGuardEnv>(
  guardOrOptions?: TwilioGuardOptions | TwilioGuard,
  adapterOptions: HonoAdapterOptions = {},
): MiddlewareHandler<E & TwilioGuardEnv> {
  const guard = createTwilioGuard(guardOrOptions);
  const trustProxy = adapterOptions.trustProxy ?? false;

  return async (c, next) => {
    const verdict = await guard.check({
      method: c.req.method,
      url: requestUrl(c, trustProxy),
      // Fetch headers join a repeated name with ", ", which the guard reads as
      // two signatures.
      headers: Object.fromEntries(c.req.raw.headers),
      ip: await resolveClientIp(c, trustProxy, adapterOptions.clientIp),
      body: () => readBody(c.req, guard.bodyLimit),
    });

    if (verdict.action === 'respond') {
      const { status, headers, body } = verdict.response;
      if (verdict.code === 'PAYLOAD_TOO_LARGE' && nodeIncoming(c.env)?.httpVersionMajor === 1) {
        // The rest of the body stays unread, and node-server cannot drain a
        // body once it is half read: it would drop the socket under a client
        // that expects to reuse it.
        return c.newResponse(body, status as StatusCode, { ...headers, Connection: 'close' });
      }
      return c.newResponse(body, status as StatusCode, headers);
    }
    for (const [name, value] of Object.entries(verdict.headers)) c.header(name, value);
    c.set('twilio', verdict.context);
    await next();
  };
}
