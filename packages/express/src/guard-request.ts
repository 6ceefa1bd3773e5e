import { type GuardBody, type GuardRequest, TwilioGuardError } from '@twilio-guard/core';
import type { Request } from 'express';
import { readRawBody } from './read-body.js';

/**
 * The guard's view of an Express request. `req.protocol` and `req.host` follow the app's
 * `trust proxy` setting, and `req.originalUrl` is the request target as received, so the query
 * keeps the exact bytes Twilio signed.
 */
export function toGuardRequest(req: Request, bodyLimit: number): GuardRequest {
  return {
    method: req.method,
    url: `${req.protocol}://${req.host}${req.originalUrl}`,
    // Node joins a repeated header into one string; the distinct list shows the repeat.
    headers: { ...req.headers, 'x-twilio-signature': req.headersDistinct['x-twilio-signature'] },
    ip: req.ip,
    body: () => guardBody(req, bodyLimit),
  };
}

async function guardBody(req: Request, bodyLimit: number): Promise<GuardBody> {
  if (req.body === undefined) return { raw: await readRawBody(req, bodyLimit) };

  const rawBody: unknown = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(rawBody)) return { raw: rawBody };

  if (!req.is('application/x-www-form-urlencoded')) throw jsonParsedWithoutBytes();
  return { parsed: req.body };
}

/** A JSON webhook is signed through the hash of its exact bytes, which a parser discards. */
function jsonParsedWithoutBytes(): TwilioGuardError {
  return new TwilioGuardError(
    'BODY_PARSER_CONFLICT',
    'a body parser consumed a non-form body without keeping its bytes, so bodySHA256 cannot ' +
      'be checked. Mount the guard before the body parser, or keep the bytes with ' +
      'express.json({ verify: (req, res, buf) => { req.rawBody = buf } }).',
  );
}
