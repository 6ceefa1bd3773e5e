import type { IncomingMessage } from 'node:http';
import { payloadTooLarge, unreadableBody } from '@twilio-guard/core';
import getRawBody from 'raw-body';

/**
 * Reads the request body as bytes, stopping at `limit`. raw-body counts the bytes that arrive,
 * so a chunked body without `Content-Length` is limited too.
 */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit, length: req.headers['content-length'] });
  } catch (cause) {
    // Drain what is left so a kept-alive connection can carry the next request.
    req.resume();
    const type = (cause as { type?: unknown }).type;
    throw type === 'entity.too.large' ? payloadTooLarge(limit, cause) : unreadableBody(cause);
  }
}
