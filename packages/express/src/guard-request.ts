import type { GuardBody, GuardRequest } from '@twilio-guard/core';
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

  return { parsed: req.body, parserFix: PARSER_FIX };
}

const PARSER_FIX =
  'Mount the guard before the body parser, or keep the bytes: ' +
  'express.json({ verify: (req, res, buf) => { req.rawBody = buf } }) (the same for ' +
  'express.urlencoded), or use express.urlencoded({ extended: false }) for flat names.';
