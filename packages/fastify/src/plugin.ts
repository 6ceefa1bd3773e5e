import {
  createTwilioGuard,
  isTwilioGuardError,
  payloadTooLarge,
  type TwilioGuard,
  type TwilioGuardError,
  type TwilioGuardOptions,
} from '@twilio-guard/core';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';
import { sendGuardResponse, toGuardRequest } from './guard-request.js';
import { addRawBodyParsers } from './raw-body.js';

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

async function guardPlugin(
  app: FastifyInstance,
  guardOrOptions: TwilioGuardOptions | TwilioGuard,
): Promise<void> {
  const guard = createTwilioGuard(guardOrOptions);
  if (guard !== guardOrOptions) app.addHook('onClose', () => guard.close());

  addRawBodyParsers(app);
  app.decorateRequest('twilio', null);

  const preHandler: PreHandler = async (request, reply) => {
    const verdict = await guard.check(toGuardRequest(request));
    if (verdict.action === 'respond') return sendGuardResponse(reply, verdict.response);

    reply.headers(verdict.headers);
    request.twilio = verdict.context;
    return undefined;
  };
  app.decorate('twilioGuard', preHandler);

  app.addHook('onRoute', (route) => {
    if (usesPreHandler(route, preHandler)) guardBodyErrors(route, guard);
  });
}

function usesPreHandler(route: RouteOptions, preHandler: PreHandler): boolean {
  const hooks: unknown = route.preHandler;
  return Array.isArray(hooks) ? hooks.includes(preHandler) : hooks === preHandler;
}

/**
 * A guarded route reads at most `guard.bodyLimit` bytes. Fastify reads the body
 * before any preHandler runs, so a body that is too large or malformed fails in
 * the parser; the route's error handler hands that failure to the guard, which
 * counts the request against the rate limit and answers with its problem
 * response. Any other error goes on as before.
 */
function guardBodyErrors(route: RouteOptions, guard: TwilioGuard): void {
  route.bodyLimit ??= guard.bodyLimit;
  const limit = route.bodyLimit;
  const routeErrorHandler = route.errorHandler;

  route.errorHandler = async function guardedErrorHandler(
    this: FastifyInstance,
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    // `twilio` stays null until the guard accepts the request.
    const failure = request.twilio === null ? bodyFailure(error, limit) : undefined;
    if (failure) {
      const body = () => Promise.reject(failure);
      const verdict = await guard.check(toGuardRequest(request, body));
      if (verdict.action === 'respond') return sendGuardResponse(reply, verdict.response);
    }
    if (routeErrorHandler) return routeErrorHandler.call(this, error, request, reply);
    throw error;
  };
}

function bodyFailure(error: FastifyError, limit: number): TwilioGuardError | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return payloadTooLarge(limit, error);
  }
  // Before the guard runs, only our form parser throws these: the body has
  // malformed percent-encoding.
  return isTwilioGuardError(error) ? error : undefined;
}

/**
 * The twilio-guard Fastify plugin. Register it with guard options (or a guard),
 * then put `app.twilioGuard` on the routes that receive Twilio webhooks as
 * their `preHandler`.
 */
export const twilioGuard = fp(guardPlugin, { name: '@twilio-guard/fastify', fastify: '5.x' });
