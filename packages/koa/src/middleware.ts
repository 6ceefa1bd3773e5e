import {
  bodyForHandler,
  createTwilioGuard,
  type GuardVerdict,
  type TwilioGuard,
  type TwilioGuardOptions,
  type TwilioRequestContext,
} from '@twilio-guard/core';
import type { Context, Middleware } from 'koa';
import { toGuardRequest } from './guard-request.js';
import type { ParsedRequest } from './read-body.js';

/** What the guard adds to `ctx.state`; Koa's state type, to read it typed. */
export interface TwilioGuardState {
  twilio: TwilioRequestContext;
}

/**
 * Koa middleware that checks each request before the next middleware runs: rate
 * limit, signature, replay. An accepted request reaches `next()` with
 * `ctx.state.twilio` set; any other gets the guard's response and goes no
 * further.
 */
export function twilioGuard(
  guardOrOptions: TwilioGuardOptions | TwilioGuard,
): Middleware<TwilioGuardState> {
  const guard = createTwilioGuard(guardOrOptions);

  return async (ctx, next) => {
    const request = ctx.request as ParsedRequest;
    const parserRan = request.body !== undefined;
    const verdict = await guard.check(toGuardRequest(ctx, guard.bodyLimit));

    if (verdict.action === 'respond') {
      respond(ctx, verdict);
      return;
    }

    const { context } = verdict;
    ctx.set(verdict.headers);
    ctx.state.twilio = context;
    if (!parserRan) {
      // The guard consumed the stream, so hand on what it read, as a body
      // parser would.
      request.body = bodyForHandler(context);
      if (context.rawBody !== undefined) request.rawBody = context.rawBody;
    }
    await next();
  };
}

type Rejection = Extract<GuardVerdict, { action: 'respond' }>;

function respond(ctx: Context, verdict: Rejection): void {
  const { response } = verdict;
  ctx.set(response.headers);
  // The rest of an oversized body is still on the wire. Closing the connection
  // spares reading it, and a kept-alive socket would otherwise wait on a paused
  // stream until it times out.
  if (verdict.code === 'PAYLOAD_TOO_LARGE' && ctx.req.httpVersionMajor < 2)
    ctx.set('Connection', 'close');
  ctx.status = response.status;
  ctx.body = response.body;
}
