import type { IncomingMessage } from 'node:http';
import { type GuardBody, payloadTooLarge, unreadableBody } from '@twilio-guard/core';
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
  return { parsed: request.body, parserFix: PARSER_FIX };
}

const PARSER_FIX =
  'Mount the guard before the body parser, or let the parser keep the raw body ' +
  '(@koa/bodyparser and koa-bodyparser do; koa-body with includeUnparsed: true).';

function isUnread(req: IncomingMessage): boolean {
  return !req.readableEnded && !req.readableDidRead;
}

async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { length: req.headers['content-length'], limit });
  } catch (cause) {
    throw readError(cause, limit);
  }
}

function readError(cause: unknown, limit: number) {
  const status = (cause as { status?: unknown } | null)?.status;
  return status === 413 ? payloadTooLarge(limit, cause) : unreadableBody(cause);
}
