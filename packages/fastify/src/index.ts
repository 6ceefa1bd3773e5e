import type { TwilioRequestContext } from '@twilio-guard/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type {
  TwilioGuard,
  TwilioGuardOptions,
  TwilioRequestContext,
} from '@twilio-guard/core';
export { twilioGuard } from './plugin.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Checks a Twilio webhook: put it on a route as its `preHandler`. A
     * rejected request gets the guard's response and the handler never runs.
     */
    twilioGuard: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  }

  interface FastifyRequest {
    /** What the guard verified, on routes it guards; `null` on every other route. */
    twilio: TwilioRequestContext | null;
  }
}
