import type { GuardBody, GuardRequest, GuardResponse } from '@twilio-guard/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { rawBodyOf } from './raw-body.js';

/**
 * The request in the guard's shape. Scheme and host are Fastify's, so forwarded
 * headers count only under `trustProxy`; `request.host` keeps the port, which
 * Twilio signs when the URL has one. The target is the one received, never
 * rebuilt from parsed parts.
 */
export function toGuardRequest(
  request: FastifyRequest,
  body: GuardRequest['body'] = bodyOf(request),
): GuardRequest {
  return {
    method: request.method,
    url: `${request.protocol}://${request.host}${request.originalUrl}`,
    // One list per name, so a repeated X-Twilio-Signature is seen as two
    // headers. Requests made with `app.inject()` are not IncomingMessages and
    // have only the merged headers.
    headers: request.raw.headersDistinct ?? request.headers,
    ip: request.ip,
    body,
  };
}

/** The raw bytes when our parser read them; otherwise what the app's own parser produced. */
function bodyOf(request: FastifyRequest): GuardBody {
  const raw = rawBodyOf(request);
  if (raw) return { raw };

  const { body } = request;
  if (body === undefined || body === null) return { none: true };
  if (typeof body === 'string' || body instanceof Uint8Array) return { raw: body };
  return { parsed: body };
}

export function sendGuardResponse(reply: FastifyReply, response: GuardResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).send(response.body);
}
