import type { GuardRequest } from '@twilio-guard/core';
import type { Context } from 'koa';
import { type ParsedRequest, readGuardBody } from './read-body.js';

/**
 * The request in core's shape. Scheme, host and client address come from Koa,
 * which trusts `X-Forwarded-*` only when `app.proxy` is set; the path and query
 * are the raw request target, never rebuilt, because Twilio signs them byte for
 * byte.
 */
export function toGuardRequest(ctx: Context, bodyLimit: number): GuardRequest {
  const { req } = ctx;
  const request = ctx.request as ParsedRequest;

  return {
    method: ctx.method,
    url: `${ctx.protocol}://${ctx.host}${ctx.originalUrl}`,
    headers: {
      ...req.headers,
      // Node folds a repeated header into one comma-joined string; the distinct
      // list lets core refuse a request that carries two signatures.
      'x-twilio-signature': req.headersDistinct['x-twilio-signature'],
    },
    ip: ctx.ip || undefined,
    body: () => readGuardBody(request, req, bodyLimit),
  };
}
