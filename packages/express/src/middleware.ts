import type { TwilioRequestContext } from '@twilio-guard/core';
import {
  bodyForHandler,
  createTwilioGuard,
  type TwilioGuard,
  type TwilioGuardOptions,
} from '@twilio-guard/core';
import type { RequestHandler } from 'express';
import { toGuardRequest } from './guard-request.js';

declare global {
  namespace Express {
    interface Request {
      /** What twilio-guard verified about this request, on every request it let through. */
      twilio?: TwilioRequestContext;
    }
  }
}

/**
 * Express middleware that rate-limits, blocks replays and verifies `X-Twilio-Signature` before
 * the route handler runs. An accepted request carries `req.twilio`; a rejected one is answered
 * here with `application/problem+json` and never reaches the handler.
 *
 * Mount it before any form body parser, or after one with `extended: false`. Without a parser,
 * the handler gets `req.body` as a parser would give it: the signed form parameters, or a JSON
 * webhook's parsed body.
 */
export function twilioGuard(guardOrOptions: TwilioGuardOptions | TwilioGuard = {}): RequestHandler {
  const guard = createTwilioGuard(guardOrOptions);

  return async (req, res, next) => {
    const parsedBefore = req.body !== undefined;
    const verdict = await guard.check(toGuardRequest(req, guard.bodyLimit));

    if (verdict.action === 'respond') {
      const { status, headers, body } = verdict.response;
      res.status(status).set(headers).end(body);
      return;
    }

    res.set(verdict.headers);
    req.twilio = verdict.context;
    if (!parsedBefore) req.body = bodyForHandler(verdict.context);
    next();
  };
}
