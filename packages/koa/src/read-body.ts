import type { IncomingMessage } from 'node:http';
import { type GuardBody, TwilioGuardError } from '@twilio-guard/core';
import getRawBody from 'raw-body';

/** What Koa body parsers leave on `ctx.request`. */
export interface ParsedRequest {
  body?: unknown;
  rawBody?: unknown;
}

/**
 * The body as the guard should see it. Exact bytes win: the raw body a parser
 * kept (`@koa/bodyparser`, `koa-bodyparser`, `koa-body` with
 * `includeUnparsed`), or the stream itself when nothing has read it yet, which
 * also covers a parser that skipped an unfamiliar content type. Only a form
 * parser that consumed the stream and kept no bytes leaves its parsed object.
 * Read lazily, so the guard counts the request before a failure here becomes
 * the verdict.
 */
export async function readGuardBody(
  request: ParsedRequest,
  req: IncomingMessage,
  limit: number,
): Promise<GuardBody> {
  if (typeof request.rawBody === 'string') return { raw: request.rawBody };
  if (isUnread(req)) return { raw: await readRawBody(req, limit) };
  if (isForm(req)) return { parsed: request.body };
  throw bytesDiscarded();
}

function isUnread(req: IncomingMessage): boolean {
  return !req.readableEnded && !req.readableDidRead;
}

function isForm(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { length: req.headers['content-length'], limit });
  } catch (cause) {
    throw readError(cause, limit);
  }
}

function readError(cause: unknown, limit: number): TwilioGuardError {
  const status = (cause as { status?: unknown } | null)?.status;
  if (status === 413) {
    return new TwilioGuardError(
      'PAYLOAD_TOO_LARGE',
      `the request body is over ${limit} bytes. Raise bodyLimit if expected.`,
      { cause },
    );
  }
  // An aborted upload or a Content-Length the body does not match.
  const message = 'the request body could not be read.';
  return new TwilioGuardError('INVALID_BODY', message, { cause });
}

/** A JSON webhook is signed through the hash of bytes the parser dropped. */
function bytesDiscarded(): TwilioGuardError {
  return new TwilioGuardError(
    'BODY_PARSER_CONFLICT',
    'a body parser consumed a non-form body without keeping its bytes, ' +
      'so bodySHA256 cannot be checked. Mount the guard before the body ' +
      'parser, or let the parser keep the raw body ' +
      '(koa-body: includeUnparsed: true).',
  );
}
